import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, createTestDb, type TestDb } from '../../../test/helpers/databases.js';
import { isUniqueViolationOf, isUnstorableTextError, uniqueViolationOf } from './db-errors.js';

const ARTICLE_SLUG = { constraint: 'articles_site_slug_unique', table: 'articles', columns: ['site_id', 'slug'] } as const;
const SITE_HOST = { constraint: 'sites_host_key', table: 'sites', columns: ['host'] } as const;

async function errorOf(work: Promise<unknown>): Promise<unknown> {
  try {
    await work;
  } catch (error) {
    return error;
  }
  throw new Error('expected the statement to fail');
}

describe.each(ENGINES)('unique violations on %s', (engine) => {
  let testDb: TestDb;
  const now = new Date().toISOString();
  const site = (id: string, host: string) => ({ id, parent_id: null, host, is_default: 0, name: host, governing_body: '', english_name: '', address: '', phone: '', fax: '', email: '', responsible_person: '', licence: '', logo_media_id: null, created_at: now, updated_at: now });
  const article = (id: string, slug: string) => ({ id, site_id: 's1', category_id: 'c1', slug, title: slug, lead: '', body_html: '', gallery_title: '', byline: '', status: 'draft', is_featured: 0, published_at: null, cover_media_id: null, posted_by: null, created_at: now, updated_at: now });

  beforeAll(async () => {
    testDb = await createTestDb(engine);
    const db = testDb.db.kysely;
    await db.insertInto('sites').values(site('s1', 'a.gov.vn')).execute();
    await db.insertInto('categories').values({ id: 'c1', site_id: 's1', parent_id: null, slug: 'tin-tuc', path: 'tin-tuc', name: 'Tin tức', description: '', position: 0, is_on_home: 0, created_at: now }).execute();
    await db.insertInto('articles').values(article('a1', 'tin-1')).execute();
  });
  afterAll(async () => testDb?.destroy());

  it('recognises a repeated two-column key and names its table and columns', async () => {
    const error = await errorOf(testDb.db.kysely.insertInto('articles').values(article('a2', 'tin-1')).execute());
    const violation = uniqueViolationOf(error);
    expect(violation).toMatchObject({ table: 'articles', columns: ['site_id', 'slug'] });
    if (engine === 'postgres') expect(violation?.constraint).toBe('articles_site_slug_unique');
    expect(isUniqueViolationOf(error, ARTICLE_SLUG)).toBe(true);
    expect(isUniqueViolationOf(error, SITE_HOST)).toBe(false);
  });

  it('recognises single-column unique keys and primary keys, on insert and on update', async () => {
    const db = testDb.db.kysely;
    await db.insertInto('sites').values(site('s2', 'b.gov.vn')).execute();
    const cases = [
      () => db.insertInto('sites').values(site('s3', 'a.gov.vn')).execute(),
      () => db.updateTable('sites').set({ host: 'a.gov.vn' }).where('id', '=', 's2').execute(),
      () => db.insertInto('sites').values(site('s1', 'c.gov.vn')).execute(),
      () => db.insertInto('articles').values(article('a1', 'tin-khac')).execute(),
      () => db.insertInto('articles').values([article('x', 'x'), article('x', 'y')]).execute(),
      () => sql`insert into sites (id, host, name, created_at, updated_at) values ('s4', 'b.gov.vn', 'b', '', '')`.execute(db),
    ];
    for (const work of cases) expect(uniqueViolationOf(await errorOf(work()))).toBeDefined();
    expect(isUniqueViolationOf(await errorOf(db.insertInto('sites').values(site('s5', 'b.gov.vn')).execute()), SITE_HOST)).toBe(true);
    expect(isUniqueViolationOf(await errorOf(db.insertInto('sites').values(site('s1', 'd.gov.vn')).execute()), SITE_HOST)).toBe(false);
  });

  it('sees through a transaction and a wrapping error', async () => {
    const db = testDb.db.kysely;
    const error = await errorOf(db.transaction().execute(async (trx) => trx.insertInto('articles').values(article('a3', 'tin-1')).execute()));
    expect(isUniqueViolationOf(error, ARTICLE_SLUG)).toBe(true);
    expect(isUniqueViolationOf(new Error('outer', { cause: error }), ARTICLE_SLUG)).toBe(true);
  });

  it('leaves every other failure alone', async () => {
    const db = testDb.db.kysely;
    const others = [
      await errorOf(db.insertInto('articles').values({ ...article('a4', 'tin-4'), category_id: 'no-such-category' }).execute()),
      await errorOf(sql`insert into sites (id, host, created_at, updated_at) values ('s9', 'z.gov.vn', '', '')`.execute(db)),
      await errorOf(sql`select * from no_such_table`.execute(db)),
      await errorOf(sql`selec 1`.execute(db)),
    ];
    for (const error of others) expect(uniqueViolationOf(error)).toBeUndefined();
  });
});

describe('uniqueViolationOf on values that are not driver errors', () => {
  it('answers undefined', () => {
    const looping: { cause?: unknown } = {};
    looping.cause = looping;
    for (const value of [undefined, null, 0, '23505', 'SQLITE_CONSTRAINT_UNIQUE', new Error('UNIQUE constraint failed: a.b'), { code: 23505 }, { code: 'SQLITE_CONSTRAINT_FOREIGNKEY' }, { code: '23503' }, looping]) {
      expect(uniqueViolationOf(value)).toBeUndefined();
    }
  });

  it('reads the shapes each driver produces', () => {
    expect(uniqueViolationOf({ code: 'SQLITE_CONSTRAINT_UNIQUE', message: "UNIQUE constraint failed: index 'users_email_lower'" })).toEqual({ constraint: 'users_email_lower' });
    expect(uniqueViolationOf({ code: 'SQLITE_CONSTRAINT_PRIMARYKEY', message: 'UNIQUE constraint failed: article_gallery.article_id, article_gallery.position' })).toEqual({ table: 'article_gallery', columns: ['article_id', 'position'] });
    expect(uniqueViolationOf({ code: 'SQLITE_CONSTRAINT_UNIQUE', message: 'something else' })).toEqual({});
    expect(uniqueViolationOf({ code: '23505', constraint: 'sites_host_key', table: 'sites', detail: 'Key (host)=(a, b) already exists.' })).toEqual({ constraint: 'sites_host_key', table: 'sites', columns: ['host'] });
    expect(uniqueViolationOf({ code: '23505' })).toEqual({});
  });
});

describe.each(ENGINES.filter((engine) => engine === 'postgres'))('text PostgreSQL cannot store, on %s', (engine) => {
  let testDb: TestDb;
  beforeAll(async () => {
    testDb = await createTestDb(engine);
  });
  afterAll(async () => testDb?.destroy());

  it('recognises a NUL in a parameter, directly and wrapped, and nothing else', async () => {
    const error = await errorOf(sql`select ${'a\u0000b'}::text`.execute(testDb.db.kysely));
    expect(isUnstorableTextError(error)).toBe(true);
    expect(isUnstorableTextError(new Error('outer', { cause: error }))).toBe(true);
    expect(isUnstorableTextError(await errorOf(sql`select * from no_such_table`.execute(testDb.db.kysely)))).toBe(false);
    expect(isUnstorableTextError(new Error('x'))).toBe(false);
  });
});
