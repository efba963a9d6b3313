import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { loadConfig } from '../../config.js';
import { createTestDb, type TestDb } from '../../../test/helpers/databases.js';
import { BROWSER_UA } from '../../../test/helpers/test-app.js';
import type { FastifyInstance } from 'fastify';
import { installDemoSite } from './demo.seed.js';
import { demoSite } from './demo-content.js';

const SEED_TITLE = 'Hội nghị triển khai nhiệm vụ công tác lao động, người có công và xã hội năm 2022';

describe('demo agency', () => {
  let testDb: TestDb;
  let app: FastifyInstance;

  beforeAll(async () => {
    testDb = await createTestDb('sqlite');
    await installDemoSite(testDb.db.kysely, path.join(testDb.dataDir, 'media'));
    app = await buildApp({ config: loadConfig({ DATA_DIR: testDb.dataDir }), db: testDb.db, logger: false });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await testDb?.destroy();
  });

  const get = (url: string) => app.inject({ url, headers: { 'user-agent': BROWSER_UA } });

  it('installs about 30 articles across the categories, one modelled on the seed page', async () => {
    const articles = await testDb.db.kysely.selectFrom('articles').select(['title', 'category_id']).execute();
    expect(articles.length).toBeGreaterThanOrEqual(30);
    expect(new Set(articles.map((a) => a.category_id)).size).toBeGreaterThanOrEqual(8);
    expect(articles.map((a) => a.title)).toContain(SEED_TITLE);
  });

  it('serves every menu entry and every article, with all pictures present', async () => {
    const urls = new Set<string>(demoSite.menu.flatMap((item) => [item.url, ...(item.children ?? []).map((c) => c.url)]));
    for (const url of urls) expect((await get(url)).statusCode, url).toBe(200);
    const rows = await testDb.db.kysely.selectFrom('articles').innerJoin('categories', 'categories.id', 'articles.category_id').select(['categories.path', 'articles.slug', 'articles.language']).execute();
    const media = new Set<string>();
    for (const row of rows) {
      const response = await get(`${row.language === 'en' ? '/en' : ''}/${row.path}/${row.slug}`);
      expect(response.statusCode, row.slug).toBe(200);
      for (const match of response.body.matchAll(/(?:src|srcset)="([^"]+)"/g)) for (const part of match[1]!.split(', ')) media.add(part.split(' ')[0]!);
    }
    for (const url of media) expect((await get(url)).statusCode, url).toBe(200);
  });

  it('has English pages: the key information, linked to its Vietnamese versions', async () => {
    const english = await testDb.db.kysely.selectFrom('articles').select(['title', 'translation_of']).where('language', '=', 'en').execute();
    expect(english.map((a) => a.title)).toEqual(expect.arrayContaining(['About the Department', 'Functions and tasks of the Department', 'Contacts']));
    expect(english.every((a) => a.translation_of !== null)).toBe(true);
    const home = (await get('/en')).body;
    expect(home).toMatch(/<html lang="en">/);
    expect(home).toContain('Kon Tum Job Fair 2022');
    expect(home).toContain('>Labour and employment<');
    const vietnameseHome = (await get('/')).body;
    expect(vietnameseHome).toContain('class="language-switch" href="/en"');
    expect(vietnameseHome).not.toContain('Kon Tum Job Fair 2022');
  });

  it('has the documents its articles cite, so the citations are links from the first start', async () => {
    const list = (await get('/van-ban')).body;
    for (const number of ['20/2021/NĐ-CP', '75/2021/NĐ-CP', '08/2022/QĐ-TTg', '136/2013/NĐ-CP']) expect(list, number).toContain(`>${number}</a>`);
    const article = await testDb.db.kysely.selectFrom('articles').innerJoin('categories', 'categories.id', 'articles.category_id').select(['categories.path', 'articles.slug']).where('articles.title', 'like', 'Triển khai chính sách trợ giúp xã hội%').executeTakeFirstOrThrow();
    const body = (await get(`/${article.path}/${article.slug}`)).body;
    expect(body).toMatch(/<a href="\/van-ban\/20-2021-nd-cp" class="citation citation--in-force"/);
    expect((await get('/van-ban/136-2013-nd-cp')).body).toContain('Văn bản này đã bị thay thế bởi <a href="/van-ban/20-2021-nd-cp">');
  });

  it('has indicators with their chart, one embedded in an article', async () => {
    const page = (await get('/chi-tieu/giai-quyet-viec-lam')).body;
    expect(page).toContain('<svg');
    expect(page).toContain('114,35%');
    const article = await testDb.db.kysely.selectFrom('articles').innerJoin('categories', 'categories.id', 'articles.category_id').select(['categories.path', 'articles.slug']).where('articles.title', 'like', 'Sơ kết công tác lao động%').executeTakeFirstOrThrow();
    const body = (await get(`/${article.path}/${article.slug}`)).body;
    expect(body).not.toContain('[chi-tieu:');
    expect(body).toContain('114,35%');
  });

  it('shows the seed figures the Vietnamese way', async () => {
    const row = await testDb.db.kysely.selectFrom('articles').select('slug').where('title', '=', SEED_TITLE).executeTakeFirstOrThrow();
    const html = (await get(`/tin-tuc/thong-bao/${row.slug}`)).body;
    expect(html).toContain('6.518');
    expect(html).toContain('114,35%');
    expect(html).toContain('Một số hình ảnh tại Hội nghị');
    expect(html).toContain('Tin và ảnh: Lê Thương');
    expect(html).toMatch(/Lượt xem:<\/dt><dd class="article__views">2\.57\d/);
  });
});
