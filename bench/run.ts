/**
 * `npm run bench`: Cổng's public pages under load, against nginx serving the same bytes
 * from a file (DESIGN.md, Speed). Reads top to bottom:
 *   1. generate a site with 10,000 articles in a fresh temporary DATA_DIR (SQLite);
 *   2. build dist/ and start the real server (`node dist/cli/main.js serve`) on it;
 *   3. save the article page's bytes (and a .gz) for nginx and start nginx;
 *   4. autocannon on the article page (Cổng, then nginx, per encoding), category, home and
 *      a scanner's 404 (/wp-login.php);
 *   5. stop Cổng with SIGTERM (it writes its counters) and check the article's view count;
 *   6. cross-check the article page with wrk on a fresh Cổng process and on nginx;
 *   7. print the report and write it to bench/out/results.md.
 * Everything started or created is undone at the end, on failure and on Ctrl-C.
 *
 * Knobs (environment, for quick runs): BENCH_ARTICLES (10000), BENCH_CONNECTIONS (50),
 * BENCH_SECONDS (10), BENCH_CPU_PROF=1 (write a V8 CPU profile of the server to bench/out/).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import SQLite from 'better-sqlite3';
import { cleanUp, cleanUpOnSignals, onCleanup } from './lib/cleanup.js';
import { startCong, type CongServer } from './lib/cong-server.js';
import { BROWSER_UA, LOOPBACK, freePort, getRaw, type RawResponse } from './lib/http.js';
import { measure, type LoadSettings, type Measurement } from './lib/load.js';
import { NGINX_WORKERS, publishPage, startNginx, type NginxServer } from './lib/nginx.js';
import { RssSampler, rssKib, tail, waitForQuietMachine, type Child } from './lib/processes.js';
import { checkTargets, renderReport, type Encoding, type Generator, type PageName, type Row, type ViewCheck } from './lib/report.js';
import { SEED_VIEW_COUNT, generateSite, type GeneratedSite } from './lib/site-data.js';
import { isWrkInstalled, measureWithWrk } from './lib/wrk.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = path.join(REPO_ROOT, 'bench', 'out');
/** Sized so that the whole article page (body, menus, sidebars, gallery) is about 65 KB, like the reference. */
const SEED_BODY_BYTES = 31_000;
const PAGES: PageName[] = ['article', 'category', 'home', 'not-found'];
const ENCODINGS: Encoding[] = ['gzip', 'identity'];

function envInt(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer`);
  return value;
}

function headersFor(encoding: Encoding): Record<string, string> {
  return encoding === 'gzip' ? { 'user-agent': BROWSER_UA, 'accept-encoding': 'gzip' } : { 'user-agent': BROWSER_UA };
}

/** A private scratch directory, world-traversable because nginx workers run as "nobody". */
function makeTempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cong-bench-'));
  fs.chmodSync(dir, 0o755);
  const remove = () => fs.rmSync(dir, { recursive: true, force: true });
  onCleanup('remove temporary directory', remove, remove);
  return dir;
}

function log(message: string): void {
  console.log(`[bench] ${message}`);
}

/** Views made by the bench's own requests to the article page, so the check can include them. */
let ownArticleViews = 0;

async function fetchPage(port: number, urlPath: string, encoding: Encoding, isArticle: boolean, expectedStatus = 200): Promise<RawResponse> {
  const response = await getRaw(port, urlPath, headersFor(encoding));
  if (response.status !== expectedStatus) throw new Error(`GET ${urlPath} (${encoding}) answered ${response.status}, expected ${expectedStatus}`);
  if (isArticle) ownArticleViews++;
  const isGzip = response.headers['content-encoding'] === 'gzip';
  if (isGzip !== (encoding === 'gzip')) throw new Error(`GET ${urlPath} (${encoding}) came back with content-encoding ${response.headers['content-encoding'] ?? 'none'}`);
  // A body that does not inflate would make every gzip number meaningless.
  if (isGzip) zlib.gunzipSync(response.body);
  return response;
}

interface CongPages {
  bytes: Record<PageName, Record<Encoding, number>>;
  firstRenderMs: Record<PageName, number>;
  articleIdentity: Buffer;
}

/** Fetches every page once per encoding: the first fetch renders it (timed), the rest come from the cache. */
async function fetchCongPages(cong: CongServer, site: GeneratedSite): Promise<CongPages> {
  const bytes = {} as CongPages['bytes'];
  const firstRenderMs = {} as CongPages['firstRenderMs'];
  let articleIdentity: Buffer = Buffer.alloc(0);
  for (const page of PAGES) {
    const status = page === 'not-found' ? 404 : 200;
    const identity = await fetchPage(cong.port, site.paths[page], 'identity', page === 'article', status);
    const gzip = await fetchPage(cong.port, site.paths[page], 'gzip', page === 'article', status);
    firstRenderMs[page] = identity.ms;
    bytes[page] = { identity: identity.body.length, gzip: gzip.body.length };
    if (page === 'article') articleIdentity = identity.body;
  }
  return { bytes, firstRenderMs, articleIdentity };
}

/** The view count Cổng wrote, read after it stopped (read-only: the bench never changes it). */
function readViewCount(dataDir: string, articleId: string): number {
  const db = new SQLite(path.join(dataDir, 'cong.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare('select view_count from articles where id = ?').get(articleId) as { view_count: number } | undefined;
    if (!row) throw new Error(`article ${articleId} is not in the database`);
    return Number(row.view_count);
  } finally {
    db.close();
  }
}

function environment(settings: LoadSettings): string[] {
  // nginx -v prints to stderr.
  const nginxVersion = spawnSync('/usr/sbin/nginx', ['-v'], { encoding: 'utf8' }).stderr.trim().replace(/^nginx version: /, '') || 'nginx';
  const cpus = os.cpus();
  return [
    `${new Date().toISOString()} · ${os.type()} ${os.release()} · ${cpus.length} × ${cpus[0]?.model ?? 'CPU'} · ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM`,
    `Node ${process.version} (Cổng and the load generator) · ${nginxVersion} (worker_processes ${NGINX_WORKERS})`,
    `autocannon in this process: ${settings.connections} connections, pipelining 1, ${settings.warmupSeconds} s warm-up then ~${settings.seconds} s per run (fixed request count sized from the warm-up)`,
    `wrk: 2 threads, ${settings.connections} connections, ${settings.warmupSeconds} s warm-up then ${settings.seconds} s`,
    `Cổng, nginx and the load generator share the same ${cpus.length} cores (CPU % is of one core): a load generator near 100 % set the pace, not the server; a high "other CPU %" means something else was running and the numbers are low`,
  ];
}

/** Publishes Cổng's article bytes for nginx, starts it and checks it serves exactly those bytes. */
async function startReference(tmp: string, articlePath: string, articleIdentity: Buffer): Promise<{ nginx: NginxServer; gzipBytes: number }> {
  const dir = path.join(tmp, 'nginx');
  const root = path.join(dir, 'html');
  fs.mkdirSync(root, { recursive: true, mode: 0o755 });
  const gzipBytes = publishPage(root, articlePath, articleIdentity);
  const nginx = await startNginx({ dir, root, port: await freePort(), probePath: articlePath });
  for (const encoding of ENCODINGS) {
    const response = await fetchPage(nginx.port, articlePath, encoding, false);
    const expected = encoding === 'gzip' ? gzipBytes : articleIdentity.length;
    if (response.body.length !== expected) throw new Error(`nginx served ${response.body.length} bytes for ${encoding}, expected ${expected}`);
  }
  return { nginx, gzipBytes };
}

type Runs = Map<string, Measurement>;

/** Shared machines (CI, colleagues' tests) distort load numbers: start each run in a quiet moment if one comes. */
async function waitForQuiet(): Promise<void> {
  if (!(await waitForQuietMachine({ maxBusyPercent: 20, timeoutMs: 30_000 }))) log('  the machine stayed busy for 30 s; measuring anyway (see "other CPU %")');
}
const runKey = (server: 'Cổng' | 'nginx', page: PageName, encoding: Encoding) => `${server} ${page} ${encoding}`;

/** A server that died mid-run (a crash, or someone's `pkill node`) would make every later number meaningless. */
function assertAlive(server: { child: Child; logFile: string }): void {
  if (!server.child.isAlive()) throw new Error(`${server.child.name} exited during the runs\n--- log ---\n${tail(server.logFile)}`);
}

interface LoadTarget {
  server: 'Cổng' | 'nginx';
  page: PageName;
  encoding: Encoding;
  port: number;
  pid: number;
}

/**
 * The order of the runs: each article run on Cổng is followed at once by the same run on
 * nginx, because a shared VM's speed drifts over minutes and the ratio is what matters;
 * the other Cổng pages come after.
 */
function loadOrder(cong: CongServer, nginx: NginxServer, pages: PageName[]): LoadTarget[] {
  const congTarget = (page: PageName, encoding: Encoding): LoadTarget => ({ server: 'Cổng', page, encoding, port: cong.port, pid: cong.child.pid });
  return [
    ...ENCODINGS.flatMap((encoding): LoadTarget[] => [congTarget('article', encoding), { server: 'nginx', page: 'article', encoding, port: nginx.port, pid: nginx.child.pid }]),
    ...pages.filter((page) => page !== 'article').flatMap((page) => ENCODINGS.map((encoding) => congTarget(page, encoding))),
  ];
}

/** autocannon on every Cổng page and on nginx's article page. */
async function loadWithAutocannon(input: { cong: CongServer; nginx: NginxServer; site: GeneratedSite; settings: LoadSettings }): Promise<Runs> {
  const runs: Runs = new Map();
  for (const target of loadOrder(input.cong, input.nginx, PAGES)) {
    log(`autocannon: ${target.server} ${target.page} ${target.encoding} …`);
    await waitForQuiet();
    const url = `http://${LOOPBACK}:${target.port}${input.site.paths[target.page]}`;
    const result = await measure({ url, headers: headersFor(target.encoding), serverPid: target.pid, settings: input.settings });
    assertAlive(input.cong);
    assertAlive(input.nginx);
    runs.set(runKey(target.server, target.page, target.encoding), result);
    log(`  ${Math.round(result.main.reqPerSec)} req/s, p99 ${result.main.p99Ms.toFixed(2)} ms`);
  }
  return runs;
}

/** wrk on the article page of a Cổng started afresh (after the view check) and of nginx. */
async function loadWithWrk(input: { cong: CongServer; nginx: NginxServer; site: GeneratedSite; settings: LoadSettings; workDir: string }): Promise<Runs> {
  const runs: Runs = new Map();
  for (const target of loadOrder(input.cong, input.nginx, ['article'])) {
    log(`wrk: ${target.server} article ${target.encoding} …`);
    await waitForQuiet();
    const url = `http://${LOOPBACK}:${target.port}${input.site.paths.article}`;
    const label = `${target.server === 'Cổng' ? 'cong' : 'nginx'}-${target.encoding}`;
    const result = await measureWithWrk({ url, headers: headersFor(target.encoding), serverPid: target.pid, settings: input.settings, workDir: input.workDir, label });
    assertAlive(input.cong);
    assertAlive(input.nginx);
    runs.set(runKey(target.server, 'article', target.encoding), result);
    log(`  ${Math.round(result.main.reqPerSec)} req/s, p99 ${result.main.p99Ms.toFixed(2)} ms`);
  }
  return runs;
}

function rowsOf(input: { generator: Generator; runs: Runs; pages: PageName[]; congBytes: CongPages['bytes']; nginxBytes: Record<Encoding, number> }): Row[] {
  return input.pages.flatMap((page) =>
    ENCODINGS.map((encoding): Row => {
      const nginx = input.runs.get(runKey('nginx', page, encoding));
      return {
        generator: input.generator,
        page,
        encoding,
        cong: input.runs.get(runKey('Cổng', page, encoding))!,
        congBodyBytes: input.congBytes[page][encoding],
        ...(nginx ? { nginx, nginxBodyBytes: input.nginxBytes[encoding] } : {}),
      };
    }),
  );
}

async function bench(): Promise<void> {
  const settings: LoadSettings = { connections: envInt('BENCH_CONNECTIONS', 50), seconds: envInt('BENCH_SECONDS', 10), warmupSeconds: 2 };
  const articleCount = envInt('BENCH_ARTICLES', 10_000);
  const tmp = makeTempDir();
  const dataDir = path.join(tmp, 'data');
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const congOptions = async () => ({ repoRoot: REPO_ROOT, dataDir, port: await freePort(), logFile: path.join(tmp, 'cong.log'), cpuProfileDir: process.env.BENCH_CPU_PROF ? OUT_DIR : undefined });

  // 1. Data.
  log(`generating a site with ${articleCount.toLocaleString('en-US')} articles in ${dataDir} …`);
  const site = await generateSite({ dataDir, mediaDir: path.join(dataDir, 'media'), articleCount, seedBodyBytes: SEED_BODY_BYTES });
  log(`generated in ${(site.timings.totalMs / 1000).toFixed(1)} s (structure ${(site.timings.structureMs / 1000).toFixed(1)} s, bulk insert ${(site.timings.bulkMs / 1000).toFixed(1)} s)`);

  // 2. The real server, and each page once (the first request renders it).
  const cong = await startCong(await congOptions());
  const idleRssKib = rssKib(cong.child.pid) ?? 0;
  log(`Cổng listening on http://${LOOPBACK}:${cong.port} (pid ${cong.child.pid})`);
  const pages = await fetchCongPages(cong, site);
  log(`article page: ${pages.bytes.article.identity.toLocaleString('en-US')} bytes, ${pages.bytes.article.gzip.toLocaleString('en-US')} gzipped`);

  // 3. nginx with the same bytes.
  const { nginx, gzipBytes } = await startReference(tmp, site.paths.article, pages.articleIdentity);
  const nginxBytes = { gzip: gzipBytes, identity: pages.articleIdentity.length };
  log(`nginx listening on http://${LOOPBACK}:${nginx.port} (pid ${nginx.child.pid})`);

  // 4. Load with autocannon, sampling Cổng's memory meanwhile.
  const rss = new RssSampler(cong.child.pid);
  const autocannonRuns = await loadWithAutocannon({ cong, nginx, site, settings });
  rss.stop();

  // 5. Stop Cổng the way an operator does (SIGTERM writes the in-memory counters), then check them.
  const exit = await cong.stop();
  if (exit !== 0) throw new Error(`Cổng exited with ${exit} after SIGTERM\n${tail(cong.logFile)}`);
  const viewCheck = checkViews(autocannonRuns, readViewCount(dataDir, site.seedArticleId));
  log(`view counter: ${viewCheck.isExact ? 'OK' : `expected ${viewCheck.expected}, database has ${viewCheck.actual}`}`);

  // 6. Cross-check the article page with wrk, on a fresh Cổng process over the same data.
  let wrkRuns: Runs = new Map();
  if (isWrkInstalled()) {
    const again = await startCong(await congOptions());
    await fetchCongPages(again, site);
    wrkRuns = await loadWithWrk({ cong: again, nginx, site, settings, workDir: tmp });
    await again.stop();
  } else {
    log('wrk not found at /usr/bin/wrk: skipping the cross-check');
  }
  await nginx.stop();

  // 7. Report.
  const rows = [
    ...rowsOf({ generator: 'autocannon', runs: autocannonRuns, pages: PAGES, congBytes: pages.bytes, nginxBytes }),
    ...(wrkRuns.size > 0 ? rowsOf({ generator: 'wrk', runs: wrkRuns, pages: ['article'], congBytes: pages.bytes, nginxBytes }) : []),
  ];
  const report = renderReport({
    rows,
    rss: { idleKib: idleRssKib, peakKib: rss.peakKib, afterKib: rss.lastKib },
    viewCheck,
    generation: { articleCount, ...site.timings },
    firstRenderMs: pages.firstRenderMs,
    environment: environment(settings),
  });
  console.log(`\n${report}`);
  fs.writeFileSync(path.join(OUT_DIR, 'results.md'), report);
  log(`written to ${path.relative(process.cwd(), path.join(OUT_DIR, 'results.md'))}`);
  if (!checkTargets(rows).every((t) => t.isMet) || !viewCheck.isExact) process.exitCode = 1;
}

/** Every 200/304 answer to the article (autocannon's, warm-ups included, and the bench's own) is one view. */
function checkViews(runs: Runs, actual: number): ViewCheck {
  const articleRuns = ENCODINGS.map((encoding) => runs.get(runKey('Cổng', 'article', encoding))!);
  const loadViews = articleRuns.reduce((sum, run) => sum + run.viewResponsesIncludingWarmup, 0);
  const expected = SEED_VIEW_COUNT + loadViews + ownArticleViews;
  const isCutShort = articleRuns.some((run) => run.wasAnyRunCutShort);
  const note = `${SEED_VIEW_COUNT.toLocaleString('en-US')} at creation + ${loadViews.toLocaleString('en-US')} 200/304 answers to autocannon + ${ownArticleViews} to the bench's own fetches${isCutShort ? '; a run was cut short by its time limit, so requests in flight may be counted by the server only' : ''}`;
  return { expected, actual, isExact: actual === expected, note };
}

cleanUpOnSignals();
try {
  await bench();
} catch (error) {
  console.error('\n[bench] failed:', error instanceof Error ? error.message : error);
  if (error instanceof Error && error.stack) console.error(error.stack.split('\n').slice(1, 6).join('\n'));
  process.exitCode = 1;
} finally {
  await cleanUp();
}
