/**
 * Access to information (tiếp cận thông tin): the site's focal point and list of public
 * information (staff edit, the public reads), the public request form's submission and
 * its status lookup, and the handling staff's use-cases (take up, extend once, answer,
 * refuse). Staff functions take the request scope and check 'information_request.handle'
 * first (default deny). Each write is one transaction with its audit entry; what the
 * public sees bumps the site's content version and syncs the search records.
 */
import crypto from 'node:crypto';
import { PostgresAdapter, type Kysely, type Selectable } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { InvalidInputError } from '../../platform/errors.js';
import type { RequestScope } from '../../platform/http/request-scope.js';
import { hasPermission, requirePermission } from '../accounts/index.js';
import { htmlToPlainText, sanitizeBody } from '../articles/sanitize-body.js';
import { recordAudit } from '../audit/index.js';
import { getMedia } from '../media/index.js';
import { checkEmail, checkFormSubmission, checkPhone, cleanCitizenText, contentFingerprint } from '../public-forms/index.js';
import { changeSiteContent } from '../sites/index.js';
import { addWorkingDays, isDayString, loadHolidays, vietnamDay, workingDaysBetween } from '../working-days/index.js';
import { InformationItemNotFoundError, InformationRequestNotFoundError, RequestStepError } from './information-access.errors.js';
import { ensureRetentionJob } from './information-access.jobs.js';
import { syncItemSearch, syncSectionSearch } from './information-access.search.js';
import type { InformationRequestsTable } from './information-access.table.js';
import {
  DEFAULT_RETENTION_MONTHS,
  DUE_SOON_DAYS,
  REQUEST_LIMITS,
  checkItemLink,
  checkRequestFields,
  extendedDeadline,
  firstDeadline,
  isOpen,
  maskIdNumber,
  newTrackingCode,
  type DeliveryMethod,
  type RequestInput,
  type RequestStatus,
} from './request-rules.js';

export type RequestRow = Selectable<InformationRequestsTable>;
export const INFORMATION_REQUEST_FORM = 'information-request';
const HANDLE = 'information_request.handle';

// ——— the focal point and settings ———

export interface ContactPoint {
  name: string;
  position: string;
  unit: string;
  phone: string;
  email: string;
  address: string;
  hours: string;
}

export interface InformationSettings {
  contact: ContactPoint;
  /** Months after closing before a requester's personal data is erased. */
  retentionMonths: number;
}

const EMPTY_CONTACT: ContactPoint = { name: '', position: '', unit: '', phone: '', email: '', address: '', hours: '' };

/** The site's settings (public: the focal point is published on the section page). */
export async function readInformationSettings(db: Kysely<Database>, siteId: string): Promise<InformationSettings> {
  const row = await db.selectFrom('information_settings').selectAll().where('site_id', '=', siteId).executeTakeFirst();
  if (!row) return { contact: { ...EMPTY_CONTACT }, retentionMonths: DEFAULT_RETENTION_MONTHS };
  return {
    contact: { name: row.contact_name, position: row.contact_position, unit: row.contact_unit, phone: row.contact_phone, email: row.contact_email, address: row.contact_address, hours: row.contact_hours },
    retentionMonths: row.retention_months,
  };
}

function staffLine(value: unknown, field: string, label: string, max: number, isRequired = false): string {
  return cleanCitizenText(value, { field, label, max, isRequired });
}

/** Saves the focal point and the retention period. @throws FORBIDDEN without information_request.handle; INVALID_INPUT. */
export async function updateInformationSettings(db: Kysely<Database>, scope: RequestScope, input: Partial<Record<keyof ContactPoint | 'retentionMonths', unknown>>): Promise<InformationSettings> {
  requirePermission(scope.actor, HANDLE);
  const contact: ContactPoint = {
    name: staffLine(input.name, 'name', 'Người hoặc bộ phận đầu mối', 150, true),
    position: staffLine(input.position, 'position', 'Chức vụ', 150),
    unit: staffLine(input.unit, 'unit', 'Đơn vị', 200),
    // Checked as a phone number, but kept as the staff wrote it ("0260 3862 345" reads better than digits).
    phone: staffLine(input.phone, 'phone', 'Điện thoại', 30),
    email: checkEmail(input.email, { isRequired: false }),
    address: staffLine(input.address, 'address', 'Địa chỉ', 300),
    hours: staffLine(input.hours, 'hours', 'Thời gian tiếp nhận', 300),
  };
  if (contact.phone) checkPhone(contact.phone, { isRequired: false });
  if (!contact.phone && !contact.email && !contact.address) throw new InvalidInputError('Hãy nhập ít nhất một cách liên hệ: điện thoại, thư điện tử hoặc địa chỉ.', { field: 'phone' });
  const text = typeof input.retentionMonths === 'number' ? String(input.retentionMonths) : typeof input.retentionMonths === 'string' ? input.retentionMonths.trim() : '';
  if (!/^\d{1,3}$/.test(text) || Number(text) < 1 || Number(text) > 120) throw new InvalidInputError('Thời gian lưu dữ liệu cá nhân phải là số tháng từ 1 đến 120.', { field: 'retentionMonths' });
  const settings = { contact, retentionMonths: Number(text) };
  await changeSiteContent(db, scope.siteId, async (trx) => {
    const values = {
      contact_name: contact.name,
      contact_position: contact.position,
      contact_unit: contact.unit,
      contact_phone: contact.phone,
      contact_email: contact.email,
      contact_address: contact.address,
      contact_hours: contact.hours,
      retention_months: settings.retentionMonths,
      updated_at: scope.now.toISOString(),
    };
    await trx.insertInto('information_settings').values({ site_id: scope.siteId, ...values }).onConflict((oc) => oc.column('site_id').doUpdateSet(values)).execute();
    await recordAudit(trx, scope, { action: 'information.settings_updated', targetType: 'site', targetId: scope.siteId, detail: { name: contact.name, retentionMonths: settings.retentionMonths } });
    await syncSectionSearch(trx, scope.siteId);
  });
  return settings;
}

// ——— the list of public information (danh mục) ———

export interface InformationItem {
  id: string;
  title: string;
  category: string;
  link: string;
  updatedDay: string;
  position: number;
  publication: string;
}

type ItemRowLike = { id: string; title: string; category: string; link: string; updated_day: string; position: number; publication: string };
const itemOf = (r: ItemRowLike): InformationItem => ({ id: r.id, title: r.title, category: r.category, link: r.link, updatedDay: r.updated_day, position: r.position, publication: r.publication });

/** Published items only, in the staff's order: what the public and the API see. */
export async function listPublishedItems(db: Kysely<Database>, siteId: string): Promise<InformationItem[]> {
  const rows = await db.selectFrom('information_items').selectAll().where('site_id', '=', siteId).where('publication', '=', 'published').orderBy('position').orderBy('title').execute();
  return rows.map(itemOf);
}

/** Every item, for the staff screen. @throws FORBIDDEN. */
export async function listItemsForStaff(db: Kysely<Database>, scope: RequestScope): Promise<InformationItem[]> {
  requirePermission(scope.actor, HANDLE);
  const rows = await db.selectFrom('information_items').selectAll().where('site_id', '=', scope.siteId).orderBy('position').orderBy('title').execute();
  return rows.map(itemOf);
}

export interface ItemInput {
  title?: unknown;
  category?: unknown;
  link?: unknown;
  updatedDay?: unknown;
  isPublished?: unknown;
}

function checkItem(input: ItemInput, today: string): { title: string; category: string; link: string; updatedDay: string; publication: 'published' | 'unpublished' } {
  const title = staffLine(input.title, 'title', 'Tên thông tin', 300, true);
  const category = staffLine(input.category, 'category', 'Nhóm thông tin', 150);
  const link = checkItemLink(input.link);
  if (input.updatedDay !== undefined && input.updatedDay !== null && typeof input.updatedDay !== 'string') throw new InvalidInputError('Ngày cập nhật không hợp lệ.', { field: 'updatedDay' });
  const rawDay = typeof input.updatedDay === 'string' ? input.updatedDay.trim() : '';
  let updatedDay = today;
  if (rawDay) {
    const vn = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(rawDay);
    const iso = vn ? `${vn[3]}-${vn[2]!.padStart(2, '0')}-${vn[1]!.padStart(2, '0')}` : rawDay;
    if (!isDayString(iso)) throw new InvalidInputError('Ngày cập nhật phải có dạng dd/mm/yyyy, ví dụ 16/01/2026.', { field: 'updatedDay' });
    updatedDay = iso;
  }
  const isPublished = input.isPublished === undefined || input.isPublished === true || input.isPublished === 'on' || input.isPublished === '1' || input.isPublished === 'true';
  return { title, category, link, updatedDay, publication: isPublished ? 'published' : 'unpublished' };
}

/** Adds an item at the end of the list. @throws FORBIDDEN; INVALID_INPUT. */
export async function addInformationItem(db: Kysely<Database>, scope: RequestScope, input: ItemInput): Promise<InformationItem> {
  requirePermission(scope.actor, HANDLE);
  const item = checkItem(input, vietnamDay(scope.now));
  return changeSiteContent(db, scope.siteId, async (trx) => {
    const last = await trx.selectFrom('information_items').select((eb) => eb.fn.max('position').as('p')).where('site_id', '=', scope.siteId).executeTakeFirst();
    const at = scope.now.toISOString();
    const row = { id: crypto.randomUUID(), site_id: scope.siteId, title: item.title, category: item.category, link: item.link, updated_day: item.updatedDay, position: Number(last?.p ?? 0) + 1, publication: item.publication, created_at: at, updated_at: at };
    await trx.insertInto('information_items').values(row).execute();
    await recordAudit(trx, scope, { action: 'information.item_added', targetType: 'information_item', targetId: row.id, detail: { title: item.title } });
    await syncItemSearch(trx, { siteId: scope.siteId, itemId: row.id });
    return itemOf(row);
  });
}

async function findItem(trx: Kysely<Database>, scope: RequestScope, itemId: unknown) {
  const row = await trx.selectFrom('information_items').selectAll().where('id', '=', String(itemId).slice(0, 100)).where('site_id', '=', scope.siteId).executeTakeFirst();
  if (!row) throw new InformationItemNotFoundError();
  return row;
}

/** @throws FORBIDDEN; NOT_FOUND (another site's item too); INVALID_INPUT. */
export async function updateInformationItem(db: Kysely<Database>, scope: RequestScope, input: ItemInput & { itemId: unknown }): Promise<InformationItem> {
  requirePermission(scope.actor, HANDLE);
  const item = checkItem(input, vietnamDay(scope.now));
  return changeSiteContent(db, scope.siteId, async (trx) => {
    const row = await findItem(trx, scope, input.itemId);
    await trx.updateTable('information_items').set({ title: item.title, category: item.category, link: item.link, updated_day: item.updatedDay, publication: item.publication, updated_at: scope.now.toISOString() }).where('id', '=', row.id).execute();
    await recordAudit(trx, scope, { action: 'information.item_updated', targetType: 'information_item', targetId: row.id, detail: { title: item.title, publication: item.publication } });
    await syncItemSearch(trx, { siteId: scope.siteId, itemId: row.id });
    return itemOf({ ...row, title: item.title, category: item.category, link: item.link, updated_day: item.updatedDay, publication: item.publication });
  });
}

/** Moves an item one place up or down. @throws FORBIDDEN; NOT_FOUND; INVALID_INPUT. */
export async function moveInformationItem(db: Kysely<Database>, scope: RequestScope, input: { itemId: unknown; direction: unknown }): Promise<void> {
  requirePermission(scope.actor, HANDLE);
  if (input.direction !== 'up' && input.direction !== 'down') throw new InvalidInputError('Hướng di chuyển không hợp lệ.', { field: 'direction' });
  await changeSiteContent(db, scope.siteId, async (trx) => {
    const row = await findItem(trx, scope, input.itemId);
    const all = await trx.selectFrom('information_items').select(['id', 'position']).where('site_id', '=', scope.siteId).orderBy('position').orderBy('title').execute();
    const index = all.findIndex((r) => r.id === row.id);
    const other = input.direction === 'up' ? index - 1 : index + 1;
    if (other < 0 || other >= all.length) return;
    [all[index], all[other]] = [all[other]!, all[index]!];
    // Renumber the whole list: positions stay distinct whatever they were before.
    for (const [position, r] of all.entries()) await trx.updateTable('information_items').set({ position: position + 1 }).where('id', '=', r.id).execute();
    await recordAudit(trx, scope, { action: 'information.item_moved', targetType: 'information_item', targetId: row.id, detail: { title: row.title, direction: input.direction } });
  });
}

/** @throws FORBIDDEN; NOT_FOUND. */
export async function deleteInformationItem(db: Kysely<Database>, scope: RequestScope, input: { itemId: unknown }): Promise<void> {
  requirePermission(scope.actor, HANDLE);
  await changeSiteContent(db, scope.siteId, async (trx) => {
    const row = await findItem(trx, scope, input.itemId);
    await trx.deleteFrom('information_items').where('id', '=', row.id).execute();
    await recordAudit(trx, scope, { action: 'information.item_deleted', targetType: 'information_item', targetId: row.id, detail: { title: row.title } });
    await syncItemSearch(trx, { siteId: scope.siteId, itemId: row.id });
  });
}

// ——— the public request ———

export type SubmitResult =
  | { kind: 'received'; trackingCode: string; dueDay: string }
  /** A filled honeypot: the citizen sees "received", nothing is stored. */
  | { kind: 'dropped' };

/**
 * Receives a request from the public form: the fields first (a refused field spends no
 * token), then the shared defences in the transaction that stores it.
 * @throws INVALID_INPUT naming the field at fault; FormRefusedError; FormBusyError.
 */
export async function submitInformationRequest(db: Kysely<Database>, scope: RequestScope, input: RequestInput & { defences: { token: unknown; answer: unknown; honeypot: unknown } }): Promise<SubmitResult> {
  const fields = checkRequestFields(input);
  const fingerprint = contentFingerprint(fields.idNumber, fields.content);
  const holidays = await loadHolidays(db, { siteId: scope.siteId });
  return inTransaction(db, async (trx) => {
    const verdict = await checkFormSubmission(trx, { siteId: scope.siteId, form: INFORMATION_REQUEST_FORM, now: scope.now, ...input.defences, fingerprint });
    if (verdict === 'drop') return { kind: 'dropped' } as const;
    const id = crypto.randomUUID();
    const receivedDay = vietnamDay(scope.now);
    const dueDay = firstDeadline(receivedDay, holidays);
    const at = scope.now.toISOString();
    const trackingCode = newTrackingCode();
    await trx
      .insertInto('information_requests')
      .values({
        id,
        site_id: scope.siteId,
        tracking_code: trackingCode,
        full_name: fields.fullName,
        id_number: fields.idNumber,
        address: fields.address,
        phone: fields.phone,
        email: fields.email,
        content: fields.content,
        purpose: fields.purpose,
        delivery: fields.delivery,
        fingerprint,
        received_at: at,
        received_day: receivedDay,
        due_day: dueDay,
        first_due_day: dueDay,
        created_at: at,
        updated_at: at,
      })
      .execute();
    // No personal data in the log: the audit log outlives the retention period.
    await recordAudit(trx, scope, { action: 'information_request.received', targetType: 'information_request', targetId: id, detail: { trackingCode } });
    return { kind: 'received', trackingCode, dueDay } as const;
  });
}

export interface TrackedRequest {
  trackingCode: string;
  status: RequestStatus;
  receivedAt: string;
  dueDay: string;
  extensionReason: string;
  answerHtml: string;
  answeredAt: string | null;
  file: { name: string; url: string } | null;
  refuseReason: string;
}

/** The status page's answer for a code: never personal data, nor the request's text. @throws NOT_FOUND. */
export async function trackInformationRequest(db: Kysely<Database>, input: { siteId: string; trackingCode: string }): Promise<TrackedRequest> {
  const row = await db
    .selectFrom('information_requests')
    .select(['tracking_code', 'status', 'received_at', 'due_day', 'extension_reason', 'answer_html', 'answered_at', 'answer_media_id', 'refuse_reason'])
    .where('site_id', '=', input.siteId)
    .where('tracking_code', '=', input.trackingCode)
    .executeTakeFirst();
  if (!row) throw new InformationRequestNotFoundError();
  const status = row.status as RequestStatus;
  const file = status === 'answered' && row.answer_media_id ? await getMedia(db, { siteId: input.siteId, mediaId: row.answer_media_id }).catch(() => null) : null;
  return {
    trackingCode: row.tracking_code,
    status,
    receivedAt: row.received_at,
    dueDay: row.due_day,
    extensionReason: row.extension_reason,
    answerHtml: status === 'answered' ? row.answer_html : '',
    answeredAt: row.answered_at,
    file: file ? { name: file.originalName || 'Tệp đính kèm', url: file.url } : null,
    refuseReason: status === 'refused' ? row.refuse_reason : '',
  };
}

// ——— the staff side ———

export const INBOX_TABS = ['new', 'in-progress', 'due-soon', 'overdue', 'answered', 'refused'] as const;
export type InboxTab = (typeof INBOX_TABS)[number];

export interface InboxItem {
  id: string;
  trackingCode: string;
  fullName: string;
  /** "********1234" */
  maskedIdNumber: string;
  summary: string;
  status: RequestStatus;
  receivedAt: string;
  dueDay: string;
  /** Working days from today to the deadline; negative when overdue; null when closed. */
  daysLeft: number | null;
}

async function lockRequest(trx: Kysely<Database>, scope: RequestScope, requestId: unknown): Promise<RequestRow> {
  let query = trx.selectFrom('information_requests').selectAll().where('id', '=', String(requestId).slice(0, 100)).where('site_id', '=', scope.siteId);
  if (trx.getExecutor().adapter instanceof PostgresAdapter) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw new InformationRequestNotFoundError();
  return row;
}

function summaryOf(content: string): string {
  const line = content.replace(/\s+/g, ' ').trim();
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}

/** The inbox: one tab's requests, nearest deadline first for open ones. @throws FORBIDDEN. */
export async function listRequestInbox(db: Kysely<Database>, scope: RequestScope, input: { tab: InboxTab; page: number; pageSize: number }): Promise<{ items: InboxItem[]; total: number; counts: Record<InboxTab, number> }> {
  requirePermission(scope.actor, HANDLE);
  const holidays = await loadHolidays(db, { siteId: scope.siteId });
  const today = vietnamDay(scope.now);
  const soonDay = addWorkingDays(today, DUE_SOON_DAYS, holidays);
  const open = ['received', 'in_progress', 'extended'];
  const filtered = (tab: InboxTab) => {
    const query = db.selectFrom('information_requests').where('site_id', '=', scope.siteId);
    switch (tab) {
      case 'new':
        return query.where('status', '=', 'received');
      case 'in-progress':
        return query.where('status', 'in', ['in_progress', 'extended']);
      case 'due-soon':
        return query.where('status', 'in', open).where('due_day', '>=', today).where('due_day', '<=', soonDay);
      case 'overdue':
        return query.where('status', 'in', open).where('due_day', '<', today);
      case 'answered':
        return query.where('status', '=', 'answered');
      case 'refused':
        return query.where('status', '=', 'refused');
    }
  };
  const counts = {} as Record<InboxTab, number>;
  for (const tab of INBOX_TABS) counts[tab] = Number((await filtered(tab).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const pageSize = Math.min(100, Math.max(1, Math.floor(input.pageSize) || 20));
  const page = Math.max(1, Math.floor(input.page) || 1);
  const isClosedTab = input.tab === 'answered' || input.tab === 'refused';
  const rows = await filtered(input.tab)
    .select(['id', 'tracking_code', 'full_name', 'id_number', 'content', 'status', 'received_at', 'due_day'])
    .orderBy(isClosedTab ? 'updated_at' : 'due_day', isClosedTab ? 'desc' : 'asc')
    .orderBy('received_at')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return {
    counts,
    total: counts[input.tab],
    items: rows.map((r) => ({
      id: r.id,
      trackingCode: r.tracking_code,
      fullName: r.full_name,
      maskedIdNumber: maskIdNumber(r.id_number),
      summary: summaryOf(r.content),
      status: r.status as RequestStatus,
      receivedAt: r.received_at,
      dueDay: r.due_day,
      daysLeft: isOpen(r.status) ? workingDaysBetween(today, r.due_day, holidays) : null,
    })),
  };
}

export interface RequestForStaff extends InboxItem {
  idNumber: string;
  address: string;
  phone: string;
  email: string;
  content: string;
  purpose: string;
  delivery: DeliveryMethod;
  firstDueDay: string;
  extensionReason: string;
  answerHtml: string;
  answerMedia: { id: string; name: string; url: string } | null;
  refuseReason: string;
  handlerName: string | null;
  answeredAt: string | null;
  isPersonalDataErased: boolean;
  can: { takeUp: boolean; extend: boolean; answer: boolean; refuse: boolean; managePersonalData: boolean };
}

/** One request with the requester's data, for handling staff only. @throws FORBIDDEN; NOT_FOUND for another site's request. */
export async function getRequestForStaff(db: Kysely<Database>, scope: RequestScope, requestId: unknown): Promise<RequestForStaff> {
  requirePermission(scope.actor, HANDLE);
  const row = await db
    .selectFrom('information_requests as r')
    .leftJoin('users as u', 'u.id', 'r.handler_id')
    .selectAll('r')
    .select(['u.display_name as handler_name'])
    .where('r.id', '=', String(requestId).slice(0, 100))
    .where('r.site_id', '=', scope.siteId)
    .executeTakeFirst();
  if (!row) throw new InformationRequestNotFoundError();
  const holidays = await loadHolidays(db, { siteId: scope.siteId });
  const media = row.answer_media_id ? await getMedia(db, { siteId: scope.siteId, mediaId: row.answer_media_id }).catch(() => null) : null;
  const open = isOpen(row.status);
  return {
    id: row.id,
    trackingCode: row.tracking_code,
    fullName: row.full_name,
    maskedIdNumber: maskIdNumber(row.id_number),
    idNumber: row.id_number,
    summary: summaryOf(row.content),
    status: row.status as RequestStatus,
    receivedAt: row.received_at,
    dueDay: row.due_day,
    daysLeft: open ? workingDaysBetween(vietnamDay(scope.now), row.due_day, holidays) : null,
    address: row.address,
    phone: row.phone,
    email: row.email,
    content: row.content,
    purpose: row.purpose,
    delivery: row.delivery as DeliveryMethod,
    firstDueDay: row.first_due_day,
    extensionReason: row.extension_reason,
    answerHtml: row.answer_html,
    answerMedia: media ? { id: media.id, name: media.originalName || media.id, url: media.url } : null,
    refuseReason: row.refuse_reason,
    handlerName: row.handler_name,
    answeredAt: row.answered_at,
    isPersonalDataErased: row.personal_erased_at !== null,
    can: {
      takeUp: row.status === 'received',
      extend: open && row.extended_at === null,
      answer: open,
      refuse: open,
      managePersonalData: hasPermission(scope.actor, 'personal_data.manage') && row.personal_erased_at === null,
    },
  };
}

/** Marks the request as being handled by the actor. @throws FORBIDDEN; NOT_FOUND; INVALID_TRANSITION. */
export async function takeUpRequest(db: Kysely<Database>, scope: RequestScope, input: { requestId: unknown }): Promise<void> {
  requirePermission(scope.actor, HANDLE);
  await inTransaction(db, async (trx) => {
    const row = await lockRequest(trx, scope, input.requestId);
    if (row.status !== 'received') throw new RequestStepError('Yêu cầu đã được nhận xử lý hoặc đã đóng.');
    await trx.updateTable('information_requests').set({ status: 'in_progress', handler_id: scope.actor?.via === 'cli' ? null : (scope.actor?.id ?? null), updated_at: scope.now.toISOString() }).where('id', '=', row.id).execute();
    await recordAudit(trx, scope, { action: 'information_request.taken_up', targetType: 'information_request', targetId: row.id, detail: { trackingCode: row.tracking_code } });
  });
}

function checkReason(value: unknown, field: string, label: string): string {
  const reason = cleanCitizenText(value, { field, label, max: REQUEST_LIMITS.reason, isMultiline: true });
  if ([...reason].length < 5) throw new InvalidInputError(`Hãy ghi rõ ${label.toLowerCase()} để người yêu cầu hiểu.`, { field });
  return reason;
}

/**
 * Extends the deadline once, by up to 15 working days counted from the first deadline,
 * with a reason the requester reads on the status page.
 * @throws FORBIDDEN; NOT_FOUND; INVALID_INPUT; INVALID_TRANSITION (closed, or extended before).
 */
export async function extendRequest(db: Kysely<Database>, scope: RequestScope, input: { requestId: unknown; days: unknown; reason: unknown }): Promise<{ dueDay: string }> {
  requirePermission(scope.actor, HANDLE);
  const reason = checkReason(input.reason, 'reason', 'Lý do gia hạn');
  const holidays = await loadHolidays(db, { siteId: scope.siteId });
  return inTransaction(db, async (trx) => {
    const row = await lockRequest(trx, scope, input.requestId);
    if (!isOpen(row.status)) throw new RequestStepError('Yêu cầu đã được trả lời hoặc từ chối.');
    if (row.extended_at !== null) throw new RequestStepError('Yêu cầu đã được gia hạn một lần: luật chỉ cho gia hạn một lần.');
    const { dueDay, days } = extendedDeadline(row.first_due_day, input.days, holidays);
    const at = scope.now.toISOString();
    await trx.updateTable('information_requests').set({ status: 'extended', due_day: dueDay, extension_reason: reason, extended_at: at, handler_id: row.handler_id ?? (scope.actor?.via === 'cli' ? null : (scope.actor?.id ?? null)), updated_at: at }).where('id', '=', row.id).execute();
    await recordAudit(trx, scope, { action: 'information_request.extended', targetType: 'information_request', targetId: row.id, detail: { trackingCode: row.tracking_code, days, dueDay } });
    return { dueDay };
  });
}

async function documentOf(db: Kysely<Database>, scope: RequestScope, mediaId: unknown): Promise<string | null> {
  if (mediaId === undefined || mediaId === null || mediaId === '') return null;
  if (typeof mediaId !== 'string') throw new InvalidInputError('Tệp đính kèm không hợp lệ.', { field: 'mediaId' });
  const media = await getMedia(db, { siteId: scope.siteId, mediaId }).catch(() => null);
  if (!media) throw new InvalidInputError('Tệp đã chọn không có trong thư viện của trang.', { field: 'mediaId' });
  return media.id;
}

/**
 * Answers the request: the answer (sanitised rich text) and, if any, a file of the media
 * library; the requester reads both on the status page.
 * @throws FORBIDDEN; NOT_FOUND; INVALID_INPUT (empty or too long answer, unknown file); INVALID_TRANSITION.
 */
export async function answerRequest(db: Kysely<Database>, scope: RequestScope, input: { requestId: unknown; answerHtml: unknown; mediaId?: unknown }): Promise<void> {
  requirePermission(scope.actor, HANDLE);
  const raw = typeof input.answerHtml === 'string' ? input.answerHtml : '';
  if (raw.length > REQUEST_LIMITS.answer) throw new InvalidInputError(`Nội dung trả lời không được dài quá ${REQUEST_LIMITS.answer} ký tự.`, { field: 'answerHtml' });
  const answerHtml = sanitizeBody(raw);
  const mediaId = await documentOf(db, scope, input.mediaId);
  if (!htmlToPlainText(answerHtml).trim() && !mediaId) throw new InvalidInputError('Hãy soạn nội dung trả lời hoặc đính kèm tệp thông tin.', { field: 'answerHtml' });
  await inTransaction(db, async (trx) => {
    const row = await lockRequest(trx, scope, input.requestId);
    if (!isOpen(row.status)) throw new RequestStepError('Yêu cầu đã được trả lời hoặc từ chối.');
    const at = scope.now.toISOString();
    await trx
      .updateTable('information_requests')
      .set({ status: 'answered', answer_html: answerHtml, answer_media_id: mediaId, answered_at: at, closed_at: at, handler_id: row.handler_id ?? (scope.actor?.via === 'cli' ? null : (scope.actor?.id ?? null)), updated_at: at })
      .where('id', '=', row.id)
      .execute();
    await recordAudit(trx, scope, { action: 'information_request.answered', targetType: 'information_request', targetId: row.id, detail: { trackingCode: row.tracking_code, isLate: vietnamDay(scope.now) > row.due_day, mediaId } });
    await ensureRetentionJob(trx, scope.now);
  });
}

/** Refuses with the legal reason (Luật Tiếp cận thông tin, Điều 6, 7, 28). @throws FORBIDDEN; NOT_FOUND; INVALID_INPUT; INVALID_TRANSITION. */
export async function refuseRequest(db: Kysely<Database>, scope: RequestScope, input: { requestId: unknown; reason: unknown }): Promise<void> {
  requirePermission(scope.actor, HANDLE);
  const reason = checkReason(input.reason, 'refuseReason', 'Lý do từ chối');
  await inTransaction(db, async (trx) => {
    const row = await lockRequest(trx, scope, input.requestId);
    if (!isOpen(row.status)) throw new RequestStepError('Yêu cầu đã được trả lời hoặc từ chối.');
    const at = scope.now.toISOString();
    await trx.updateTable('information_requests').set({ status: 'refused', refuse_reason: reason, closed_at: at, updated_at: at }).where('id', '=', row.id).execute();
    await recordAudit(trx, scope, { action: 'information_request.refused', targetType: 'information_request', targetId: row.id, detail: { trackingCode: row.tracking_code } });
    await ensureRetentionJob(trx, scope.now);
  });
}
