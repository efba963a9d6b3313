import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, createTestDb, type TestDb } from '../../../test/helpers/databases.js';
import type { Actor, RequestScope } from '../../platform/http/request-scope.js';
import { addMember, operatorScope, type Role } from '../accounts/index.js';
import { issueFormToken, parseChallengeAnswer } from '../public-forms/index.js';
import { reindexSite } from '../search/index.js';
import { createSite } from '../sites/index.js';
import { addHoliday } from '../working-days/index.js';
import { seedDemoInformationAccess } from './information-access.demo.js';
import { informationSearchSource } from './information-access.search.js';
import {
  INFORMATION_REQUEST_FORM,
  addInformationItem,
  answerRequest,
  extendRequest,
  getRequestForStaff,
  listItemsForStaff,
  listRequestInbox,
  refuseRequest,
  submitInformationRequest,
  takeUpRequest,
  trackInformationRequest,
  updateInformationSettings,
} from './information-access.service.js';

describe.each(ENGINES)('access to information on %s', (engine) => {
  let testDb: TestDb;
  let siteId: string;
  const people = new Map<Role, Actor>();
  // A Friday in Vietnam (10:00).
  const friday = new Date('2026-04-24T03:00:00Z');
  const as = (role: Role, at = friday): RequestScope => ({ siteId, actor: people.get(role)!, clientIp: '10.0.0.1', now: at });
  const db = () => testDb.db.kysely;

  beforeAll(async () => {
    testDb = await createTestDb(engine);
    siteId = await createSite(db(), { host: 'sld.example.vn', name: 'Sở Lao động' });
    for (const role of ['author', 'editor', 'chief_editor', 'admin'] as Role[]) {
      const { userId } = await addMember(db(), operatorScope(siteId), { email: `${role}@kontum.gov.vn`, displayName: role, role });
      people.set(role, { id: userId, label: `${role}@kontum.gov.vn`, displayName: role, role, isSuperAdmin: false, via: 'session' });
    }
  });
  afterAll(async () => testDb.destroy());

  /** Submits through the service with a real token, opened `fillMs` before `at`. */
  async function submit(at: Date, content: string) {
    const { token, challenge } = await issueFormToken(db(), { siteId, form: INFORMATION_REQUEST_FORM, now: new Date(at.getTime() - 10_000) });
    const [a, b] = /^(.+?) cộng (.+?) bằng mấy/.exec(challenge.question)!.slice(1);
    const answer = String(parseChallengeAnswer(a!)! + parseChallengeAnswer(b!)!);
    return submitInformationRequest(db(), { siteId, actor: null, clientIp: '10.0.0.9', now: at }, { fullName: 'Lê Văn Cường', idNumber: '062090007777', address: 'Kon Tum', phone: '0905111222', content, purpose: 'Để biết.', delivery: 'office', defences: { token, answer, honeypot: '' } });
  }

  it('counts the deadline in working days over the weekend and the site’s holidays, and extends from the first deadline', async () => {
    // The site's calendar has 27/4 (Giỗ Tổ, moved), 30/4 and 1/5 (announced); staff add Wednesday 6/5.
    await addHoliday(db(), as('chief_editor'), { day: '06/05/2026', name: 'Nghỉ theo quyết định của tỉnh' });
    const received = await submit(friday, 'Đề nghị cung cấp kế hoạch tuyển sinh học nghề năm 2026.');
    expect(received.kind).toBe('received');
    if (received.kind !== 'received') return;
    // From Fri 24/4: 28, 29/4; 4, 5, 7, 8, 11–15, 18–21/5 (weekends, 27/4, 30/4, 1/5 and 6/5 skipped).
    expect(received.dueDay).toBe('2026-05-21');
    const row = await db().selectFrom('information_requests').select('id').where('tracking_code', '=', received.trackingCode).executeTakeFirstOrThrow();
    const { dueDay } = await extendRequest(db(), as('chief_editor'), { requestId: row.id, days: 15, reason: 'Cần lấy ý kiến các phòng chuyên môn.' });
    expect(dueDay).toBe('2026-06-11');
    const tracked = await trackInformationRequest(db(), { siteId, trackingCode: received.trackingCode });
    expect(tracked).toMatchObject({ status: 'extended', dueDay: '2026-06-11', extensionReason: 'Cần lấy ý kiến các phòng chuyên môn.' });
    expect(JSON.stringify(tracked)).not.toMatch(/Lê Văn Cường|062090007777|0905111222/);
  });

  it('refuses every staff use-case to those without information_request.handle, and to no one at all', async () => {
    const received = await submit(new Date(friday.getTime() + 60_000), 'Đề nghị cung cấp danh sách cơ sở dạy nghề.');
    if (received.kind !== 'received') throw new Error('not received');
    const row = await db().selectFrom('information_requests').select('id').where('tracking_code', '=', received.trackingCode).executeTakeFirstOrThrow();
    const anonymous: RequestScope = { siteId, actor: null, clientIp: '10.0.0.1', now: friday };
    for (const scope of [as('author'), as('editor'), anonymous]) {
      const calls = [
        () => listRequestInbox(db(), scope, { tab: 'new', page: 1, pageSize: 20 }),
        () => getRequestForStaff(db(), scope, row.id),
        () => takeUpRequest(db(), scope, { requestId: row.id }),
        () => extendRequest(db(), scope, { requestId: row.id, days: 5, reason: 'Lý do đủ dài.' }),
        () => answerRequest(db(), scope, { requestId: row.id, answerHtml: '<p>Trả lời.</p>' }),
        () => refuseRequest(db(), scope, { requestId: row.id, reason: 'Lý do đủ dài.' }),
        () => listItemsForStaff(db(), scope),
        () => addInformationItem(db(), scope, { title: 'x', link: '/van-ban' }),
        () => updateInformationSettings(db(), scope, { name: 'x', phone: '0905111222', retentionMonths: '12' }),
      ];
      for (const call of calls) await expect(call()).rejects.toMatchObject({ status: scope.actor ? 403 : 401 });
    }
    const forChief = await getRequestForStaff(db(), as('chief_editor'), row.id);
    expect(forChief).toMatchObject({ idNumber: '062090007777', maskedIdNumber: '********7777', can: { managePersonalData: false } });
    expect((await getRequestForStaff(db(), as('admin'), row.id)).can.managePersonalData).toBe(true);
  });

  it('seeds the demo through the service: the focal point, ten items, one answered and one open request; search has the section and the items', async () => {
    const other = await createSite(db(), { host: 'demo.example.vn', name: 'Sở demo' });
    await seedDemoInformationAccess(db(), { siteId: other, now: new Date() });
    const inbox = await listRequestInbox(db(), operatorScope(other), { tab: 'answered', page: 1, pageSize: 20 });
    expect(inbox.counts).toMatchObject({ answered: 1, 'in-progress': 1 });
    expect(await informationSearchSource.countRecords?.(db(), other)).toBe(11);
    await reindexSite(db(), { siteId: other, sources: [informationSearchSource] });
    const records = await db().selectFrom('search_records').selectAll().where('site_id', '=', other).where('type', '=', 'information').execute();
    expect(records.length).toBe(11);
    expect(JSON.stringify(records)).not.toMatch(/Trần Văn Bình|062090004321|Nguyễn Thị Lan/);
  });
});
