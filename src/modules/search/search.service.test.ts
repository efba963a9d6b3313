import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ENGINES, createTestDb, type TestDb } from '../../../test/helpers/databases.js';
import { AppError, InvalidInputError } from '../../platform/errors.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { createSite } from '../sites/index.js';
import { MAX_RANKED_MATCHES, reindexSite, removeSearchRecord, searchSite, upsertSearchRecord, type SearchInput, type SearchRecord, type SearchSource } from './index.js';

const NOW = new Date('2026-06-01T00:00:00.000Z');
const day = (n: number) => new Date(Date.UTC(2026, 0, n)).toISOString();

describe.each(ENGINES)('search on %s', (engine) => {
  let testDb: TestDb;
  let siteId: string;
  // One database per engine; every test starts from an empty index.
  beforeAll(async () => {
    testDb = await createTestDb(engine);
    siteId = await createSite(testDb.db.kysely, { host: 'localhost', name: 'Sở' });
  });
  afterAll(async () => testDb.destroy());
  beforeEach(async () => {
    await testDb.db.kysely.deleteFrom('search_records').execute();
  });

  const db = () => testDb.db.kysely;
  const record = (id: string, title: string, text: string, extra: Partial<SearchRecord> = {}): SearchRecord => ({
    siteId, type: 'article', id, title, text, url: `/tin-tuc/${id}`, publishedAt: day(10), categoryId: 'tin-tuc', language: 'vi', ...extra,
  });
  const add = async (...records: SearchRecord[]) => {
    for (const r of records) await upsertSearchRecord(db(), r);
  };
  const search = (query: string, extra: Partial<SearchInput> = {}) => searchSite(db(), { siteId, query, now: NOW, ...extra });
  const ids = async (query: string, extra: Partial<SearchInput> = {}) => (await search(query, extra)).hits.map((h) => h.id);
  const countRecords = async () => Number((await db().selectFrom('search_records').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const bulk = (records: SearchRecord[]) => reindexSite(db(), { siteId, sources: [{ type: 'article', label: 'Tin bài', listRecords: async function* () { yield* records; } }] });

  describe('matching', () => {
    beforeEach(async () => {
      await add(
        record('hoi-nghi', 'Hội nghị tổng kết công tác năm 2025', 'Sáng nay, Sở tổ chức hội nghị tổng kết.'),
        record('dak-lak', 'Đoàn công tác làm việc tại Đắk Lắk', 'Đoàn đã đến tỉnh Đắk Lắk.'),
        record('nghi-dinh', 'Triển khai Nghị định 42/2022/NĐ-CP', 'Văn bản hướng dẫn thi hành.'),
      );
    });

    it.each([
      ['hoi nghi', ['hoi-nghi']],
      ['HỘI NGHỊ', ['hoi-nghi']],
      ['dak lak', ['dak-lak']],
      ['Đắk Lắk', ['dak-lak']],
      ['doan cong tac', ['dak-lak']],
      ['nd cp', ['nghi-dinh']],
      ['42/2022/NĐ-CP', ['nghi-dinh']],
    ])('"%s" finds %j', async (query, expected) => {
      expect(await ids(query)).toEqual(expected);
    });

    it('matches a query typed in NFD (decomposed) like the NFC text', async () => {
      expect(await ids('Hội nghị'.normalize('NFD'))).toEqual(['hoi-nghi']);
      expect(await ids('Đắk Lắk'.normalize('NFD'))).toEqual(['dak-lak']);
    });

    it('matches NFD text stored by a caller like NFC text', async () => {
      await add(record('nfd', 'Khánh Hòa'.normalize('NFD'), ''));
      expect(await ids('khánh hòa')).toEqual(['nfd']);
      expect((await search('khanh hoa')).hits[0]!.title).toBe('Khánh Hòa'.normalize('NFC'));
    });

    it('requires every word', async () => {
      expect(await ids('hội nghị đắk lắk')).toEqual([]);
      expect(await ids('công tác')).toEqual(expect.arrayContaining(['hoi-nghi', 'dak-lak']));
    });

    it('keeps quoted words together and in order', async () => {
      await add(record('tach-roi', 'Nghị quyết của hội đồng', 'Hội đồng nhân dân ra nghị quyết.'));
      expect((await ids('nghi hoi')).sort()).toEqual(['hoi-nghi', 'tach-roi']);
      expect(await ids('"nghị hội"')).toEqual([]);
      expect(await ids('"hội đồng"')).toEqual(['tach-roi']);
      expect(await ids('"tổng kết công tác"')).toEqual(['hoi-nghi']);
    });

    it('finds nothing of another site, and ranks each site alone when both have records', async () => {
      const otherSite = await createSite(db(), { host: 'khac-1.vn', name: 'Khác' });
      expect((await searchSite(db(), { siteId: otherSite, query: 'hội nghị', now: NOW })).hits).toEqual([]);
      await add(
        record('khac-moi', 'Hội nghị của trang khác', 'Hội nghị, hội nghị, hội nghị.', { siteId: otherSite, publishedAt: day(30) }),
        record('khac-cu', 'Tin của trang khác', 'Có một hội nghị.', { siteId: otherSite, publishedAt: day(2) }),
      );
      expect(await ids('hội nghị')).toEqual(['hoi-nghi']);
      expect((await searchSite(db(), { siteId: otherSite, query: 'hội nghị', now: NOW })).hits.map((h) => h.id)).toEqual(['khac-moi', 'khac-cu']);
    });
  });

  describe('ranking (expected orders written down)', () => {
    it('ranks records holding the typed diacritics first: "hỏi" is not "hội"', async () => {
      await add(
        record('hoi-nghi', 'Hội nghị về chính sách', 'Nội dung hội nghị.', { publishedAt: day(20) }),
        record('hoi-dap', 'Hỏi đáp về chính sách', 'Công dân hỏi, Sở trả lời.', { publishedAt: day(5) }),
      );
      // Both fold to "hoi"; the exact word decides, whatever the dates.
      expect(await ids('hỏi chính sách')).toEqual(['hoi-dap', 'hoi-nghi']);
      expect(await ids('hội chính sách')).toEqual(['hoi-nghi', 'hoi-dap']);
      const result = await search('hỏi');
      expect(result.hits.map((h) => h.isExactMatch)).toEqual([true, false]);
    });

    it('ranks "hỏi nghỉ" matches above "hội nghị" ones', async () => {
      await add(
        record('hoi-nghi', 'Hội nghị cán bộ', 'Hội nghị cán bộ công chức.', { publishedAt: day(20) }),
        record('hoi-nghi-phep', 'Hỏi về nghỉ phép của cán bộ', 'Cán bộ hỏi chế độ nghỉ phép.', { publishedAt: day(1) }),
      );
      expect(await ids('hỏi nghỉ')).toEqual(['hoi-nghi-phep', 'hoi-nghi']);
      expect(await ids('hội nghị')).toEqual(['hoi-nghi', 'hoi-nghi-phep']);
    });

    it('ranks a title match above a match in the text only', async () => {
      await add(
        record('trong-bai', 'Thông báo lịch tiếp công dân tháng 6', 'Nội dung có nhắc đến bảo hiểm thất nghiệp một lần.', { publishedAt: day(20) }),
        record('tieu-de', 'Bảo hiểm thất nghiệp cho người lao động', 'Hướng dẫn thủ tục hưởng trợ cấp cho người lao động.', { publishedAt: day(1) }),
      );
      expect(await ids('bao hiem that nghiep')).toEqual(['tieu-de', 'trong-bai']);
    });

    it('breaks ties by recency: newest first', async () => {
      await add(
        record('cu', 'Lịch tiếp công dân', 'Lịch tiếp công dân của lãnh đạo Sở.', { publishedAt: day(1) }),
        record('moi', 'Lịch tiếp công dân', 'Lịch tiếp công dân của lãnh đạo Sở.', { publishedAt: day(9) }),
        record('giua', 'Lịch tiếp công dân', 'Lịch tiếp công dân của lãnh đạo Sở.', { publishedAt: day(5) }),
      );
      expect(await ids('lich tiep')).toEqual(['moi', 'giua', 'cu']);
    });

    it(`ranks only the newest ${MAX_RANKED_MATCHES} matches, and says there were more`, async () => {
      const records = Array.from({ length: MAX_RANKED_MATCHES + 5 }, (_, i) => record(`tb-${i}`, 'Thông báo', 'Nội dung thông báo.', { publishedAt: new Date(Date.UTC(2026, 0, 5, 0, i)).toISOString() }));
      // The oldest says it twice in the title: the best match, but outside the newest ones.
      records[0] = record('tb-0', 'Thông báo: thông báo', 'Nội dung thông báo.', { publishedAt: day(1) });
      await bulk(records);
      const result = await search('thông báo', { pageSize: 50 });
      expect(result).toMatchObject({ total: MAX_RANKED_MATCHES, isTotalCapped: true, pageCount: MAX_RANKED_MATCHES / 50 });
      expect(result.hits[0]!.id).toBe(`tb-${MAX_RANKED_MATCHES + 4}`);
      expect((await search('thông báo', { page: MAX_RANKED_MATCHES / 50, pageSize: 50 })).hits.at(-1)!.id).toBe('tb-5');
      expect(await search('thông báo', { page: MAX_RANKED_MATCHES / 50 + 1, pageSize: 50 })).toMatchObject({ hits: [], total: MAX_RANKED_MATCHES });
      // A date range narrow enough brings it back, first.
      expect(await search('thông báo', { publishedBefore: day(2) })).toMatchObject({ total: 1, isTotalCapped: false, hits: [{ id: 'tb-0' }] });
    });

    it('finds exact-diacritic matches older than the newest folded matches, first', async () => {
      const records = Array.from({ length: MAX_RANKED_MATCHES + 20 }, (_, i) => record(`hoi-${i}`, `Hội nghị số ${i}`, 'Nội dung.', { publishedAt: new Date(Date.UTC(2026, 1, 1, 0, i)).toISOString() }));
      records.push(record('hoi-dap', 'Hỏi đáp chính sách', 'Nội dung.', { publishedAt: day(1) }));
      await bulk(records);
      const result = await search('hỏi');
      expect(result.hits.map((h) => [h.id, h.isExactMatch]).slice(0, 2)).toEqual([['hoi-dap', true], [`hoi-${MAX_RANKED_MATCHES + 19}`, false]]);
      expect(result).toMatchObject({ total: MAX_RANKED_MATCHES, isTotalCapped: true });
    });

    it('ranks a record that says it more often above one that says it once', async () => {
      await add(
        record('mot-lan', 'Tin hoạt động', 'Đoàn kiểm tra an toàn lao động tại doanh nghiệp trong tỉnh.', { publishedAt: day(20) }),
        record('nhieu-lan', 'Tin hoạt động', 'An toàn lao động: kiểm tra an toàn lao động, tập huấn an toàn lao động.', { publishedAt: day(1) }),
      );
      expect(await ids('an toàn lao động')).toEqual(['nhieu-lan', 'mot-lan']);
    });
  });

  describe('filters and pages', () => {
    beforeEach(async () => {
      for (let i = 1; i <= 12; i++) {
        await add(record(`tb-${i}`, `Thông báo số ${i}`, 'Thông báo của Sở.', {
          publishedAt: day(i), categoryId: i % 2 ? 'le' : 'chan', type: i <= 10 ? 'article' : 'document', language: i === 12 ? 'en' : 'vi',
        }));
      }
    });

    it('filters by type, category, date range and language', async () => {
      expect((await ids('thông báo', { types: ['document'] })).sort()).toEqual(['tb-11', 'tb-12']);
      expect((await ids('thông báo', { categoryIds: ['le'], pageSize: 50 })).sort()).toEqual(['tb-1', 'tb-11', 'tb-3', 'tb-5', 'tb-7', 'tb-9']);
      expect(await ids('thông báo', { publishedFrom: day(3), publishedBefore: day(6) })).toEqual(['tb-5', 'tb-4', 'tb-3']);
      expect(await ids('thông báo', { language: 'en' })).toEqual(['tb-12']);
      expect(await ids('thông báo', { types: [], categoryIds: [], pageSize: 50 })).toHaveLength(12);
    });

    it('finds matches spread over years, newest first, with or without a date range', async () => {
      const quarter = (n: number) => new Date(Date.UTC(2019, 3 * n, 15)).toISOString();
      for (let n = 0; n < 28; n++) await add(record(`q-${n}`, 'Báo cáo quý', 'Báo cáo quý.', { publishedAt: quarter(n) }));
      const all = await search('báo cáo quý', { pageSize: 50 });
      expect(all.hits.map((h) => h.id)).toEqual(Array.from({ length: 28 }, (_, i) => `q-${27 - i}`));
      const some = await search('báo cáo quý', { pageSize: 50, publishedFrom: quarter(4), publishedBefore: quarter(10) });
      expect(some.hits.map((h) => h.id)).toEqual(['q-9', 'q-8', 'q-7', 'q-6', 'q-5', 'q-4']);
    });

    it('pages through every match once, with the total', async () => {
      const seen: string[] = [];
      for (let page = 1; page <= 3; page++) {
        const result = await search('thông báo', { page, pageSize: 5 });
        expect(result).toMatchObject({ total: 12, page, pageSize: 5, pageCount: 3 });
        seen.push(...result.hits.map((h) => h.id));
      }
      expect(seen).toEqual(Array.from({ length: 12 }, (_, i) => `tb-${12 - i}`));
      expect(await search('thông báo', { page: 4, pageSize: 5 })).toMatchObject({ hits: [], total: 12, pageCount: 3 });
    });

    it.each([
      { page: 0 }, { page: 1.5 }, { page: 1001 }, { pageSize: 0 }, { pageSize: 51 },
      { publishedFrom: 'hôm qua' }, { publishedFrom: day(5), publishedBefore: day(5) }, { types: Array(501).fill('article') },
    ])('refuses %j with a 400', async (extra) => {
      const error = await search('thông báo', extra as Partial<SearchInput>).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidInputError);
    });
  });

  describe('snippets', () => {
    it('cuts the snippet from the text with its diacritics, and marks the matches', async () => {
      const text = `${'Mở đầu bài viết về nhiều nội dung khác nhau. '.repeat(8)}Sở tổ chức Hội nghị tổng kết tại Đắk Lắk. ${'Phần cuối bài. '.repeat(20)}`;
      await add(record('dai', 'Tổng kết năm', text));
      const [hit] = (await search('hoi nghi dak lak')).hits;
      const { snippet } = hit!;
      expect(snippet.text).toContain('Hội nghị tổng kết tại Đắk Lắk');
      expect(snippet.highlights.map((r) => snippet.text.slice(r.start, r.end))).toEqual(['Hội', 'nghị', 'Đắk', 'Lắk']);
      expect(snippet).toMatchObject({ isCutStart: true, isCutEnd: true });
      expect(snippet.text.length).toBeLessThanOrEqual(220);
      expect(hit!.titleHighlights).toEqual([]);
    });

    it('marks matches in the title and opens the text when only the title matched', async () => {
      await add(record('td', 'Đắk Lắk: tổng kết năm', 'Nội dung khác.'));
      const [hit] = (await search('dak lak')).hits;
      expect(hit!.titleHighlights.map((r) => hit!.title.slice(r.start, r.end))).toEqual(['Đắk', 'Lắk']);
      expect(hit!.snippet).toMatchObject({ text: 'Nội dung khác.', highlights: [], isCutStart: false, isCutEnd: false });
    });

    it('finds text inside an attached file and says which file', async () => {
      await add(record('kem-tep', 'Quyết định phê duyệt', 'Xem tệp đính kèm.', {
        attachments: [
          { name: 'phu-luc-1.pdf', url: '/media/a/phu-luc-1.pdf', text: 'Danh sách đơn vị.' },
          { name: 'Kế hoạch.docx', url: '/media/b/ke-hoach.docx', text: 'Kế hoạch chi trả trợ cấp thất nghiệp quý III.' },
        ],
      }));
      const [hit] = (await search('tro cap that nghiep')).hits;
      expect(hit).toMatchObject({ id: 'kem-tep', attachment: { name: 'Kế hoạch.docx', url: '/media/b/ke-hoach.docx' } });
      expect(hit!.snippet.highlights.map((r) => hit!.snippet.text.slice(r.start, r.end))).toEqual(['trợ', 'cấp', 'thất', 'nghiệp']);
      expect((await search('quyet dinh')).hits[0]!.attachment).toBeUndefined();
    });
  });

  describe('changes', () => {
    it('replaces a record on upsert: the new words are found, the old ones are not', async () => {
      await add(record('a', 'Tin cũ về tuyển dụng', 'Nội dung cũ.'));
      await add(record('a', 'Tin mới về đào tạo', 'Nội dung mới.'));
      expect(await ids('tuyển dụng')).toEqual([]);
      expect(await ids('đào tạo')).toEqual(['a']);
      const count = await db().selectFrom('search_records').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(1);
    });

    it('removes an unpublished record at once', async () => {
      await add(record('a', 'Thông báo tuyển dụng', ''), record('b', 'Thông báo tuyển dụng đợt 2', ''));
      await removeSearchRecord(db(), { siteId, type: 'article', id: 'a' });
      expect(await ids('tuyển dụng')).toEqual(['b']);
      await removeSearchRecord(db(), { siteId, type: 'article', id: 'missing' });
    });

    it('writes nothing when the caller\'s transaction rolls back', async () => {
      const failed = inTransaction(db(), async (trx) => {
        await upsertSearchRecord(trx, record('a', 'Thông báo tuyển dụng', ''));
        throw new Error('publish failed');
      });
      await expect(failed).rejects.toThrow('publish failed');
      expect(await ids('tuyển dụng')).toEqual([]);
    });

    it('shows a scheduled record only once its publication time has passed', async () => {
      await add(record('hen-gio', 'Thông báo hẹn giờ', '', { publishedAt: '2026-06-02T00:00:00.000Z' }));
      expect(await ids('hẹn giờ')).toEqual([]);
      expect(await ids('hẹn giờ', { now: new Date('2026-06-02T00:00:00.000Z') })).toEqual(['hen-gio']);
    });

    it('drops the records of a deleted site with their index entries', async () => {
      const otherSite = await createSite(db(), { host: 'khac-2.vn', name: 'Khác' });
      await add(record('a', 'Thông báo tuyển dụng', '', { siteId: otherSite }));
      await db().deleteFrom('sites').where('id', '=', otherSite).execute();
      expect(await db().selectFrom('search_records').select('id').execute()).toEqual([]);
      if (engine === 'sqlite') {
        const { rows } = await sql<{ n: number }>`select count(*) as n from search_fts where search_fts match '"tuyen"'`.execute(db());
        expect(Number(rows[0]!.n)).toBe(0);
      }
    });
  });

  describe('reindex', () => {
    const sourceOf = (records: SearchRecord[]): SearchSource => ({
      type: 'article',
      label: 'Tin bài',
      countRecords: async () => records.length,
      async *listRecords() {
        yield* records;
      },
    });

    it('writes every record of the sources, removes the ones they no longer list, and reports progress', async () => {
      await add(record('bo-di', 'Bài đã gỡ xuống', ''), record('giu', 'Bài cũ giữ lại', 'cũ'));
      await add(record('tai-lieu', 'Tài liệu không thuộc nguồn', '', { type: 'document' }));
      const records = Array.from({ length: 1203 }, (_, i) => record(`bai-${i}`, `Bài số ${i} về cải cách hành chính`, 'Nội dung.'));
      records.push(record('giu', 'Bài cũ giữ lại', 'mới'));
      const progress: number[] = [];
      const result = await reindexSite(db(), { siteId, sources: [sourceOf(records)], onProgress: (p) => progress.push(p.done) });
      expect(result).toEqual({ indexed: 1204, removed: 1 });
      expect(progress).toEqual([0, 500, 1000, 1204]);
      expect(await ids('gỡ xuống')).toEqual([]);
      expect(await countRecords()).toBe(1205);
      expect((await search('giữ lại')).hits[0]!.snippet.text).toBe('mới');
      expect(await ids('tài liệu')).toEqual(['tai-lieu']);
      // Again: same index.
      expect(await reindexSite(db(), { siteId, sources: [sourceOf(records)] })).toEqual({ indexed: 1204, removed: 0 });
      expect(await countRecords()).toBe(1205);
      expect((await search('cải cách hành chính', { publishedFrom: day(10), publishedBefore: day(11) })).isTotalCapped).toBe(true);
    });
  });

  describe('hostile queries', () => {
    beforeEach(async () => {
      await add(record('a', 'Hội nghị tổng kết', 'Nội dung hội nghị; drop table; near or not.'));
    });

    it.each([
      'NEAR(hoi nghi)', 'NEAR(hoi nghi, 2)', 'hoi*', '*', '"', '"hoi nghi', 'hoi" nghi', '""', '"""', 'hoi OR nghi', 'hoi AND nghi', 'NOT hoi',
      '-hoi', 'hoi -nghi', 'title:hoi', 'body : hoi', '^hoi', 'hoi\u0000nghi', '\u0000', "'; drop table search_records; --", "hoi' or '1'='1",
      '(hoi', 'hoi)', '{title body}: hoi', 'hoi + nghi', '!!!', '...', '😀', '😀 hoi 😀', '\\', "'", '%', '_', '&', '|', '<->', ':*', 'hoi:*', '!hoi',
      'a'.repeat(200), `${'hội '.repeat(30)}nghị`, '\uD800', 'hoi\uDC00nghi', '\u0301', 'ǅ İ ß ﬁ',
    ])('%j gives results or a clear 400, never a 500', async (query) => {
      try {
        const result = await search(query);
        expect(result.query.terms.flatMap((t) => t.words).length).toBeLessThanOrEqual(10);
      } catch (error) {
        expect(error).toBeInstanceOf(AppError);
        expect((error as AppError).status).toBe(400);
        expect((error as AppError).message).toMatch(/từ khóa/i);
      }
    });

    it('finds words that look like operators as plain words', async () => {
      expect(await ids('drop table')).toEqual(['a']);
      expect(await ids('near OR not')).toEqual(['a']);
      expect(await ids('"hoi nghi')).toEqual(['a']);
      expect(await ids('hoi*')).toEqual(['a']);
    });

    it('refuses a 10,000-character query with a 400 before touching the database', async () => {
      const error = await search('hội nghị '.repeat(1200)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidInputError);
      expect((error as InvalidInputError).field).toBe('q');
    });

    it('refuses a query without letters or digits with a 400', async () => {
      for (const query of ['', '   ', '!!!', '😀', '\u0000', '"', '*']) {
        await expect(search(query)).rejects.toBeInstanceOf(InvalidInputError);
      }
    });
  });
});
