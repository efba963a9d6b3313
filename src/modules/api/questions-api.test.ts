import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/helpers/databases.js';
import { startTestPortal, type TestPortal } from '../../../test/helpers/test-app.js';
import { operatorScope } from '../accounts/index.js';
import { listInbox, publishQuestion, seedDemoQuestions, unpublishQuestion } from '../questions/index.js';
import { createSite } from '../sites/index.js';

describe.each(ENGINES)('the questions API on %s', (engine) => {
  let portal: TestPortal;
  let goneSlug: string;
  let otherSiteSlug: string;
  const db = () => portal.testDb.db.kysely;

  beforeAll(async () => {
    portal = await startTestPortal(engine);
    const siteId = portal.fixture.siteId;
    const now = new Date(Date.now() - 60_000);
    await seedDemoQuestions(db(), { siteId, now });
    const gone = await db().selectFrom('questions').select(['id', 'slug']).where('site_id', '=', siteId).where('publication', '=', 'published').orderBy('answered_at').executeTakeFirstOrThrow();
    await unpublishQuestion(db(), operatorScope(siteId), { questionId: gone.id });
    goneSlug = gone.slug!;
    const other = await createSite(db(), { host: 'huyen.example', name: 'Trang huyện' });
    await seedDemoQuestions(db(), { siteId: other, now });
    const [open] = (await listInbox(db(), operatorScope(other), { tab: 'new', page: 1, pageSize: 1 })).items;
    otherSiteSlug = (await publishQuestion(db(), operatorScope(other), { questionId: open!.id, publicTitle: 'Câu hỏi riêng của trang huyện', answerHtml: '<p>Trả lời.</p>' })).slug;
  });
  afterAll(async () => portal.close());

  it('lists published Q&A only, newest answered first, never contact details', async () => {
    const answer = await portal.app.inject({ url: '/api/v1/questions?limit=50' });
    expect(answer.statusCode).toBe(200);
    const body = answer.json() as { items: { slug: string; answeredAt: string; askedBy: string; url: string }[]; total: number; topics: { slug: string }[] };
    expect(body.total).toBe(9);
    expect(body.items.map((i) => i.slug)).not.toContain(goneSlug);
    expect(body.items.map((i) => i.slug)).not.toContain(otherSiteSlug);
    const times = body.items.map((i) => i.answeredAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect(answer.body).not.toMatch(/@example\.vn|email|phone|Nguyễn Văn Hùng/);
    expect(body.items.map((i) => i.askedBy)).toContain('Công dân');
    expect(body.items[0]!.url).toMatch(/^http:\/\/localhost:3000\/hoi-dap\//);
    expect(body.topics.map((t) => t.slug)).toContain('viec-lam');
    expect(JSON.stringify(body)).not.toContain('Vay vốn giải quyết việc làm');
  });

  it('filters by topic and words', async () => {
    const jobs = (await portal.app.inject({ url: '/api/v1/questions?topic=viec-lam' })).json() as { items: { topic: { slug: string } }[] };
    expect(jobs.items.length).toBeGreaterThan(0);
    expect(jobs.items.every((i) => i.topic.slug === 'viec-lam')).toBe(true);
    const words = (await portal.app.inject({ url: '/api/v1/questions?q=giay+phep+lao+dong' })).json() as { items: { slug: string }[] };
    expect(words.items.map((i) => i.slug)).toEqual(['thu-tuc-cap-giay-phep-lao-dong-cho-nguoi-nuoc-ngoai']);
  });

  it('gives one Q&A with its sanitised answer, and 404 for unpublished, other sites\' and unknown slugs', async () => {
    const one = await portal.app.inject({ url: '/api/v1/questions/thu-tuc-cap-giay-phep-lao-dong-cho-nguoi-nuoc-ngoai' });
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({ title: 'Thủ tục cấp giấy phép lao động cho người nước ngoài', askedBy: 'Một doanh nghiệp' });
    expect(one.json().answerHtml).toContain('<p>');
    for (const slug of [goneSlug, otherSiteSlug, 'khong-co', '%3Cscript%3E']) {
      const answer = await portal.app.inject({ url: `/api/v1/questions/${slug}` });
      expect(answer.statusCode, slug).toBe(404);
      expect(answer.json().error.code).toBe('NOT_FOUND');
    }
  });

  it('answers bad queries with a 400 and a Vietnamese message', async () => {
    for (const query of ['topic=khong-co', 'limit=0', 'limit=51', 'page=abc', `q=${'a'.repeat(201)}`, `topic=${'x'.repeat(121)}`]) {
      const answer = await portal.app.inject({ url: `/api/v1/questions?${query}` });
      expect(answer.statusCode, query).toBe(400);
      expect(answer.json().error.message, query).toBeTruthy();
    }
  });
});
