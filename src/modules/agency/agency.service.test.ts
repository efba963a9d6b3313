/**
 * The agency use-cases' rules that no screen shows: default deny, one site never reaching
 * another's units, publication steps in order, and the tree kept a tree.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, createTestDb, type TestDb } from '../../../test/helpers/databases.js';
import type { RequestScope } from '../../platform/http/request-scope.js';
import { operatorScope } from '../accounts/index.js';
import { createSite } from '../sites/index.js';
import { createOfficial, createUnit, deleteUnit, listAgencyRevisions, publishUnit, saveAgencyProfile, saveUnit, unpublishUnit } from './agency.service.js';

const actorScope = (siteId: string, role: string | null): RequestScope => ({ siteId, actor: role === null ? null : { id: 'u1', label: 'x@kontum.gov.vn', displayName: 'X', role, isSuperAdmin: false, via: 'session' }, clientIp: '127.0.0.1', now: new Date() });

async function codeOf(work: Promise<unknown>): Promise<string | undefined> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  return (error as { code?: string } | undefined)?.code;
}

describe.each(ENGINES)('agency use-cases on %s', (engine) => {
  let testDb: TestDb;
  let siteId: string;
  let otherSiteId: string;
  const db = () => testDb.db.kysely;

  beforeAll(async () => {
    testDb = await createTestDb(engine);
    siteId = await createSite(db(), { host: 'a.kontum.gov.vn', name: 'Sở A' });
    otherSiteId = await createSite(db(), { host: 'b.kontum.gov.vn', name: 'Sở B' });
  });
  afterAll(async () => testDb.destroy());

  it('denies by default: no actor, a non-member, an author', async () => {
    for (const role of [null, 'author']) {
      const scope = actorScope(siteId, role);
      expect(await codeOf(createUnit(db(), scope, { name: 'Phòng X' })), String(role)).toMatch(/FORBIDDEN|UNAUTHENTICATED/);
      expect(await codeOf(createOfficial(db(), scope, { fullName: 'Ai Đó' })), String(role)).toMatch(/FORBIDDEN|UNAUTHENTICATED/);
      expect(await codeOf(saveAgencyProfile(db(), scope, { overviewHtml: '<p>x</p>' })), String(role)).toMatch(/FORBIDDEN|UNAUTHENTICATED/);
    }
    // An editor drafts but neither publishes nor edits the profile.
    const editor = actorScope(siteId, 'editor');
    expect(await codeOf(createUnit(db(), editor, { name: 'Phòng Y', isPublishing: true }))).toBe('FORBIDDEN');
    expect(await codeOf(saveAgencyProfile(db(), editor, { overviewHtml: '<p>x</p>' }))).toBe('FORBIDDEN');
    expect(await db().selectFrom('agency_units').select('id').execute()).toEqual([]);
  });

  it('refuses input of the wrong type field by field, as a client of the service might send it', async () => {
    const scope = operatorScope(siteId);
    const cases: [Record<string, unknown>, string][] = [
      [{ name: { toString: () => 'x' } }, 'name'],
      [{ name: ['Phòng A', 'Phòng B'] }, 'name'],
      [{ name: 'Phòng A', kind: 3 }, 'kind'],
      [{ name: 'Phòng A', parentId: 42 }, 'parentId'],
      [{ name: 'Phòng A', functionsHtml: { html: '<p>x</p>' } }, 'functionsHtml'],
      [{ name: 'Phòng A', phone: 260386 }, 'phone'],
      [{ name: 'Phòng A', email: true }, 'email'],
      [{ name: 'Phòng A', position: 1.5 }, 'position'],
      [{ name: 'Phòng A', slug: ['a'] }, 'slug'],
    ];
    for (const [input, field] of cases) await expect(createUnit(db(), scope, input), field).rejects.toMatchObject({ code: 'INVALID_INPUT', field });
    for (const [input, field] of [
      [{ fullName: 7 }, 'fullName'],
      [{ fullName: 'Ai Đó', unitId: { id: 'x' } }, 'unitId'],
      [{ fullName: 'Ai Đó', photoMediaId: 12 }, 'photoMediaId'],
      [{ fullName: 'Ai Đó', leaderOrder: 'một' }, 'leaderOrder'],
      [{ fullName: 'Ai Đó', fieldsInCharge: ['a'] }, 'fieldsInCharge'],
    ] as [Record<string, unknown>, string][]) {
      await expect(createOfficial(db(), scope, input), field).rejects.toMatchObject({ code: 'INVALID_INPUT', field });
    }
    await expect(saveAgencyProfile(db(), scope, { mapUrl: 5, overviewHtml: '<p>x</p>' })).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'mapUrl' });
  });

  it('never reaches another site’s unit', async () => {
    const theirs = await createUnit(db(), operatorScope(otherSiteId), { name: 'Phòng của Sở B' });
    const scope = operatorScope(siteId);
    expect(await codeOf(saveUnit(db(), scope, { unitId: theirs.id, fields: { name: 'Chiếm' } }))).toBe('NOT_FOUND');
    expect(await codeOf(publishUnit(db(), scope, { unitId: theirs.id }))).toBe('NOT_FOUND');
    expect(await codeOf(deleteUnit(db(), scope, { unitId: theirs.id }))).toBe('NOT_FOUND');
    expect(await codeOf(createUnit(db(), scope, { name: 'Phòng Z', parentId: theirs.id }))).toBe('INVALID_INPUT');
    for (const unitId of [42, null, ['x'], { id: theirs.id }] as unknown as string[]) expect(await codeOf(saveUnit(db(), scope, { unitId, fields: {} }))).toBe('NOT_FOUND');
  });

  it('publishes in order, gives free slugs, refuses a taken one, and keeps a revision per save', async () => {
    const scope = operatorScope(siteId);
    const first = await createUnit(db(), scope, { name: 'Phòng Đào tạo' });
    const second = await createUnit(db(), scope, { name: 'Phòng Đào tạo' });
    expect(first.slug).toBe('phong-dao-tao');
    expect(second.slug).toBe('phong-dao-tao-2');
    expect(await codeOf(saveUnit(db(), scope, { unitId: second.id, fields: { slug: 'phong-dao-tao' } }))).toBe('CONFLICT');
    expect(await codeOf(unpublishUnit(db(), scope, { unitId: first.id }))).toBe('INVALID_TRANSITION');
    await publishUnit(db(), scope, { unitId: first.id });
    expect(await codeOf(publishUnit(db(), scope, { unitId: first.id }))).toBe('INVALID_TRANSITION');
    await saveUnit(db(), scope, { unitId: first.id, fields: { name: 'Phòng Giáo dục nghề nghiệp' } });
    const revisions = await listAgencyRevisions(db(), scope, { targetType: 'unit', targetId: first.id });
    expect(revisions.map((r) => [r.number, r.snapshot.name])).toEqual([
      [2, 'Phòng Giáo dục nghề nghiệp'],
      [1, 'Phòng Đào tạo'],
    ]);
    // Another site's revisions are not listed.
    expect(await listAgencyRevisions(db(), operatorScope(otherSiteId), { targetType: 'unit', targetId: first.id })).toEqual([]);
  });

  it('keeps the tree a tree of at most six levels', async () => {
    const scope = operatorScope(siteId);
    const ids: string[] = [];
    for (let level = 0; level < 6; level++) ids.push((await createUnit(db(), scope, { name: `Cấp ${level}`, parentId: ids.at(-1) ?? null })).id);
    expect(await codeOf(createUnit(db(), scope, { name: 'Cấp 6', parentId: ids[5]! }))).toBe('INVALID_INPUT');
    expect(await codeOf(saveUnit(db(), scope, { unitId: ids[0]!, fields: { parentId: ids[3]! } }))).toBe('INVALID_INPUT');
    // Moving a unit with two levels under it deep down would break the limit too.
    const top = await createUnit(db(), scope, { name: 'Khối mới' });
    expect(await codeOf(saveUnit(db(), scope, { unitId: ids[3]!, fields: { parentId: top.id } }))).toBeUndefined();
    expect(await codeOf(saveUnit(db(), scope, { unitId: top.id, fields: { parentId: ids[2]! } }))).toBe('INVALID_INPUT');
    expect(await codeOf(deleteUnit(db(), scope, { unitId: ids[4]! }))).toBe('CONFLICT');
  });
});
