/**
 * `npm run bench:search`: the search engine at scale (issue 7, Benchmark). Reads top to
 * bottom:
 *   1. generate 100,000 Vietnamese article records (deterministic: same words every run);
 *   2. per engine, a fresh database (a temporary SQLite file; a temporary PostgreSQL
 *      database when BENCH_DATABASE_URL or TEST_DATABASE_URL is set), migrated, and the
 *      index built with reindexSite, the path `cong reindex` takes (timed);
 *   3. the same mix of one-word, two-word, phrase and filtered queries on each engine,
 *      half typed with diacritics and half without, each timed end to end (searchSite:
 *      parse, rank, count, load, snippets);
 *   4. a table of p50/p95/p99 per engine and kind, and the build time.
 * Exit code 1 when an engine's p95 is 30 ms or more. Everything created is removed at the
 * end, on failure and on Ctrl-C.
 *
 * Knobs: BENCH_SEARCH_RECORDS (100000), BENCH_SEARCH_QUERIES (per kind, 200),
 * BENCH_SEARCH_ENGINES (sqlite,postgres), BENCH_SEARCH_KEEP_DATABASE=1 (leave the
 * PostgreSQL database for EXPLAIN; its name is printed), BENCH_SEARCH_REUSE_DATABASE=<name>
 * (query a kept PostgreSQL database again without building it: for tuning queries),
 * BENCH_SEARCH_SLOWEST=<n> (print the n slowest queries of each engine, to EXPLAIN them).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { migrations } from '../src/migrations/index.js';
import { reindexSite, searchSite, type SearchRecord, type SearchSource } from '../src/modules/search/index.js';
import { createSite } from '../src/modules/sites/index.js';
import { openPostgres, openSqlite, type Db, type Engine } from '../src/platform/db/kysely.js';
import { migrateToLatest } from '../src/platform/db/migrator.js';
import { cleanUp, cleanUpOnSignals, onCleanup } from './lib/cleanup.js';
import { waitForQuietMachine } from './lib/processes.js';

const RECORDS = envInt('BENCH_SEARCH_RECORDS', 100_000);
const QUERIES_PER_KIND = envInt('BENCH_SEARCH_QUERIES', 200);
const WARMUP_QUERIES = 30;
const TARGET_P95_MS = 30;
const CATEGORIES = Array.from({ length: 12 }, (_, i) => `chuyen-muc-${i + 1}`);
const FIRST_DAY = Date.UTC(2021, 0, 1);
const DAYS = 5 * 365;
const NOW = new Date(FIRST_DAY + DAYS * 86_400_000);

/**
 * Words of a provincial department's news, most common first: drawn with a Zipf law, so
 * "công tác" is everywhere and "Đắk Lắk" rare, as on a real site.
 */
const WORDS: string[] = `
và|của|các|công tác|năm|tỉnh|được|người|trong|thực hiện|lao động|xã hội|với|cho|đã|theo|có|tại|về|đến|
triển khai|chính sách|hỗ trợ|người có công|thương binh|huyện|ban hành|kế hoạch|quy định|nhiệm vụ|
hội nghị|tổng kết|đánh giá|kết quả|chỉ đạo|Ủy ban nhân dân|Sở|doanh nghiệp|người dân|cán bộ|
công chức|viên chức|đơn vị|địa phương|trên địa bàn|bảo đảm|an sinh|việc làm|đào tạo|nghề|
trợ cấp|chi trả|bảo hiểm|thất nghiệp|y tế|trẻ em|gia đình|hộ nghèo|giảm nghèo|bền vững|
chương trình|mục tiêu|quốc gia|phát triển|kinh tế|văn hóa|giáo dục|tuyên truyền|phổ biến|pháp luật|
thông báo|quyết định|nghị định|thông tư|hướng dẫn|văn bản|hồ sơ|thủ tục|hành chính|cải cách|
tiếp nhận|giải quyết|kiến nghị|phản ánh|khiếu nại|tố cáo|thanh tra|kiểm tra|giám sát|phối hợp|
tổ chức|hoạt động|phong trào|thi đua|khen thưởng|biểu dương|điển hình|tiên tiến|tập thể|cá nhân|
lãnh đạo|Giám đốc|Phó Giám đốc|Chủ tịch|Bí thư|đồng chí|đại biểu|tham dự|phát biểu|nhấn mạnh|
yêu cầu|đề nghị|tiếp tục|tăng cường|nâng cao|chất lượng|hiệu quả|đổi mới|chuyển đổi số|dịch vụ công|
trực tuyến|cổng thông tin|điện tử|ứng dụng|công nghệ|thông tin|dữ liệu|số hóa|hệ thống|phần mềm|
thăm hỏi|tặng quà|gia đình chính sách|liệt sĩ|mẹ Việt Nam anh hùng|nghĩa trang|tri ân|đền ơn đáp nghĩa|
ngày Thương binh liệt sĩ|kỷ niệm|lễ|dâng hương|viếng|truyền thống|cách mạng|kháng chiến|
người khuyết tật|người cao tuổi|bảo trợ xã hội|trung tâm|cơ sở|chăm sóc|phục hồi chức năng|
bình đẳng giới|phụ nữ|bạo lực|phòng chống|tệ nạn|ma túy|mại dâm|cai nghiện|tái hòa nhập|cộng đồng|
an toàn|vệ sinh|tai nạn|tháng hành động|người lao động|người sử dụng lao động|hợp đồng|tiền lương|
xuất khẩu lao động|thị trường|tư vấn|giới thiệu|phiên giao dịch|tuyển dụng|tuyển sinh|học nghề|
giáo dục nghề nghiệp|trường|cao đẳng|trung cấp|sơ cấp|học viên|sinh viên|tốt nghiệp|kỹ năng|
ngân sách|kinh phí|nguồn vốn|vay vốn|giải ngân|đầu tư|xây dựng|công trình|nhà ở|sửa chữa|
dịch bệnh|COVID-19|phòng dịch|tiêm chủng|vắc xin|khó khăn|ảnh hưởng|thiên tai|bão lũ|cứu trợ|
Tết|Nguyên đán|xuân|quà Tết|mùa|tháng|quý|6 tháng đầu năm|năm 2022|năm 2023|năm 2024|năm 2025|
Kon Tum|Gia Lai|Đắk Lắk|Đắk Nông|Lâm Đồng|Quảng Ngãi|Đà Nẵng|Hà Nội|Thành phố Hồ Chí Minh|Tây Nguyên|
Đắk Hà|Đắk Tô|Ngọc Hồi|Sa Thầy|Kon Plông|Kon Rẫy|Tu Mơ Rông|Ia H'Drai|Đắk Glei|thành phố|
xã|phường|thị trấn|thôn|làng|buôn|đồng bào|dân tộc thiểu số|vùng sâu|vùng xa|biên giới|
Bộ Lao động - Thương binh và Xã hội|Chính phủ|Thủ tướng|Quốc hội|Hội đồng nhân dân|Mặt trận Tổ quốc|
Liên đoàn Lao động|Hội Cựu chiến binh|Hội Liên hiệp Phụ nữ|Đoàn Thanh niên|Công an|Quân sự|
đoàn công tác|làm việc|khảo sát|thực tế|họp|thảo luận|thống nhất|ký kết|quy chế|phối hợp liên ngành|
sáng kiến|giải pháp|đề án|dự án|dự thảo|lấy ý kiến|góp ý|công khai|minh bạch|trách nhiệm|
hội thảo|tập huấn|bồi dưỡng|nghiệp vụ|chuyên môn|báo cáo viên|giảng viên|tài liệu|chứng chỉ|
hỏi đáp|câu hỏi|trả lời|công dân|tiếp công dân|lịch|lịch công tác|giờ|sáng|chiều|
hoàn thành|vượt|chỉ tiêu|tăng|giảm|so với|cùng kỳ|tỷ lệ|phần trăm|triệu đồng|tỷ đồng|
đời sống|vật chất|tinh thần|nhân dân|nhân đạo|từ thiện|quỹ|vận động|ủng hộ|quyên góp|
nghỉ|nghỉ phép|nghỉ hưu|hưu trí|chế độ|lương hưu|mất sức|tử tuất|ốm đau|thai sản|
hỏi|nghĩ|nghị|hội|đồng|hồ|đông|động|công|cộng|
`.split('|').map((w) => w.trim()).filter(Boolean);

function envInt(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer`);
  return value;
}

function log(message: string): void {
  console.log(`[bench:search] ${message}`);
}

/** mulberry32: a small seeded generator, so every run searches the same text. */
function randomGenerator(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Draws words with a Zipf law (weight 1/rank): a few words everywhere, most of them rare. */
function zipfPicker(random: () => number): () => string {
  const cumulative: number[] = [];
  let sum = 0;
  for (let rank = 1; rank <= WORDS.length; rank++) cumulative.push((sum += 1 / rank));
  return () => {
    const target = random() * sum;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (cumulative[mid]! < target) low = mid + 1;
      else high = mid;
    }
    return WORDS[low]!;
  };
}

/** Syllables for the long tail of rarer words (and given names), and family names. */
const SYLLABLES = 'an bình cường dũng hà hải hạnh hòa hùng hương lan linh long mai nam nga phong phương quang sơn tâm thảo thắng trang tuấn vân việt yến khánh ngọc minh đức hữu quốc thanh kiên trung hiếu nghĩa lộc phúc thịnh vượng điền viên thủy mộc kim thổ hỏa giang sông núi rừng đồi suối thác bến cảng chợ đình chùa miếu cầu đường phố ngõ hẻm xóm ấp bản nương rẫy ruộng vườn ao hồ đầm phá vịnh đảo bãi cát đá sỏi than dầu khí điện nước gió nắng mưa sương tuyết'.split(' ');
const FAMILY_NAMES = 'Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý'.split(' ');
const TAIL_SIZE = 20_000;

/** One of TAIL_SIZE rarer words (a place, a person, a document number), drawn with a Zipf law of its own. */
function tailPicker(random: () => number): () => string {
  const weights: number[] = [];
  let sum = 0;
  for (let rank = 1; rank <= TAIL_SIZE; rank++) weights.push((sum += 1 / rank));
  const syllable = (n: number) => SYLLABLES[n % SYLLABLES.length]!;
  return () => {
    const target = random() * sum;
    let low = 0;
    let high = weights.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (weights[mid]! < target) low = mid + 1;
      else high = mid;
    }
    const n = low * 7919;
    switch (low % 4) {
      case 0: return `${FAMILY_NAMES[n % FAMILY_NAMES.length]} ${syllable(n >> 4)} ${syllable(n >> 9)}`.replace(/(^|\s)(\p{Ll})/gu, (_, space: string, c: string) => space + c.toUpperCase());
      case 1: return `số ${low}/QĐ-UBND`;
      default: return `${syllable(n >> 3)} ${syllable(n >> 11)}`;
    }
  };
}

function sentence(pick: () => string, random: () => number, words: number): string {
  const text = Array.from({ length: words }, pick).join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}${random() < 0.2 ? ':' : '.'}`;
}

/** The records, generated on the fly (100,000 bodies need not all sit in memory). */
function* generateRecords(siteId: string, count: number): Generator<SearchRecord> {
  const random = randomGenerator(20_261_129);
  const common = zipfPicker(random);
  const rare = tailPicker(random);
  // About a quarter of the words are the long tail a real site has: names, places, numbers.
  const pick = () => (random() < 0.25 ? rare() : common());
  const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  for (let i = 0; i < count; i++) {
    const paragraphs = Array.from({ length: between(2, 5) }, () => Array.from({ length: between(2, 5) }, () => sentence(pick, random, between(8, 22))).join(' '));
    yield {
      siteId,
      type: 'article',
      id: `bai-${i}`,
      title: sentence(pick, random, between(5, 12)).slice(0, -1),
      text: paragraphs.join('\n'),
      url: `/tin-tuc/bai-${i}`,
      publishedAt: new Date(FIRST_DAY + Math.floor(random() * DAYS * 86_400_000)).toISOString(),
      categoryId: CATEGORIES[between(0, CATEGORIES.length - 1)]!,
      language: 'vi',
    };
  }
}

type Kind = 'one word' | 'two words' | 'phrase' | 'filtered';
const KINDS: Kind[] = ['one word', 'two words', 'phrase', 'filtered'];

interface BenchQuery {
  kind: Kind;
  text: string;
  categoryIds?: string[];
  publishedFrom?: Date;
  publishedBefore?: Date;
}

const fold = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');

/** The query mix: words drawn evenly from the vocabulary (common and rare alike), half typed without diacritics. */
function queryMix(count: number): BenchQuery[] {
  const random = randomGenerator(7);
  const any = () => WORDS[Math.floor(random() * WORDS.length)]!;
  const syllables = WORDS.flatMap((w) => w.split(/[\s-]+/)).filter((s) => /\p{L}/u.test(s));
  const compounds = WORDS.filter((w) => w.split(' ').length >= 2);
  const typed = (text: string) => (random() < 0.5 ? fold(text).toLowerCase() : text);
  const queries: BenchQuery[] = [];
  for (let i = 0; i < count; i++) {
    queries.push({ kind: 'one word', text: typed(syllables[Math.floor(random() * syllables.length)]!) });
    queries.push({ kind: 'two words', text: typed(random() < 0.5 ? compounds[Math.floor(random() * compounds.length)]!.split(' ').slice(0, 2).join(' ') : `${any().split(' ')[0]} ${any().split(' ')[0]}`) });
    queries.push({ kind: 'phrase', text: `"${typed(compounds[Math.floor(random() * compounds.length)]!)}"` });
    const from = FIRST_DAY + Math.floor(random() * (DAYS - 365)) * 86_400_000;
    queries.push({
      kind: 'filtered',
      text: typed(any()),
      categoryIds: CATEGORIES.slice(0, 1 + Math.floor(random() * 3)),
      publishedFrom: new Date(from),
      publishedBefore: new Date(from + 365 * 86_400_000),
    });
  }
  return queries;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

interface EngineResult {
  engine: Engine;
  buildSeconds: number;
  timings: Map<Kind | 'all', number[]>;
  hits: Map<Kind, number[]>;
}

async function openEngine(engine: Engine): Promise<Db> {
  if (engine === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cong-bench-search-'));
    onCleanup('remove SQLite file', () => fs.rmSync(dir, { recursive: true, force: true }), () => fs.rmSync(dir, { recursive: true, force: true }));
    const db = openSqlite(path.join(dir, 'cong.sqlite'));
    onCleanup('close SQLite', () => db.close());
    return db;
  }
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL!;
  const reused = process.env.BENCH_SEARCH_REUSE_DATABASE;
  if (reused !== undefined && !/^cong_bench_[0-9a-f]{12}$/.test(reused)) throw new Error('BENCH_SEARCH_REUSE_DATABASE names a database this bench kept (cong_bench_…)');
  const name = reused ?? `cong_bench_${crypto.randomBytes(6).toString('hex')}`;
  if (!reused) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
  }
  if (reused || process.env.BENCH_SEARCH_KEEP_DATABASE === '1') log(`postgres: keeping database ${name}`);
  else onCleanup(`drop database ${name}`, async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`drop database if exists ${name} with (force)`);
    await client.end();
  });
  const target = new URL(url);
  target.pathname = `/${name}`;
  const db = openPostgres(target.toString(), undefined, 4, () => {});
  onCleanup('close PostgreSQL pool', () => db.close());
  return db;
}

async function benchEngine(engine: Engine, queries: BenchQuery[]): Promise<EngineResult> {
  const db = await openEngine(engine);
  const reused = engine === 'postgres' && process.env.BENCH_SEARCH_REUSE_DATABASE !== undefined;
  const { siteId, buildSeconds } = reused ? { siteId: (await db.kysely.selectFrom('sites').select('id').executeTakeFirstOrThrow()).id, buildSeconds: NaN } : await buildIndex(engine, db);
  return measure(engine, db, siteId, buildSeconds, queries);
}

async function buildIndex(engine: Engine, db: Db): Promise<{ siteId: string; buildSeconds: number }> {
  await migrateToLatest(db, migrations);
  const siteId = await createSite(db.kysely, { host: 'bench.local', name: 'Sở (bench)' });
  const source: SearchSource = { type: 'article', label: 'Tin bài', countRecords: async () => RECORDS, listRecords: async function* () { yield* generateRecords(siteId, RECORDS); } };
  log(`${engine}: building the index of ${RECORDS.toLocaleString('en')} records …`);
  const started = performance.now();
  let lastLog = started;
  await reindexSite(db.kysely, {
    siteId,
    sources: [source],
    onProgress: ({ done }) => {
      if (performance.now() - lastLog > 10_000) {
        lastLog = performance.now();
        log(`  ${done.toLocaleString('en')} records, ${((lastLog - started) / 1000).toFixed(0)} s`);
      }
    },
  });
  const buildSeconds = (performance.now() - started) / 1000;
  log(`${engine}: index built in ${buildSeconds.toFixed(1)} s`);
  return { siteId, buildSeconds };
}

async function measure(engine: Engine, db: Db, siteId: string, buildSeconds: number, queries: BenchQuery[]): Promise<EngineResult> {

  if (!(await waitForQuietMachine({ maxBusyPercent: 20, timeoutMs: 60_000 }))) log(`${engine}: the machine stayed busy for 60 s; measuring anyway`);
  const run = (q: BenchQuery) => searchSite(db.kysely, { siteId, query: q.text, categoryIds: q.categoryIds, publishedFrom: q.publishedFrom, publishedBefore: q.publishedBefore, now: NOW });
  for (const q of queries.slice(0, WARMUP_QUERIES)) await run(q);
  const timings = new Map<Kind | 'all', number[]>([['all', []], ...KINDS.map((k) => [k, []] as [Kind, number[]])]);
  const hits = new Map<Kind, number[]>(KINDS.map((k) => [k, []]));
  const each: { q: BenchQuery; ms: number; total: number }[] = [];
  for (const q of queries) {
    const t0 = performance.now();
    const result = await run(q);
    const ms = performance.now() - t0;
    timings.get(q.kind)!.push(ms);
    timings.get('all')!.push(ms);
    hits.get(q.kind)!.push(result.total);
    each.push({ q, ms, total: result.total });
  }
  log(`${engine}: ${queries.length} queries done`);
  for (const { q, ms, total } of each.sort((a, b) => b.ms - a.ms).slice(0, process.env.BENCH_SEARCH_SLOWEST ? envInt('BENCH_SEARCH_SLOWEST', 1) : 0)) {
    const filters = q.categoryIds ? ` categories ${q.categoryIds.join(',')} from ${q.publishedFrom!.toISOString().slice(0, 10)} before ${q.publishedBefore!.toISOString().slice(0, 10)}` : '';
    log(`  ${ms.toFixed(1)} ms  ${q.kind}: ${q.text}${filters} (${total} hits)`);
  }
  return { engine, buildSeconds, timings, hits };
}

function report(results: EngineResult[], avgWords: number): { text: string; isMet: boolean } {
  const lines = [
    `${new Date().toISOString()} · ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'} · Node ${process.version}`,
    `${RECORDS.toLocaleString('en')} records (~${Math.round(avgWords)} words of text each), ${QUERIES_PER_KIND} queries per kind, half typed without diacritics; times are searchSite end to end (page of 10 with snippets and total)`,
    '',
    '| engine | index build | queries | p50 ms | p95 ms | p99 ms | median total hits |',
    '| --- | --- | --- | ---: | ---: | ---: | ---: |',
  ];
  let isMet = true;
  for (const r of results) {
    for (const kind of ['all', ...KINDS] as const) {
      const sorted = [...r.timings.get(kind)!].sort((a, b) => a - b);
      const hitCounts = kind === 'all' ? [...r.hits.values()].flat() : r.hits.get(kind)!;
      const medianHits = [...hitCounts].sort((a, b) => a - b)[Math.floor(hitCounts.length / 2)] ?? 0;
      const build = kind !== 'all' ? '' : Number.isNaN(r.buildSeconds) ? '(reused)' : `${r.buildSeconds.toFixed(0)} s (${Math.round(RECORDS / r.buildSeconds).toLocaleString('en')}/s)`;
      lines.push(`| ${kind === 'all' ? r.engine : ''} | ${build} | ${kind === 'all' ? '**all**' : kind} | ${percentile(sorted, 50).toFixed(1)} | ${percentile(sorted, 95).toFixed(1)} | ${percentile(sorted, 99).toFixed(1)} | ${medianHits.toLocaleString('en')} |`);
      if (kind === 'all' && percentile(sorted, 95) >= TARGET_P95_MS) isMet = false;
    }
  }
  lines.push('', `Target p95 < ${TARGET_P95_MS} ms on every engine: ${isMet ? 'met' : 'MISSED'}.`);
  return { text: lines.join('\n'), isMet };
}

async function main(): Promise<void> {
  cleanUpOnSignals();
  const wanted = (process.env.BENCH_SEARCH_ENGINES ?? 'sqlite,postgres').split(',');
  const engines: Engine[] = wanted.includes('sqlite') ? ['sqlite'] : [];
  if (!wanted.includes('postgres')) log('PostgreSQL skipped: not in BENCH_SEARCH_ENGINES.');
  else if (process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL) engines.push('postgres');
  else log('PostgreSQL skipped: set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to postgres://… to bench it too.');
  const sample = [...generateRecords('x', 200)];
  const avgWords = sample.reduce((n, r) => n + r.text.split(/\s+/).length, 0) / sample.length;
  const queries = queryMix(QUERIES_PER_KIND);
  const results: EngineResult[] = [];
  for (const engine of engines) {
    results.push(await benchEngine(engine, queries));
  }
  const { text, isMet } = report(results, avgWords);
  console.log(`\n${text}`);
  if (!isMet) process.exitCode = 1;
}

try {
  await main();
} finally {
  await cleanUp();
}
