/** The markdown report: the comparison table, the targets, memory and the view-count check. */
import type { Measurement, RunResult } from './load.js';
import { WRK_THREADS } from './wrk.js';

/** 'not-found' is a scanner's request (/wp-login.php): the site's 404 page, served from the cache. */
export type PageName = 'article' | 'category' | 'home' | 'not-found';
export type Encoding = 'gzip' | 'identity';
export type Generator = 'autocannon' | 'wrk';

export interface Row {
  generator: Generator;
  page: PageName;
  encoding: Encoding;
  cong: Measurement;
  congBodyBytes: number;
  nginx?: Measurement;
  nginxBodyBytes?: number;
}

/** The DESIGN.md speed targets for the article page, against nginx serving the same bytes. */
export const TARGETS = { minReqPerSecRatio: 0.5, maxP99Ratio: 2 };
/** A load generator above this share of its threads' cores was probably the limit, not the server. */
const SATURATED_SHARE = 0.9;
const GENERATOR_THREADS: Record<Generator, number> = { autocannon: 1, wrk: WRK_THREADS };

export interface TargetCheck {
  label: string;
  isMet: boolean;
  detail: string;
}

export interface ViewCheck {
  expected: number;
  actual: number;
  isExact: boolean;
  note: string;
}

export interface ReportInput {
  rows: Row[];
  rss: { idleKib: number; peakKib: number; afterKib: number };
  viewCheck: ViewCheck;
  generation: { articleCount: number; structureMs: number; bulkMs: number; totalMs: number };
  firstRenderMs: Record<PageName, number>;
  environment: string[];
}

const int = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '—');
const ms = (n: number) => (Number.isFinite(n) ? (n < 10 ? n.toFixed(2) : n.toFixed(1)) : '—');
const ratio = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : '—');
const mib = (kib: number) => `${(kib / 1024).toFixed(0)} MiB`;

export function checkTargets(rows: Row[]): TargetCheck[] {
  return rows.flatMap((row) => {
    if (!row.nginx) return [];
    const c = row.cong.main;
    const n = row.nginx.main;
    const rate = c.reqPerSec / n.reqPerSec;
    const p99 = c.p99Ms / n.p99Ms;
    // A saturated generator caps nginx's figure, which flatters the ratio.
    const isSaturated = n.clientCpuPercent >= SATURATED_SHARE * 100 * GENERATOR_THREADS[row.generator];
    const caveat = isSaturated ? ` — ${row.generator} used ${int(n.clientCpuPercent)}% CPU during the nginx run, so nginx's figure is the generator's ceiling` : '';
    const name = `${row.generator}, article ${row.encoding}`;
    return [
      { label: `${name}: req/s ≥ ${TARGETS.minReqPerSecRatio}× nginx`, isMet: rate >= TARGETS.minReqPerSecRatio, detail: `${ratio(rate)}× (${int(c.reqPerSec)} vs ${int(n.reqPerSec)} req/s)${caveat}` },
      { label: `${name}: p99 ≤ ${TARGETS.maxP99Ratio}× nginx`, isMet: p99 <= TARGETS.maxP99Ratio, detail: `${ratio(p99)}× (${ms(c.p99Ms)} vs ${ms(n.p99Ms)} ms)` },
    ];
  });
}

function mainTable(rows: Row[]): string[] {
  const lines = [
    '| page | encoding | body bytes (Cổng / nginx) | Cổng req/s | Cổng p50 ms | Cổng p99 ms | nginx req/s | nginx p50 ms | nginx p99 ms | req/s Cổng/nginx | p99 Cổng/nginx |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const row of rows) {
    const c = row.cong.main;
    const n = row.nginx?.main;
    const bytes = row.nginxBodyBytes === undefined ? int(row.congBodyBytes) : `${int(row.congBodyBytes)} / ${int(row.nginxBodyBytes)}`;
    const nginxCells = n ? [int(n.reqPerSec), ms(n.p50Ms), ms(n.p99Ms), ratio(c.reqPerSec / n.reqPerSec), ratio(c.p99Ms / n.p99Ms)] : ['—', '—', '—', '—', '—'];
    lines.push(`| ${row.page} | ${row.encoding} | ${bytes} | ${int(c.reqPerSec)} | ${ms(c.p50Ms)} | ${ms(c.p99Ms)} | ${nginxCells.join(' | ')} |`);
  }
  return lines;
}

function statusSummary(run: RunResult): string {
  const codes = Object.entries(run.statusCounts).map(([code, count]) => `${code}×${int(count)}`).join(' ');
  const problems = [run.errors ? `errors ${run.errors}` : '', run.timeouts ? `timeouts ${run.timeouts}` : '', run.wasCutShort ? 'CUT SHORT' : ''].filter(Boolean).join(' ');
  return problems ? `${codes} ${problems}` : codes;
}

/** Per-run details that explain the main table: was the server or the load generator the limit? */
function detailsTable(rows: Row[]): string[] {
  const lines = ['| generator | server | page | encoding | responses | seconds | statuses | wire bytes/resp | server CPU % | server CPU µs/resp | load-generator CPU % | other CPU % |', '| --- | --- | --- | --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |'];
  const add = (server: string, row: Row, run: RunResult) =>
    lines.push(`| ${row.generator} | ${server} | ${row.page} | ${row.encoding} | ${int(run.responses)} | ${run.seconds.toFixed(1)} | ${statusSummary(run)} | ${int(run.wireBytesPerResponse)} | ${int(run.serverCpuPercent)} | ${int(run.serverCpuMicrosPerResponse)} | ${int(run.clientCpuPercent)} | ${int(run.otherCpuPercent)} |`);
  for (const row of rows) add('Cổng', row, row.cong.main);
  for (const row of rows) if (row.nginx) add('nginx', row, row.nginx.main);
  return lines;
}

export function renderReport(input: ReportInput): string {
  const targets = checkTargets(input.rows);
  const allMet = targets.every((t) => t.isMet);
  const g = input.generation;
  const wrkRows = input.rows.filter((row) => row.generator === 'wrk');
  return [
    '# Cổng vs nginx: public pages under load',
    '',
    '## autocannon',
    '',
    ...mainTable(input.rows.filter((row) => row.generator === 'autocannon')),
    '',
    ...(wrkRows.length > 0 ? ['## wrk cross-check (article page)', '', ...mainTable(wrkRows), ''] : []),
    `## Targets (article page): ${allMet ? 'all met' : 'NOT all met'}`,
    '',
    ...targets.map((t) => `- ${t.isMet ? '✅' : '❌'} ${t.label}: ${t.detail}`),
    '',
    '## Cổng process',
    '',
    `- RSS (VmRSS): ${mib(input.rss.idleKib)} idle after start, ${mib(input.rss.peakKib)} peak under load, ${mib(input.rss.afterKib)} after the runs`,
    `- First (uncached) render: article ${ms(input.firstRenderMs.article)} ms, category ${ms(input.firstRenderMs.category)} ms, home ${ms(input.firstRenderMs.home)} ms, 404 page ${ms(input.firstRenderMs['not-found'])} ms`,
    `- View counter: ${input.viewCheck.isExact ? 'OK' : 'MISMATCH'}: database ${int(input.viewCheck.actual)}, expected ${int(input.viewCheck.expected)}${input.viewCheck.isExact ? '' : ` (difference ${input.viewCheck.actual - input.viewCheck.expected})`}; ${input.viewCheck.note}`,
    `- Data set: ${int(g.articleCount)} bulk articles + the seed article; generated in ${(g.totalMs / 1000).toFixed(1)} s (site, media and seed article ${(g.structureMs / 1000).toFixed(1)} s, bulk insert ${(g.bulkMs / 1000).toFixed(1)} s)`,
    '',
    '## Runs',
    '',
    ...detailsTable(input.rows),
    '',
    '## Environment',
    '',
    ...input.environment.map((line) => `- ${line}`),
    '',
  ].join('\n');
}
