import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ENGINES, createTestDb, type TestDb } from '../../../test/helpers/databases.js';
import type { Actor, RequestScope } from '../../platform/http/request-scope.js';
import { addMember, operatorScope, type Role } from '../accounts/index.js';
import { findRedirect } from '../redirects/index.js';
import { reindexSite, searchSite } from '../search/index.js';
import { createSite } from '../sites/index.js';
import { formatPercentOfPlan } from './indicator-numbers.js';
import { DEMO_INDICATORS, seedDemoIndicators } from './indicators.demo.js';
import { findPublishedIndicators, getPublishedIndicator, listPublishedIndicators } from './indicators.public.js';
import { indicatorsSearchSource } from './indicators.search.js';
import { createIndicator, getIndicatorForEditing, listIndicatorsForStaff, publishIndicator, replaceIndicatorValues, unpublishIndicator, updateIndicator, type IndicatorInput } from './indicators.service.js';
import type { IndicatorValueInput } from './indicator-values.js';

describe.each(ENGINES)('indicators on %s', (engine) => {
  let testDb: TestDb;
  let siteId: string;
  let otherSiteId: string;
  const people = new Map<Role, Actor>();
  const now = new Date('2026-11-29T03:00:00Z');
  const later = new Date('2026-11-29T04:00:00Z');
  const as = (role: Role, at = now): RequestScope => ({ siteId, actor: people.get(role)!, clientIp: '10.0.0.1', now: at });
  const db = () => testDb.db.kysely;

  beforeAll(async () => {
    testDb = await createTestDb(engine);
    siteId = await createSite(db(), { host: 'sld.example.vn', name: 'Sở Lao động' });
    otherSiteId = await createSite(db(), { host: 'khac.example.vn', name: 'Sở khác' });
    for (const role of ['author', 'editor', 'chief_editor', 'admin'] as Role[]) {
      const { userId } = await addMember(db(), operatorScope(siteId), { email: `${role}@kontum.gov.vn`, displayName: role, role });
      people.set(role, { id: userId, label: `${role}@kontum.gov.vn`, displayName: role, role, isSuperAdmin: false, via: 'session' });
    }
  });
  afterAll(async () => testDb.destroy());
  beforeEach(async () => {
    await db().deleteFrom('search_records').execute();
    await db().deleteFrom('indicators').execute();
  });

  const jobs = (extra: IndicatorInput & { values?: IndicatorValueInput[] } = {}) => ({
    name: 'Giải quyết việc làm',
    unit: 'người',
    periodKind: 'year',
    description: 'Số người được tạo việc làm mới trong năm',
    values: [
      { period: '2020', target: '5.600', result: '5.236' },
      { period: '2021', target: '5.700', result: '6.518' },
    ],
    ...extra,
  });

  it('creates a draft with its values, publishes it, and shows it to the public only from then', async () => {
    const { id, slug } = await createIndicator(db(), as('editor'), jobs());
    expect(slug).toBe('giai-quyet-viec-lam');
    await expect(getPublishedIndicator(db(), { siteId, slug, now: later })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await listPublishedIndicators(db(), { siteId, now: later })).total).toBe(0);
    expect(await findPublishedIndicators(db(), { siteId, slugs: [slug], now: later })).toEqual(new Map());

    await publishIndicator(db(), as('chief_editor'), { indicatorId: id });
    const page = await getPublishedIndicator(db(), { siteId, slug, now: later });
    expect(page).toMatchObject({ name: 'Giải quyết việc làm', unit: 'người', periodKind: 'year', url: '/chi-tieu/giai-quyet-viec-lam', periods: ['2020', '2021'], districts: [] });
    expect(page.values.map((v) => [v.period, v.periodLabel, v.districtLabel, v.target, v.result, formatPercentOfPlan(v.percentOfPlan)])).toEqual([
      ['2020', 'Năm 2020', 'Toàn địa bàn', 5600, 5236, '93,5%'],
      ['2021', 'Năm 2021', 'Toàn địa bàn', 5700, 6518, '114,35%'],
    ]);
    expect(page.latest).toMatchObject({ period: '2021', result: 6518, percentOfPlan: 1.1435 });
    expect((await searchSite(db(), { siteId, query: 'giai quyet viec lam', now: later })).hits.map((h) => [h.type, h.url])).toEqual([['indicator', '/chi-tieu/giai-quyet-viec-lam']]);

    await unpublishIndicator(db(), as('chief_editor'), { indicatorId: id });
    await expect(getPublishedIndicator(db(), { siteId, slug, now: later })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await listPublishedIndicators(db(), { siteId, now: later })).total).toBe(0);
    expect((await searchSite(db(), { siteId, query: 'giai quyet viec lam', now: later })).hits).toEqual([]);
    await expect(unpublishIndicator(db(), as('chief_editor'), { indicatorId: id })).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });

    const actions = await db().selectFrom('audit_log').select('action').where('target_id', '=', id).execute();
    expect(actions.map((a) => a.action).sort()).toEqual(['indicator.created', 'indicator.published', 'indicator.unpublished']);
  });

  it('keeps 6518, 5700, 55.7, 114.35 and their like exactly as written', async () => {
    const written = [6518, 5700, 55.7, 114.35, 17.69, 0.0125, 4.11, 1234567.5, 999_999_999_999, 0];
    const values = written.map((n, i) => ({ period: String(2000 + i), target: n, result: i === 0 ? '6.518' : String(n).replace('.', ',') }));
    const { id, slug } = await createIndicator(db(), as('chief_editor'), { ...jobs({ values }), isPublishing: true });
    const stored = await db().selectFrom('indicator_values').select(['period', 'target', 'result']).where('indicator_id', '=', id).orderBy('period').execute();
    expect(stored.map((r) => r.target)).toEqual(written);
    expect(stored.map((r) => r.result)).toEqual(written);
    expect(stored.every((r) => typeof r.target === 'number' && typeof r.result === 'number')).toBe(true);
    expect((await getPublishedIndicator(db(), { siteId, slug, now: later })).values.map((v) => v.target)).toEqual(written);
  });

  it('checks the fields and each row of values, with Vietnamese messages naming the field', async () => {
    const refuse = async (input: ReturnType<typeof jobs>, field: string, words?: string) => {
      const error = await createIndicator(db(), as('editor'), input).catch((e: unknown) => e);
      expect(error, field).toMatchObject({ code: 'INVALID_INPUT', field });
      if (words) expect((error as Error).message, field).toContain(words);
    };
    await refuse(jobs({ name: '  ' }), 'name', 'Tên chỉ tiêu');
    await refuse(jobs({ unit: '' }), 'unit', 'đơn vị tính');
    await refuse(jobs({ periodKind: 'month' }), 'periodKind');
    await refuse(jobs({ slug: 'Viec Lam' }), 'slug');
    await refuse(jobs({ name: 'x'.repeat(301) }), 'name');
    await refuse(jobs({ values: [{ period: '2021-Q1', target: 1 }] }), 'values.0.period', 'Dòng 1');
    await refuse(jobs({ periodKind: 'quarter', values: [{ period: 'Quý 1/2021', target: 1 }, { period: '2021', target: 1 }] }), 'values.1.period', 'Dòng 2');
    await refuse(jobs({ values: [{ period: '2021', target: '-5' }] }), 'values.0.target', 'âm');
    await refuse(jobs({ values: [{ period: '2021', target: '5', result: 'sáu nghìn' }] }), 'values.0.result', 'không phải là một số');
    await refuse(jobs({ values: [{ period: '2021', target: 1e13 }] }), 'values.0.target', 'quá lớn');
    await refuse(jobs({ unit: '%', values: [{ period: '2021', result: '5.570' }] }), 'values.0.result', 'quá lớn');
    await refuse(jobs({ values: [{ period: '2021' }] }), 'values.0.target');
    await refuse(jobs({ values: [{ period: '2021', target: 1 }, { period: '2021', district: 'Toàn tỉnh', target: 2 }] }), 'values.1.period', 'lặp lại dòng 1');
    await refuse(jobs({ values: [{ period: '2021', district: 'Huyện Đăk Hà', target: 1 }, { period: '2021', district: 'huyện  Đắk Hà', target: 2 }] }), 'values.1.period', 'lặp lại');
    await refuse({ ...jobs(), values: 'abc' as unknown as IndicatorValueInput[] }, 'values');
    await expect(createIndicator(db(), as('chief_editor'), { ...jobs({ values: [] }), isPublishing: true })).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'values' });
    // Same name: the next free slug; a chosen slug that is taken: a conflict.
    await createIndicator(db(), as('editor'), jobs());
    expect((await createIndicator(db(), as('editor'), jobs())).slug).toBe('giai-quyet-viec-lam-2');
    await expect(createIndicator(db(), as('editor'), jobs({ slug: 'giai-quyet-viec-lam' }))).rejects.toMatchObject({ code: 'CONFLICT', field: 'slug' });
  });

  it('keeps one indicator per address when two are created at the same moment', async () => {
    const results = await Promise.allSettled([createIndicator(db(), as('editor'), jobs({ slug: 'viec-lam' })), createIndicator(db(), as('chief_editor'), jobs({ slug: 'viec-lam' }))]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'CONFLICT', field: 'slug' } });
  });

  it('lets roles do what roles.ts says: an author nothing, an editor drafts, a chief editor publishes', async () => {
    await expect(createIndicator(db(), as('author'), jobs())).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(listIndicatorsForStaff(db(), as('author'), { page: 1, pageSize: 10 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(createIndicator(db(), as('editor'), { ...jobs(), isPublishing: true })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(createIndicator(db(), { ...as('editor'), actor: null }, jobs())).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    const { id } = await createIndicator(db(), as('editor'), jobs());
    await expect(replaceIndicatorValues(db(), as('author'), { indicatorId: id, values: [] })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(publishIndicator(db(), as('editor'), { indicatorId: id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await replaceIndicatorValues(db(), as('editor'), { indicatorId: id, values: [{ period: '2021', target: '5.700', result: '6.518' }] });
    await updateIndicator(db(), as('editor'), { indicatorId: id, fields: { description: 'Mô tả mới' } });
    await publishIndicator(db(), as('admin'), { indicatorId: id });
    await expect(publishIndicator(db(), as('admin'), { indicatorId: id })).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    // Once public, a change is a publisher's.
    await expect(replaceIndicatorValues(db(), as('editor'), { indicatorId: id, values: [{ period: '2022', target: 1 }] })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(updateIndicator(db(), as('editor'), { indicatorId: id, fields: { name: 'Tên khác' } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(unpublishIndicator(db(), as('editor'), { indicatorId: id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await getIndicatorForEditing(db(), as('editor'), id)).can).toEqual({ edit: false, publish: false, unpublish: false });
    expect((await getIndicatorForEditing(db(), as('chief_editor'), id)).can).toEqual({ edit: true, publish: false, unpublish: true });
    // A published indicator cannot be emptied.
    await expect(replaceIndicatorValues(db(), as('chief_editor'), { indicatorId: id, values: [] })).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'values' });
    // Another site's staff do not find it.
    const stranger: RequestScope = { ...as('admin'), siteId: otherSiteId };
    await expect(getIndicatorForEditing(db(), stranger, id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(updateIndicator(db(), operatorScope(otherSiteId, now), { indicatorId: id, fields: {} })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(publishIndicator(db(), operatorScope(otherSiteId, now), { indicatorId: id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('replaces the values as one table, ordered by period then the whole area then districts, and refuses a kind change while values exist', async () => {
    const { id, slug } = await createIndicator(db(), as('chief_editor'), { ...jobs(), isPublishing: true });
    const version = async () => (await db().selectFrom('sites').select('content_version').where('id', '=', siteId).executeTakeFirstOrThrow()).content_version;
    const before = await version();
    await replaceIndicatorValues(db(), as('chief_editor'), {
      indicatorId: id,
      values: [
        { period: '2021', district: 'Huyện Đăk Tô', target: '480', result: '553' },
        { period: '2021', district: 'Thành phố Kon Tum', target: '1.500', result: '1.742' },
        { period: '2020', district: 'toàn tỉnh', target: '5.600', result: '5.236' },
        { period: '2021', district: '', target: '5.700', result: '6.518' },
        { period: '2021', district: 'Huyện Đăk Hà', target: '600', result: null, note: 'Chưa báo cáo' },
      ],
    });
    expect(Number(await version())).toBeGreaterThan(Number(before));
    const page = await getPublishedIndicator(db(), { siteId, slug, now: later });
    expect(page.values.map((v) => [v.period, v.district])).toEqual([
      ['2020', ''],
      ['2021', ''],
      ['2021', 'Huyện Đăk Hà'],
      ['2021', 'Huyện Đăk Tô'],
      ['2021', 'Thành phố Kon Tum'],
    ]);
    expect(page.districts).toEqual(['Huyện Đăk Hà', 'Huyện Đăk Tô', 'Thành phố Kon Tum']);
    expect(page.values[2]).toMatchObject({ target: 600, result: null, percentOfPlan: null, note: 'Chưa báo cáo' });
    // The district names are searchable words of the list.
    expect((await listPublishedIndicators(db(), { siteId, now: later, query: 'dak to' })).total).toBe(1);
    await expect(updateIndicator(db(), as('chief_editor'), { indicatorId: id, fields: { periodKind: 'quarter' } })).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'periodKind' });
  });

  it('keeps the old address of a published indicator given a new one', async () => {
    const { id } = await createIndicator(db(), as('chief_editor'), { ...jobs(), isPublishing: true });
    expect(await updateIndicator(db(), as('chief_editor'), { indicatorId: id, fields: { slug: 'viec-lam' } })).toEqual({ slug: 'viec-lam' });
    expect(await findRedirect(db(), { siteId, path: 'chi-tieu/giai-quyet-viec-lam', liveDepth: 1 })).toBe('chi-tieu/viec-lam');
    expect((await getPublishedIndicator(db(), { siteId, slug: 'viec-lam', now: later })).name).toBe('Giải quyết việc làm');
    // A rename keeps the address.
    expect(await updateIndicator(db(), as('chief_editor'), { indicatorId: id, fields: { name: 'Tạo việc làm mới' } })).toEqual({ slug: 'viec-lam' });
  });

  it('lists published indicators by name, filtered by period kind and words, in pages', async () => {
    await seedDemoIndicators(db(), siteId, now);
    await createIndicator(db(), as('editor'), jobs({ name: 'Bản nháp về việc làm' }));
    const names = async (filter: Partial<Parameters<typeof listPublishedIndicators>[1]> = {}) => (await listPublishedIndicators(db(), { siteId, now: later, ...filter })).items.map((i) => i.name);
    expect(await names()).toEqual(['Giải quyết việc làm cho người lao động', 'Giải quyết việc làm theo huyện, thành phố', 'Mức giảm tỷ lệ hộ nghèo', 'Người tham gia bảo hiểm thất nghiệp', 'Tỷ lệ lao động qua đào tạo']);
    expect(await names({ periodKind: 'quarter' })).toEqual(['Người tham gia bảo hiểm thất nghiệp']);
    expect(await names({ query: 'giai quyet' })).toEqual(['Giải quyết việc làm cho người lao động', 'Giải quyết việc làm theo huyện, thành phố']);
    expect(await names({ query: 'Sa Thầy' })).toEqual(['Giải quyết việc làm theo huyện, thành phố']);
    expect(await names({ query: 'ho ngheo', periodKind: 'quarter' })).toEqual([]);
    const second = await listPublishedIndicators(db(), { siteId, now: later, page: 2, pageSize: 2 });
    expect(second).toMatchObject({ total: 5, page: 2, pageCount: 3 });
    await expect(listPublishedIndicators(db(), { siteId, now: later, query: 'x'.repeat(201) })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const [first] = (await listPublishedIndicators(db(), { siteId, now: later, query: 'lao dong qua dao tao' })).items;
    expect(first!.latest).toMatchObject({ period: '2021', result: 55.7, target: 54 });
    expect(formatPercentOfPlan(first!.latest!.percentOfPlan)).toBe('103,15%');
    // The demo's jobs indicator matches the report: 6.518 of 5.700, 114,35%.
    const demo = await getPublishedIndicator(db(), { siteId, slug: 'giai-quyet-viec-lam', now: later });
    expect(demo.values.find((v) => v.period === '2021')).toMatchObject({ target: 5700, result: 6518, percentOfPlan: 1.1435 });
    const byDistrict = await getPublishedIndicator(db(), { siteId, slug: 'giai-quyet-viec-lam-theo-huyen', now: later });
    expect(byDistrict.districts).toHaveLength(10);
    expect(byDistrict.values.filter((v) => v.district).reduce((sum, v) => sum + v.result!, 0)).toBe(6518);
    expect(DEMO_INDICATORS).toHaveLength(5);
    // Another site sees none of it.
    expect((await listPublishedIndicators(db(), { siteId: otherSiteId, now: later })).total).toBe(0);
  });

  it('is found by the site search by folded words and numbers, never as a draft, and after a reindex', async () => {
    await createIndicator(db(), as('chief_editor'), { ...jobs(), isPublishing: true });
    await createIndicator(db(), as('editor'), jobs({ name: 'Tỷ lệ hộ cận nghèo', unit: '%', values: [{ period: '2021', target: 3 }] }));
    const search = async (query: string) => (await searchSite(db(), { siteId, query, now: later })).hits.map((h) => [h.type, h.title, h.url]);
    const expected = [['indicator', 'Giải quyết việc làm', '/chi-tieu/giai-quyet-viec-lam']];
    expect(await search('giải quyết việc làm')).toEqual(expected);
    expect(await search('viec lam 114,35%')).toEqual(expected);
    expect(await search('can ngheo')).toEqual([]);
    await db().deleteFrom('search_records').execute();
    expect(await indicatorsSearchSource.countRecords!(db(), siteId)).toBe(1);
    expect(await reindexSite(db(), { siteId, sources: [indicatorsSearchSource] })).toEqual({ indexed: 1, removed: 0 });
    expect(await search('giai quyet viec lam')).toEqual(expected);
    expect(indicatorsSearchSource).toMatchObject({ type: 'indicator', label: 'Chỉ tiêu' });
  });
});
