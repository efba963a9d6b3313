/**
 * /du-thao and its pages inside the site's layout. The list says "còn N ngày", which
 * changes with the clock and not with content: it is rendered per request. A draft's page
 * is cached like any page: its status changes only at its opening and closing times,
 * when a job bumps the site's content version (consultations.service.ts). The comment
 * form and its answers are rendered per request: they carry a fresh signed token.
 */
import { AppError } from '../../platform/errors.js';
import { formatDate, formatNumber } from '../../platform/i18n/vi.js';
import { listLatestPerGroup } from '../articles/index.js';
import { findMediaMap } from '../media/index.js';
import { formatVietnamTime } from '../projects/index.js';
import { issueFormToken } from '../public-forms/index.js';
import { layoutModel, loadFrame, mediaIdsOf, renderDocument, sidebarGroups, type PageContext, type RenderedPage } from '../public-site/public-site.service.js';
import { COMMENT_LIMITS, ORG_TYPES, ORG_TYPE_LABELS, STATUS_LABELS, daysLeftLabel } from './consultation-rules.js';
import { getPublishedConsultation, listPublishedConsultations, type PublicConsultationSummary } from './consultations.public.js';
import { CONSULTATIONS_PATH } from './consultations.search.js';
import { monthsBefore } from './consultations.personal-data.js';
import { COMMENT_FORM, readSettings } from './consultations.service.js';

const monthsAfter = (at: Date, months: number) => monthsBefore(at, -months);
import { CommentFormPage, CommentReceivedPage, ConsultationClosedPage, ConsultationListPage, ConsultationPage, type ConsultationRowView } from './views.js';

async function inLayout(ctx: PageContext, page: { title: string; description: string; path: string; isNoIndex?: boolean; type?: 'website' | 'article' }, body: preact.JSX.Element, status?: number): Promise<RenderedPage> {
  const frame = await loadFrame(ctx);
  const latest = await listLatestPerGroup(ctx.db, { siteId: ctx.site.id, groups: sidebarGroups(frame), perGroup: 10, now: ctx.now });
  const media = await findMediaMap(ctx.db, ctx.site.id, [...mediaIdsOf([...latest.values()].flat()), ...frame.banners.map((b) => b.mediaId)]);
  const layout = layoutModel(ctx, frame, latest, media, { title: page.title, description: page.description, path: page.path, canonicalPath: page.path, isNoIndex: page.isNoIndex, meta: { type: 'website', jsonLd: [] } });
  return { kind: 'page', html: renderDocument(layout, body), ...(status ? { status } : {}) };
}

/** "1,2 MB", "350 KB" */
function fileSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1).replace('.', ',')} MB`;
  return `${formatNumber(Math.max(1, Math.round(bytes / 1024)))} KB`;
}

function rowOf(item: PublicConsultationSummary, now: Date): ConsultationRowView {
  return {
    url: item.url,
    title: item.title,
    issuingUnit: item.issuingUnit,
    period: `Lấy ý kiến từ ${formatDate(item.opensAt)} đến ${formatDate(item.closesAt)}`,
    statusLabel: STATUS_LABELS[item.status],
    daysLeft: item.status === 'open' ? daysLeftLabel(item.closesAt, now) : '',
    hasReport: item.hasReport,
  };
}

/** The list: open ones first with the days left, then upcoming, then closed. */
export async function renderConsultationList(ctx: PageContext): Promise<RenderedPage> {
  const items = await listPublishedConsultations(ctx.db, { siteId: ctx.site.id, now: ctx.now });
  const of = (status: PublicConsultationSummary['status']) => items.filter((i) => i.status === status).map((i) => rowOf(i, ctx.now));
  return inLayout(ctx, { title: 'Lấy ý kiến dự thảo', description: `Dự thảo văn bản ${ctx.site.name} lấy ý kiến người dân, tổ chức, doanh nghiệp.`, path: CONSULTATIONS_PATH }, <ConsultationListPage model={{ open: of('open'), upcoming: of('upcoming'), closed: of('closed') }} />);
}

/** One published consultation. @throws NOT_FOUND for anything else. */
export async function renderConsultationPage(ctx: PageContext, slug: string): Promise<RenderedPage> {
  const item = await getPublishedConsultation(ctx.db, { siteId: ctx.site.id, slug, now: ctx.now });
  const model = {
    url: item.url,
    title: item.title,
    issuingUnit: item.issuingUnit,
    opensAt: formatVietnamTime(item.opensAt),
    opensAtIso: item.opensAt,
    closesAt: formatVietnamTime(item.closesAt),
    closesAtIso: item.closesAt,
    statusLabel: STATUS_LABELS[item.status],
    isOpen: item.status === 'open',
    isClosed: item.status === 'closed',
    summaryHtml: item.summaryHtml,
    reportHtml: item.reportHtml,
    reportPublishedOn: item.reportPublishedAt ? formatDate(item.reportPublishedAt) : '',
    attachments: item.attachments.map((f) => ({ name: f.name, url: f.url, size: fileSize(f.bytes), isPdf: f.mime === 'application/pdf' })),
  };
  return inLayout(ctx, { title: item.title, description: [item.issuingUnit, `Lấy ý kiến đến ${formatDate(item.closesAt)}`].filter(Boolean).join(' · '), path: item.url, type: 'article' }, <ConsultationPage model={model} />);
}

export interface CommentFormState {
  values?: Record<string, string>;
  error?: { message: string; help?: string; field?: string };
  status?: number;
}

/**
 * The comment form (a fresh token and challenge each time), or, outside the consultation's
 * dates, a page that says so with a 409. @throws NOT_FOUND for a consultation the public cannot see.
 */
export async function renderCommentForm(ctx: PageContext, slug: string, state: CommentFormState = {}): Promise<RenderedPage> {
  const item = await getPublishedConsultation(ctx.db, { siteId: ctx.site.id, slug, now: ctx.now });
  const path = `${item.url}/gop-y`;
  if (item.status !== 'open') {
    const message = item.status === 'closed' ? `Đợt lấy ý kiến đã kết thúc ngày ${formatDate(item.closesAt)}` : 'Đợt lấy ý kiến chưa bắt đầu';
    const help = item.status === 'closed' ? 'Góp ý gửi sau thời hạn không được tiếp nhận. Bạn vẫn đọc được dự thảo và báo cáo tiếp thu, giải trình khi được công bố.' : `Dự thảo mở lấy ý kiến từ ${formatVietnamTime(item.opensAt)}.`;
    return inLayout(ctx, { title: message, description: item.title, path, isNoIndex: true }, <ConsultationClosedPage url={item.url} title={item.title} message={message} help={help} />, 409);
  }
  const [settings, form] = await Promise.all([readSettings(ctx.db, ctx.site.id), issueFormToken(ctx.db, { siteId: ctx.site.id, form: COMMENT_FORM, now: ctx.now })]);
  const model = {
    url: item.url,
    title: item.title,
    closesAt: formatVietnamTime(item.closesAt),
    values: state.values ?? {},
    token: form.token,
    challenge: form.challenge,
    error: state.error,
    retentionMonths: settings.retentionMonths,
    // The notice counts days from now: contact details go a number of months after the closing.
    retentionDays: Math.ceil((monthsAfter(new Date(item.closesAt), settings.retentionMonths).getTime() - ctx.now.getTime()) / 86_400_000),
    orgTypes: ORG_TYPES.map((value) => ({ value, label: ORG_TYPE_LABELS[value] })),
    limits: COMMENT_LIMITS,
  };
  return inLayout(ctx, { title: `Góp ý: ${item.title}`, description: `Gửi góp ý cho dự thảo ${item.title}.`, path, isNoIndex: true }, <CommentFormPage model={model} />, state.status);
}

/** The receipt: the same page whether the comment was stored or silently dropped (a filled honeypot). */
export async function renderCommentReceived(ctx: PageContext, slug: string, receiptCode: string): Promise<RenderedPage> {
  const item = await getPublishedConsultation(ctx.db, { siteId: ctx.site.id, slug, now: ctx.now });
  return inLayout(ctx, { title: 'Đã gửi góp ý', description: 'Cơ quan đã nhận góp ý của bạn.', path: `${item.url}/gop-y`, isNoIndex: true }, <CommentReceivedPage url={item.url} title={item.title} receiptCode={receiptCode} />);
}

/** A refusal the form cannot show (the consultation closed while the citizen typed): the closed page with the error's status. */
export async function renderCommentRefused(ctx: PageContext, slug: string, error: AppError): Promise<RenderedPage> {
  const item = await getPublishedConsultation(ctx.db, { siteId: ctx.site.id, slug, now: ctx.now });
  return inLayout(ctx, { title: error.message, description: item.title, path: `${item.url}/gop-y`, isNoIndex: true }, <ConsultationClosedPage url={item.url} title={item.title} message={error.message} help={error.help} />, error.status);
}
