/**
 * Citizens' questions (hỏi đáp): the public submission, the tracking page's lookup, and
 * the staff's use-cases: assign, draft the answer (a revision per save), publish, reject,
 * topics and settings. Staff functions take the request scope and check the actor first
 * (default deny): 'question.answer' to see the inbox and draft an answer on a question
 * assigned to one; 'question.publish' for everything else and to see contact details.
 * Each write is one transaction with its audit entry; what the public sees bumps the
 * site's content version and syncs the search record.
 */
import crypto from 'node:crypto';
import { PostgresAdapter, type Kysely, type Selectable } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { ForbiddenError, InvalidInputError } from '../../platform/errors.js';
import type { RequestScope } from '../../platform/http/request-scope.js';
import { foldVietnamese, slugify } from '../../platform/i18n/vi.js';
import { hasPermission, requirePermission } from '../accounts/index.js';
import { htmlToPlainText, sanitizeBody } from '../articles/sanitize-body.js';
import { recordAudit } from '../audit/index.js';
import { changeSiteContent } from '../sites/index.js';
import { QuestionNotFoundError, QuestionStepError } from './questions.errors.js';
import { ensureRetentionJob } from './questions.jobs.js';
import { syncQuestionSearch } from './questions.search.js';
import type { QuestionsTable } from './questions.table.js';
import { DEFAULT_ANSWER_DAYS, DEFAULT_RETENTION_DAYS, DEFAULT_TOPICS, DUE_SOON_DAYS, QUESTION_LIMITS, checkQuestionFields, cleanLine, cleanParagraphs, newTrackingCode, type QuestionInput, type QuestionStatus } from './question-rules.js';
import { checkFormSubmission, contentFingerprint } from '../public-forms/index.js';
import { addWorkingDays, loadHolidays, vietnamDay, workingDaysBetween } from '../working-days/index.js';

export type QuestionRow = Selectable<QuestionsTable>;

// ——— topics and settings ———

export interface QuestionTopic {
  id: string;
  slug: string;
  name: string;
}

/** The site's topics in order; the defaults are written on first use. */
export async function listTopics(db: Kysely<Database>, input: { siteId: string; now: Date }): Promise<QuestionTopic[]> {
  const rows = await db.selectFrom('question_topics').select(['id', 'slug', 'name']).where('site_id', '=', input.siteId).orderBy('position').orderBy('name').execute();
  if (rows.length > 0) return rows;
  return inTransaction(db, async (trx) => {
    const again = await trx.selectFrom('question_topics').select('id').where('site_id', '=', input.siteId).executeTakeFirst();
    if (!again) {
      await trx
        .insertInto('question_topics')
        .values(DEFAULT_TOPICS.map((name, position) => ({ id: crypto.randomUUID(), site_id: input.siteId, slug: slugify(name), name, position, created_at: input.now.toISOString() })))
        .execute();
    }
    return trx.selectFrom('question_topics').select(['id', 'slug', 'name']).where('site_id', '=', input.siteId).orderBy('position').orderBy('name').execute();
  });
}

/** Adds a topic at the end. @throws FORBIDDEN without question.publish; INVALID_INPUT; CONFLICT for a name taken. */
export async function addTopic(db: Kysely<Database>, scope: RequestScope, input: { name: unknown }): Promise<QuestionTopic> {
  requirePermission(scope.actor, 'question.publish');
  const name = cleanLine(input.name);
  if (!name) throw new InvalidInputError('Hãy nhập tên lĩnh vực.', { field: 'name' });
  if (name.length > 100) throw new InvalidInputError('Tên lĩnh vực không được dài quá 100 ký tự.', { field: 'name' });
  const slug = slugify(name) || 'linh-vuc';
  await listTopics(db, { siteId: scope.siteId, now: scope.now });
  return inTransaction(db, async (trx) => {
    const taken = await trx.selectFrom('question_topics').select('id').where('site_id', '=', scope.siteId).where('slug', '=', slug).executeTakeFirst();
    if (taken) throw new InvalidInputError(`Lĩnh vực "${name}" đã có.`, { field: 'name' });
    const last = await trx.selectFrom('question_topics').select((eb) => eb.fn.max('position').as('p')).where('site_id', '=', scope.siteId).executeTakeFirst();
    const topic = { id: crypto.randomUUID(), slug, name };
    await trx.insertInto('question_topics').values({ ...topic, site_id: scope.siteId, position: Number(last?.p ?? 0) + 1, created_at: scope.now.toISOString() }).execute();
    await recordAudit(trx, scope, { action: 'question.topic_added', targetType: 'question_topic', targetId: topic.id, detail: { name } });
    return topic;
  });
}

export interface QuestionSettings {
  /** Working days to answer (thời hạn trả lời). */
  answerDays: number;
  /** Days after closing before the asker's personal data is erased. */
  retentionDays: number;
}

export async function readSettings(db: Kysely<Database>, siteId: string): Promise<QuestionSettings> {
  const row = await db.selectFrom('question_settings').select(['answer_days', 'retention_days']).where('site_id', '=', siteId).executeTakeFirst();
  return { answerDays: row?.answer_days ?? DEFAULT_ANSWER_DAYS, retentionDays: row?.retention_days ?? DEFAULT_RETENTION_DAYS };
}

function wholeNumber(value: unknown, field: string, min: number, max: number, label: string): number {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  if (!/^\d{1,4}$/.test(text) || Number(text) < min || Number(text) > max) throw new InvalidInputError(`${label} phải là số nguyên từ ${min} đến ${max}.`, { field });
  return Number(text);
}

/** @throws FORBIDDEN without question.publish; INVALID_INPUT. */
export async function updateSettings(db: Kysely<Database>, scope: RequestScope, input: { answerDays: unknown; retentionDays: unknown }): Promise<QuestionSettings> {
  requirePermission(scope.actor, 'question.publish');
  const settings = { answerDays: wholeNumber(input.answerDays, 'answerDays', 1, 90, 'Thời hạn trả lời'), retentionDays: wholeNumber(input.retentionDays, 'retentionDays', 30, 3650, 'Thời gian lưu thông tin cá nhân') };
  await inTransaction(db, async (trx) => {
    const values = { answer_days: settings.answerDays, retention_days: settings.retentionDays, updated_at: scope.now.toISOString() };
    await trx.insertInto('question_settings').values({ site_id: scope.siteId, ...values }).onConflict((oc) => oc.column('site_id').doUpdateSet(values)).execute();
    await recordAudit(trx, scope, { action: 'question.settings_updated', targetType: 'site', targetId: scope.siteId, detail: settings });
  });
  return settings;
}

// ——— the public side ———

export type SubmitResult =
  | { kind: 'received'; trackingCode: string; dueDay: string }
  /** A filled honeypot: the citizen sees "received", nothing is stored. */
  | { kind: 'dropped' };

export interface PrivateAttachment {
  path: string;
  name: string;
  type: string;
}

export const QUESTION_FORM = 'question';

/**
 * Receives a question from the public form: the fields first (a refused field spends no
 * token), then the shared defences (token, fill time, challenge, honeypot, duplicate) in
 * the transaction that stores it, so a rollback undoes both.
 * @throws INVALID_INPUT naming the field at fault (an unknown topic too); FormRefusedError.
 */
export async function submitQuestion(
  db: Kysely<Database>,
  scope: RequestScope,
  input: QuestionInput & { defences: { token: unknown; answer: unknown; honeypot: unknown }; attachment?: PrivateAttachment },
): Promise<SubmitResult> {
  const fields = checkQuestionFields(input);
  const topic = await db.selectFrom('question_topics').select('id').where('site_id', '=', scope.siteId).where('id', '=', fields.topicId).executeTakeFirst();
  if (!topic) throw new InvalidInputError('Lĩnh vực đã chọn không có.', { field: 'topicId' });
  const fingerprint = contentFingerprint(fields.email || fields.phone, fields.title, fields.body);
  const { answerDays } = await readSettings(db, scope.siteId);
  const holidays = await loadHolidays(db, { siteId: scope.siteId });
  return inTransaction(db, async (trx) => {
    const verdict = await checkFormSubmission(trx, { siteId: scope.siteId, form: QUESTION_FORM, now: scope.now, ...input.defences, fingerprint });
    if (verdict === 'drop') return { kind: 'dropped' } as const;
    const id = crypto.randomUUID();
    const receivedDay = vietnamDay(scope.now);
    const dueDay = addWorkingDays(receivedDay, answerDays, holidays);
    const at = scope.now.toISOString();
    const trackingCode = newTrackingCode();
    await trx
      .insertInto('questions')
      .values({
        id,
        site_id: scope.siteId,
        tracking_code: trackingCode,
        topic_id: topic.id,
        asker_name: fields.name,
        email: fields.email,
        phone: fields.phone,
        display_name: fields.displayName,
        title: fields.title,
        body: fields.body,
        public_title: fields.title,
        public_body: fields.body,
        fingerprint,
        attachment_path: input.attachment?.path ?? null,
        attachment_name: input.attachment?.name ?? null,
        attachment_type: input.attachment?.type ?? null,
        received_at: at,
        received_day: receivedDay,
        due_day: dueDay,
        created_at: at,
        updated_at: at,
      })
      .execute();
    // No contact details in the log: the audit log outlives the retention period.
    await recordAudit(trx, scope, { action: 'question.received', targetType: 'question', targetId: id, detail: { trackingCode } });
    return { kind: 'received', trackingCode, dueDay } as const;
  });
}

export interface TrackedQuestion {
  trackingCode: string;
  title: string;
  status: QuestionStatus;
  receivedAt: string;
  dueDay: string;
  rejectReason: string;
  /** The public page, once published. */
  url: string | null;
}

/** The tracking page's answer for a code: the status, never contact details. @throws NOT_FOUND. */
export async function trackQuestion(db: Kysely<Database>, input: { siteId: string; trackingCode: string }): Promise<TrackedQuestion> {
  const row = await db
    .selectFrom('questions')
    .select(['tracking_code', 'title', 'status', 'received_at', 'due_day', 'reject_reason', 'publication', 'slug'])
    .where('site_id', '=', input.siteId)
    .where('tracking_code', '=', input.trackingCode)
    .executeTakeFirst();
  if (!row) throw new QuestionNotFoundError();
  return {
    trackingCode: row.tracking_code,
    title: row.title,
    status: row.status as QuestionStatus,
    receivedAt: row.received_at,
    dueDay: row.due_day,
    rejectReason: row.status === 'rejected' ? row.reject_reason : '',
    url: row.publication === 'published' && row.slug ? `/hoi-dap/${row.slug}` : null,
  };
}

// ——— the staff side ———

export const INBOX_TABS = ['new', 'assigned', 'due-soon', 'overdue', 'answered', 'rejected'] as const;
export type InboxTab = (typeof INBOX_TABS)[number];

export interface InboxItem {
  id: string;
  trackingCode: string;
  title: string;
  topicName: string;
  status: QuestionStatus;
  publication: string;
  assigneeName: string | null;
  receivedAt: string;
  dueDay: string;
  /** Working days from today to the deadline; negative when overdue; null when closed. */
  daysLeft: number | null;
}

async function lockQuestion(trx: Kysely<Database>, scope: RequestScope, questionId: string): Promise<QuestionRow> {
  let query = trx.selectFrom('questions').selectAll().where('id', '=', String(questionId)).where('site_id', '=', scope.siteId);
  if (trx.getExecutor().adapter instanceof PostgresAdapter) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw new QuestionNotFoundError();
  return row;
}

function isOpen(status: string): boolean {
  return status === 'new' || status === 'assigned';
}

/** The inbox: one tab's questions, oldest deadline first for open ones. @throws FORBIDDEN without question.answer. */
export async function listInbox(db: Kysely<Database>, scope: RequestScope, input: { tab: InboxTab; page: number; pageSize: number }): Promise<{ items: InboxItem[]; total: number; counts: Record<InboxTab, number> }> {
  requirePermission(scope.actor, 'question.answer');
  const holidays = await loadHolidays(db, { siteId: scope.siteId });
  const today = vietnamDay(scope.now);
  const soonDay = addWorkingDays(today, DUE_SOON_DAYS, holidays);
  const base = () => db.selectFrom('questions as q').where('q.site_id', '=', scope.siteId);
  const filtered = (tab: InboxTab) => {
    const query = base();
    switch (tab) {
      case 'new':
        return query.where('q.status', '=', 'new');
      case 'assigned':
        return query.where('q.status', '=', 'assigned');
      case 'due-soon':
        return query.where('q.status', 'in', ['new', 'assigned']).where('q.due_day', '>=', today).where('q.due_day', '<=', soonDay);
      case 'overdue':
        return query.where('q.status', 'in', ['new', 'assigned']).where('q.due_day', '<', today);
      case 'answered':
        return query.where('q.status', '=', 'answered');
      case 'rejected':
        return query.where('q.status', '=', 'rejected');
    }
  };
  const counts = {} as Record<InboxTab, number>;
  for (const tab of INBOX_TABS) counts[tab] = Number((await filtered(tab).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const pageSize = Math.min(100, Math.max(1, Math.floor(input.pageSize) || 20));
  const page = Math.max(1, Math.floor(input.page) || 1);
  const isClosedTab = input.tab === 'answered' || input.tab === 'rejected';
  const rows = await filtered(input.tab)
    .leftJoin('question_topics as t', 't.id', 'q.topic_id')
    .leftJoin('users as u', 'u.id', 'q.assignee_id')
    .select(['q.id', 'q.tracking_code', 'q.title', 'q.status', 'q.publication', 'q.received_at', 'q.due_day', 't.name as topic_name', 'u.display_name as assignee_name'])
    .orderBy(isClosedTab ? 'q.updated_at' : 'q.due_day', isClosedTab ? 'desc' : 'asc')
    .orderBy('q.received_at')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return {
    counts,
    total: counts[input.tab],
    items: rows.map((r) => ({
      id: r.id,
      trackingCode: r.tracking_code,
      title: r.title,
      topicName: r.topic_name ?? '',
      status: r.status as QuestionStatus,
      publication: r.publication,
      assigneeName: r.assignee_name,
      receivedAt: r.received_at,
      dueDay: r.due_day,
      daysLeft: isOpen(r.status) ? workingDaysBetween(today, r.due_day, holidays) : null,
    })),
  };
}

export interface QuestionForStaff extends InboxItem {
  askerName: string;
  /** Shown only to question.publish; others get null (the view says "ẩn"). */
  contact: { email: string; phone: string } | null;
  displayName: string;
  body: string;
  publicTitle: string;
  publicBody: string;
  answerHtml: string;
  rejectReason: string;
  assigneeId: string | null;
  slug: string | null;
  attachment: { name: string; type: string } | null;
  isPersonalDataErased: boolean;
  can: { assign: boolean; answer: boolean; publish: boolean; reject: boolean; unpublish: boolean; managePersonalData: boolean };
  revisions: { number: number; authorName: string; createdAt: string }[];
}

/** @throws FORBIDDEN without question.answer; NOT_FOUND for another site's question. */
export async function getQuestionForStaff(db: Kysely<Database>, scope: RequestScope, questionId: string): Promise<QuestionForStaff> {
  requirePermission(scope.actor, 'question.answer');
  const row = await db
    .selectFrom('questions as q')
    .leftJoin('question_topics as t', 't.id', 'q.topic_id')
    .leftJoin('users as u', 'u.id', 'q.assignee_id')
    .selectAll('q')
    .select(['t.name as topic_name', 'u.display_name as assignee_name'])
    .where('q.id', '=', String(questionId))
    .where('q.site_id', '=', scope.siteId)
    .executeTakeFirst();
  if (!row) throw new QuestionNotFoundError();
  const holidays = await loadHolidays(db, { siteId: scope.siteId });
  const isPublisher = hasPermission(scope.actor, 'question.publish');
  const revisions = await db
    .selectFrom('question_revisions as r')
    .leftJoin('users as u', 'u.id', 'r.author_id')
    .select(['r.number', 'r.created_at', 'u.display_name'])
    .where('r.question_id', '=', row.id)
    .orderBy('r.number', 'desc')
    .limit(50)
    .execute();
  const open = isOpen(row.status);
  return {
    id: row.id,
    trackingCode: row.tracking_code,
    title: row.title,
    topicName: row.topic_name ?? '',
    status: row.status as QuestionStatus,
    publication: row.publication,
    assigneeName: row.assignee_name,
    assigneeId: row.assignee_id,
    receivedAt: row.received_at,
    dueDay: row.due_day,
    daysLeft: open ? workingDaysBetween(vietnamDay(scope.now), row.due_day, holidays) : null,
    askerName: row.asker_name,
    contact: isPublisher ? { email: row.email, phone: row.phone } : null,
    displayName: row.display_name,
    body: row.body,
    publicTitle: row.public_title,
    publicBody: row.public_body,
    answerHtml: row.answer_html,
    rejectReason: row.reject_reason,
    slug: row.slug,
    attachment: row.attachment_path && row.attachment_name ? { name: row.attachment_name, type: row.attachment_type ?? '' } : null,
    isPersonalDataErased: row.personal_erased_at !== null,
    can: {
      assign: isPublisher && open,
      answer: row.status !== 'rejected' && (isPublisher || row.assignee_id === scope.actor?.id),
      publish: isPublisher && row.status !== 'rejected' && row.publication !== 'published',
      reject: isPublisher && open,
      unpublish: isPublisher && row.publication === 'published',
      managePersonalData: hasPermission(scope.actor, 'personal_data.manage'),
    },
    revisions: revisions.map((r) => ({ number: r.number, authorName: r.display_name ?? 'Hệ thống', createdAt: r.created_at })),
  };
}

/** Members who may answer (editor and up), for the assign list. @throws FORBIDDEN without question.publish. */
export async function listAssignees(db: Kysely<Database>, scope: RequestScope): Promise<{ id: string; name: string }[]> {
  requirePermission(scope.actor, 'question.publish');
  const rows = await db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.display_name', 'm.role'])
    .where('m.site_id', '=', scope.siteId)
    .where('u.disabled_at', 'is', null)
    .orderBy('u.display_name')
    .execute();
  return rows.filter((r) => hasPermission({ id: r.id, label: '', displayName: r.display_name, role: r.role, isSuperAdmin: false, via: 'session' }, 'question.answer')).map((r) => ({ id: r.id, name: r.display_name }));
}

/** Hands the question to a colleague. @throws FORBIDDEN; NOT_FOUND; INVALID_INPUT for someone who may not answer; INVALID_TRANSITION when closed. */
export async function assignQuestion(db: Kysely<Database>, scope: RequestScope, input: { questionId: string; assigneeId: unknown }): Promise<void> {
  requirePermission(scope.actor, 'question.publish');
  const assignees = await listAssignees(db, scope);
  const assignee = assignees.find((a) => a.id === input.assigneeId);
  if (!assignee) throw new InvalidInputError('Hãy chọn một cán bộ của trang có quyền trả lời câu hỏi.', { field: 'assigneeId' });
  await inTransaction(db, async (trx) => {
    const row = await lockQuestion(trx, scope, input.questionId);
    if (!isOpen(row.status)) throw new QuestionStepError('Câu hỏi đã được trả lời hoặc từ chối.');
    await trx.updateTable('questions').set({ assignee_id: assignee.id, status: 'assigned', updated_at: scope.now.toISOString() }).where('id', '=', row.id).execute();
    await recordAudit(trx, scope, { action: 'question.assigned', targetType: 'question', targetId: row.id, detail: { trackingCode: row.tracking_code, assignee: assignee.name } });
  });
}

export interface AnswerInput {
  publicTitle?: unknown;
  publicBody?: unknown;
  answerHtml?: unknown;
}

function checkAnswer(input: AnswerInput, row: QuestionRow): { publicTitle: string; publicBody: string; answerHtml: string } {
  const publicTitle = input.publicTitle === undefined ? row.public_title : cleanLine(input.publicTitle);
  if (!publicTitle) throw new InvalidInputError('Tiêu đề công bố không được để trống.', { field: 'publicTitle' });
  if (publicTitle.length > QUESTION_LIMITS.title) throw new InvalidInputError(`Tiêu đề công bố không được dài quá ${QUESTION_LIMITS.title} ký tự.`, { field: 'publicTitle' });
  const publicBody = input.publicBody === undefined ? row.public_body : cleanParagraphs(input.publicBody);
  if (!publicBody) throw new InvalidInputError('Nội dung câu hỏi công bố không được để trống.', { field: 'publicBody' });
  if (publicBody.length > QUESTION_LIMITS.body) throw new InvalidInputError(`Nội dung câu hỏi công bố không được dài quá ${QUESTION_LIMITS.body} ký tự.`, { field: 'publicBody' });
  const raw = input.answerHtml === undefined ? row.answer_html : typeof input.answerHtml === 'string' ? input.answerHtml : '';
  if (raw.length > QUESTION_LIMITS.answer) throw new InvalidInputError(`Câu trả lời không được dài quá ${QUESTION_LIMITS.answer} ký tự.`, { field: 'answerHtml' });
  return { publicTitle, publicBody, answerHtml: sanitizeBody(raw) };
}

function requireMayAnswer(scope: RequestScope, row: QuestionRow): void {
  requirePermission(scope.actor, 'question.answer');
  if (row.status === 'rejected') throw new QuestionStepError('Câu hỏi đã bị từ chối: không soạn trả lời được.');
  if (!hasPermission(scope.actor, 'question.publish') && row.assignee_id !== scope.actor?.id) {
    throw new ForbiddenError('Câu hỏi này không được giao cho bạn.', 'Hãy nhờ trưởng ban biên tập giao câu hỏi cho bạn.');
  }
  if (row.publication === 'published' && !hasPermission(scope.actor, 'question.publish')) throw new ForbiddenError('Câu trả lời đang công khai: chỉ trưởng ban biên tập được sửa.');
}

async function addRevision(trx: Kysely<Database>, scope: RequestScope, questionId: string, snapshot: object): Promise<void> {
  const last = await trx.selectFrom('question_revisions').select((eb) => eb.fn.max('number').as('n')).where('question_id', '=', questionId).executeTakeFirst();
  const authorId = scope.actor && scope.actor.via !== 'cli' ? scope.actor.id : null;
  await trx.insertInto('question_revisions').values({ id: crypto.randomUUID(), question_id: questionId, number: Number(last?.n ?? 0) + 1, author_id: authorId, snapshot: JSON.stringify(snapshot), created_at: scope.now.toISOString() }).execute();
}

function foldedOf(title: string, body: string, answerHtml: string): string {
  return ` ${foldVietnamese([title, body, htmlToPlainText(answerHtml)].join(' ')).replace(/[^a-z0-9]+/g, ' ').trim()} `;
}

async function afterPublicChange(trx: Kysely<Database>, scope: RequestScope, questionId: string): Promise<void> {
  await changeSiteContent(trx, scope.siteId, () => syncQuestionSearch(trx, { siteId: scope.siteId, questionId }));
}

/** Saves the draft answer and the wording to publish (a revision per save). @throws FORBIDDEN; NOT_FOUND; INVALID_INPUT; INVALID_TRANSITION. */
export async function saveAnswer(db: Kysely<Database>, scope: RequestScope, input: AnswerInput & { questionId: string }): Promise<void> {
  requirePermission(scope.actor, 'question.answer');
  await inTransaction(db, async (trx) => {
    const row = await lockQuestion(trx, scope, input.questionId);
    requireMayAnswer(scope, row);
    const answer = checkAnswer(input, row);
    await trx
      .updateTable('questions')
      .set({ public_title: answer.publicTitle, public_body: answer.publicBody, answer_html: answer.answerHtml, folded_text: foldedOf(answer.publicTitle, answer.publicBody, answer.answerHtml), updated_at: scope.now.toISOString() })
      .where('id', '=', row.id)
      .execute();
    await addRevision(trx, scope, row.id, answer);
    await recordAudit(trx, scope, { action: 'question.answer_saved', targetType: 'question', targetId: row.id, detail: { trackingCode: row.tracking_code } });
    if (row.publication === 'published') await afterPublicChange(trx, scope, row.id);
  });
}

async function freeSlug(trx: Kysely<Database>, siteId: string, title: string, exceptId: string): Promise<string> {
  const base = slugify(title, 100) || 'cau-hoi';
  for (let n = 1; n < 1_000; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    const taken = await trx.selectFrom('questions').select('id').where('site_id', '=', siteId).where('slug', '=', slug).where('id', '!=', exceptId).executeTakeFirst();
    if (!taken) return slug;
  }
  return `${base}-${crypto.randomUUID().slice(0, 8)}`;
}

/**
 * Publishes the question and its answer (saved with what was sent): the question is
 * answered, its deadline met or not, and the public sees it at /hoi-dap/<slug>.
 * @throws FORBIDDEN without question.publish; NOT_FOUND; INVALID_INPUT without an answer; INVALID_TRANSITION.
 */
export async function publishQuestion(db: Kysely<Database>, scope: RequestScope, input: AnswerInput & { questionId: string }): Promise<{ slug: string }> {
  requirePermission(scope.actor, 'question.publish');
  return inTransaction(db, async (trx) => {
    const row = await lockQuestion(trx, scope, input.questionId);
    if (row.status === 'rejected') throw new QuestionStepError('Câu hỏi đã bị từ chối: không xuất bản được.');
    if (row.publication === 'published') throw new QuestionStepError('Câu hỏi đã được xuất bản.');
    const answer = checkAnswer(input, row);
    if (!htmlToPlainText(answer.answerHtml).trim()) throw new InvalidInputError('Hãy soạn câu trả lời trước khi xuất bản.', { field: 'answerHtml' });
    const at = scope.now.toISOString();
    const slug = row.slug ?? (await freeSlug(trx, scope.siteId, answer.publicTitle, row.id));
    await trx
      .updateTable('questions')
      .set({
        public_title: answer.publicTitle,
        public_body: answer.publicBody,
        answer_html: answer.answerHtml,
        folded_text: foldedOf(answer.publicTitle, answer.publicBody, answer.answerHtml),
        status: 'answered',
        publication: 'published',
        slug,
        answered_at: row.answered_at ?? at,
        closed_at: row.closed_at ?? at,
        published_at: row.published_at ?? at,
        updated_at: at,
      })
      .where('id', '=', row.id)
      .execute();
    await addRevision(trx, scope, row.id, answer);
    await recordAudit(trx, scope, { action: 'question.published', targetType: 'question', targetId: row.id, detail: { trackingCode: row.tracking_code, slug } });
    await ensureRetentionJob(trx, scope.now);
    await afterPublicChange(trx, scope, row.id);
    return { slug };
  });
}

/** Takes a published Q&A off the public pages and search. @throws FORBIDDEN; NOT_FOUND; INVALID_TRANSITION. */
export async function unpublishQuestion(db: Kysely<Database>, scope: RequestScope, input: { questionId: string }): Promise<void> {
  requirePermission(scope.actor, 'question.publish');
  await inTransaction(db, async (trx) => {
    const row = await lockQuestion(trx, scope, input.questionId);
    if (row.publication !== 'published') throw new QuestionStepError('Câu hỏi chưa được xuất bản.');
    await trx.updateTable('questions').set({ publication: 'unpublished', updated_at: scope.now.toISOString() }).where('id', '=', row.id).execute();
    await recordAudit(trx, scope, { action: 'question.unpublished', targetType: 'question', targetId: row.id, detail: { trackingCode: row.tracking_code } });
    await afterPublicChange(trx, scope, row.id);
  });
}

/** Declines the question with a reason the asker reads on the tracking page. @throws FORBIDDEN; NOT_FOUND; INVALID_INPUT; INVALID_TRANSITION. */
export async function rejectQuestion(db: Kysely<Database>, scope: RequestScope, input: { questionId: string; reason: unknown }): Promise<void> {
  requirePermission(scope.actor, 'question.publish');
  const reason = cleanParagraphs(input.reason);
  if (reason.length < 5) throw new InvalidInputError('Hãy ghi lý do từ chối để người hỏi hiểu.', { field: 'reason' });
  if (reason.length > QUESTION_LIMITS.reason) throw new InvalidInputError(`Lý do không được dài quá ${QUESTION_LIMITS.reason} ký tự.`, { field: 'reason' });
  await inTransaction(db, async (trx) => {
    const row = await lockQuestion(trx, scope, input.questionId);
    if (!isOpen(row.status)) throw new QuestionStepError('Câu hỏi đã được trả lời hoặc từ chối.');
    const at = scope.now.toISOString();
    await trx.updateTable('questions').set({ status: 'rejected', reject_reason: reason, closed_at: at, updated_at: at }).where('id', '=', row.id).execute();
    await recordAudit(trx, scope, { action: 'question.rejected', targetType: 'question', targetId: row.id, detail: { trackingCode: row.tracking_code } });
    await ensureRetentionJob(trx, scope.now);
  });
}
