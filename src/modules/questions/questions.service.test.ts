import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, createTestDb, type TestDb } from '../../../test/helpers/databases.js';
import type { Actor, RequestScope } from '../../platform/http/request-scope.js';
import { addMember, operatorScope, type Role } from '../accounts/index.js';
import { reindexSite } from '../search/index.js';
import { createSite } from '../sites/index.js';
import { DEMO_QUESTIONS, seedDemoQuestions } from './questions.demo.js';
import { QUESTIONS_RETENTION_JOB } from './questions.jobs.js';
import { erasePersonalDataPastRetention } from './questions.personal-data.js';
import { listPublishedQuestions } from './questions.public.js';
import { questionReport } from './questions.report.js';
import { questionsSearchSource } from './questions.search.js';
import { issueFormToken, parseChallengeAnswer } from '../public-forms/index.js';
import { loadHolidays } from '../working-days/index.js';
import { getQuestionForStaff, listInbox, listTopics, rejectQuestion, submitQuestion, updateSettings } from './questions.service.js';

describe.each(ENGINES)('questions on %s', (engine) => {
  let testDb: TestDb;
  let siteId: string;
  const people = new Map<Role, Actor>();
  const now = new Date('2026-11-29T03:00:00Z');
  const as = (role: Role, at = now): RequestScope => ({ siteId, actor: people.get(role)!, clientIp: '10.0.0.1', now: at });
  const db = () => testDb.db.kysely;

  beforeAll(async () => {
    testDb = await createTestDb(engine);
    siteId = await createSite(db(), { host: 'sld.example.vn', name: 'Sở Lao động' });
    for (const role of ['author', 'editor', 'chief_editor', 'admin'] as Role[]) {
      const { userId } = await addMember(db(), operatorScope(siteId), { email: `${role}@kontum.gov.vn`, displayName: role, role });
      people.set(role, { id: userId, label: `${role}@kontum.gov.vn`, displayName: role, role, isSuperAdmin: false, via: 'session' });
    }
    await seedDemoQuestions(db(), { siteId, now });
  });
  afterAll(async () => testDb.destroy());

  it('seeds published Q&A across topics and pending ones, one overdue', async () => {
    const published = await listPublishedQuestions(db(), { siteId, page: 1, pageSize: 50 });
    expect(published.total).toBe(DEMO_QUESTIONS.filter((q) => q.answerHtml).length);
    expect(new Set(published.items.map((i) => i.topic?.name)).size).toBeGreaterThanOrEqual(6);
    expect(JSON.stringify(published)).not.toMatch(/@example\.vn/);
    const inbox = await listInbox(db(), as('editor'), { tab: 'overdue', page: 1, pageSize: 20 });
    expect(inbox.items.map((i) => i.title)).toContain('Vay vốn giải quyết việc làm cho hộ kinh doanh nhỏ');
    expect(inbox.items[0]!.daysLeft).toBeLessThan(0);
    expect(inbox.counts.new).toBe(3);
    // The search index holds every published Q&A, and a rebuild gives the same.
    expect(await questionsSearchSource.countRecords!(db(), siteId)).toBe(published.total);
    await reindexSite(db(), { siteId, sources: [questionsSearchSource] });
    const records = await db().selectFrom('search_records').select('id').where('type', '=', 'question').execute();
    expect(records.length).toBe(published.total);
  });

  it('refuses the inbox and contact details by role', async () => {
    await expect(listInbox(db(), as('author'), { tab: 'new', page: 1, pageSize: 20 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const [item] = (await listInbox(db(), as('editor'), { tab: 'new', page: 1, pageSize: 1 })).items;
    expect((await getQuestionForStaff(db(), as('editor'), item!.id)).contact).toBeNull();
    expect((await getQuestionForStaff(db(), as('chief_editor'), item!.id)).contact?.email).toMatch(/@example\.vn$/);
    await expect(updateSettings(db(), as('editor'), { answerDays: 10, retentionDays: 365 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('reports per month received, answered on time, and the average working days', async () => {
    const report = await questionReport(db(), as('chief_editor'));
    const total = report.reduce((sum, m) => sum + m.received, 0);
    expect(total).toBe(DEMO_QUESTIONS.length);
    expect(report.reduce((sum, m) => sum + m.onTime, 0)).toBe(DEMO_QUESTIONS.filter((q) => q.answerHtml).length);
    expect(report.some((m) => m.averageDays !== null && m.averageDays > 0)).toBe(true);
    await expect(questionReport(db(), as('editor'))).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('erases personal data of closed questions past the retention, audited as the system, and schedules itself', async () => {
    const [open] = (await listInbox(db(), as('chief_editor'), { tab: 'new', page: 1, pageSize: 1 })).items;
    await rejectQuestion(db(), as('chief_editor'), { questionId: open!.id, reason: 'Không thuộc thẩm quyền của Sở.' });
    expect(await db().selectFrom('jobs').select('name').where('key', '=', QUESTIONS_RETENTION_JOB).executeTakeFirst()).toEqual({ name: QUESTIONS_RETENTION_JOB });
    // Kept 100 days: 20 days on, nothing is erased yet (the oldest closed 40 days ago).
    await updateSettings(db(), as('chief_editor'), { answerDays: 15, retentionDays: 100 });
    expect(await erasePersonalDataPastRetention(db(), { now: new Date(now.getTime() + 20 * 86_400_000) })).toBe(0);
    // Kept 30 days: 80 days on, every closed question's data is erased, open ones kept.
    await updateSettings(db(), as('chief_editor'), { answerDays: 15, retentionDays: 30 });
    const erased = await erasePersonalDataPastRetention(db(), { now: new Date(now.getTime() + 80 * 86_400_000) });
    expect(erased).toBe(DEMO_QUESTIONS.filter((q) => q.answerHtml).length + 1);
    const rows = await db().selectFrom('questions').select(['status', 'asker_name', 'email']).execute();
    for (const row of rows) {
      if (row.status === 'answered' || row.status === 'rejected') expect(row).toMatchObject({ asker_name: '', email: '' });
      else expect(row.asker_name).not.toBe('');
    }
    const audit = await db().selectFrom('audit_log').select(['actor_id', 'detail']).where('action', '=', 'question.personal_data_expired').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_id).toBeNull();
    // Repeated: harmless.
    expect(await erasePersonalDataPastRetention(db(), { now: new Date(now.getTime() + 81 * 86_400_000) })).toBe(0);
  });

  it('sets the deadline in working days from the day received in Vietnam, skipping weekends and the site\'s holidays', async () => {
    await loadHolidays(db(), { siteId });
    // A day off staff added (a provincial holiday), on Tuesday 8/12/2026.
    await db().insertInto('holidays').values({ id: crypto.randomUUID(), site_id: siteId, day: '2026-12-08', name: 'Ngày nghỉ của tỉnh', created_at: now.toISOString() }).onConflict((oc) => oc.columns(['site_id', 'day']).doNothing()).execute();
    // Thursday 3/12/2026, 23:30 in Vietnam (16:30 UTC): received on the 3rd, not the 4th.
    const issuedAt = new Date('2026-12-03T16:25:00Z');
    const form = await issueFormToken(db(), { siteId, form: 'question', now: issuedAt });
    const [a, b] = /^(.+?) cộng (.+?) bằng mấy/.exec(form.challenge.question)!.slice(1);
    const topic = (await listTopics(db(), { siteId, now }))[0]!;
    const scope = { siteId, actor: null, clientIp: '10.0.0.9', now: new Date('2026-12-03T16:30:00Z') };
    const result = await submitQuestion(db(), scope, {
      name: 'Hà Văn Quang',
      phone: '0935 111 222',
      topicId: topic.id,
      title: 'Hỏi về thời hạn trả lời',
      body: 'Câu hỏi để kiểm tra cách tính hạn trả lời.',
      defences: { token: form.token, answer: String(parseChallengeAnswer(a!.toLowerCase())! + parseChallengeAnswer(b!)!), honeypot: '' },
    });
    // 15 working days after Thursday 3/12: the 24th without the holiday; the 25th with it.
    expect(result).toMatchObject({ kind: 'received', dueDay: '2026-12-25' });
    const row = await db().selectFrom('questions').select(['received_day', 'due_day']).where('title', '=', 'Hỏi về thời hạn trả lời').executeTakeFirstOrThrow();
    expect(row).toEqual({ received_day: '2026-12-03', due_day: '2026-12-25' });
  });
});
