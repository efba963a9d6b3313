/**
 * /hoi-dap and its pages inside the site's layout: the list of published Q&A (cached when
 * plain, per request when filtered), one Q&A (cached), the form to ask (per request: it
 * carries a fresh signed token) and the tracking page (per request: it shows what a code
 * says). Nothing here shows an asker's contact details: the public reads never select them.
 */
import { AppError, InvalidInputError, NotFoundError } from '../../platform/errors.js';
import { echoableText, formatDate, formatNumber } from '../../platform/i18n/vi.js';
import { listLatestPerGroup } from '../articles/index.js';
import { findMediaMap } from '../media/index.js';
import { issueFormToken } from '../public-forms/index.js';
import { layoutModel, loadFrame, mediaIdsOf, renderDocument, sidebarGroups, type PageContext, type RenderedPage } from '../public-site/public-site.service.js';
import { MAX_ATTACHMENT_BYTES } from './question-attachment.js';
import { QUESTION_LIMITS, STATUS_LABELS, normaliseTrackingCode } from './question-rules.js';
import { getPublishedQuestion, listPublishedQuestions } from './questions.public.js';
import { QUESTIONS_PATH } from './questions.search.js';
import { QUESTION_FORM, listTopics, readSettings, trackQuestion } from './questions.service.js';
import { AskQuestionPage, QuestionListPage, QuestionPage, QuestionReceivedPage, TrackingPage, type QuestionListModel } from './views.js';

export const QUESTIONS_PAGE_SIZE = 20;
export const ASK_PATH = `${QUESTIONS_PATH}/dat-cau-hoi`;
export const TRACK_PATH = `${QUESTIONS_PATH}/tra-cuu`;

export interface QuestionListParams {
  q?: string;
  topic?: string;
  page?: string;
}

export function hasQuestionFilters(params: QuestionListParams): boolean {
  return (params.q ?? '') !== '' || (params.topic ?? '') !== '';
}

function listUrl(filters: { q: string; topic: string }, page = 1): string {
  const query = new URLSearchParams();
  if (filters.q) query.set('q', filters.q);
  if (filters.topic) query.set('topic', filters.topic);
  if (page > 1) query.set('page', String(page));
  const text = query.toString();
  return text ? `${QUESTIONS_PATH}?${text}` : QUESTIONS_PATH;
}

async function frameAround(ctx: PageContext) {
  const frame = await loadFrame(ctx);
  const latest = await listLatestPerGroup(ctx.db, { siteId: ctx.site.id, groups: sidebarGroups(frame), perGroup: 10, now: ctx.now });
  const media = await findMediaMap(ctx.db, ctx.site.id, [...mediaIdsOf([...latest.values()].flat()), ...frame.banners.map((b) => b.mediaId)]);
  return { frame, latest, media };
}

async function inLayout(ctx: PageContext, page: { title: string; description: string; path: string; isNoIndex?: boolean }, body: preact.JSX.Element, status?: number): Promise<RenderedPage> {
  const { frame, latest, media } = await frameAround(ctx);
  const layout = layoutModel(ctx, frame, latest, media, { ...page, canonicalPath: page.path, meta: { type: 'website', jsonLd: [] } });
  return { kind: 'page', html: renderDocument(layout, body), ...(status ? { status } : {}) };
}

/** The list of published Q&A. A filter that cannot be used shows the form with the reason and a 400. */
export async function renderQuestionList(ctx: PageContext, params: QuestionListParams): Promise<RenderedPage> {
  const topics = await listTopics(ctx.db, { siteId: ctx.site.id, now: ctx.now });
  const filters = { q: echoableText(params.q), topic: params.topic ?? '' };
  const model: QuestionListModel = { filters, topics: topics.map((t) => ({ slug: t.slug, name: t.name })), rows: [], summary: '', hasFilters: hasQuestionFilters(params) };
  let status: number | undefined;
  try {
    const page = params.page === undefined || params.page === '' ? 1 : /^[1-9]\d{0,4}$/.test(params.page) ? Number(params.page) : Number.NaN;
    if (Number.isNaN(page)) throw new InvalidInputError('Số trang không hợp lệ.', { field: 'page' });
    if (filters.topic && !topics.some((t) => t.slug === filters.topic)) throw new InvalidInputError('Lĩnh vực được chọn không có.', { field: 'topic' });
    if (filters.q.length > 200) throw new InvalidInputError('Từ khoá quá dài: tối đa 200 ký tự.', { field: 'q' });
    const list = await listPublishedQuestions(ctx.db, { siteId: ctx.site.id, topic: filters.topic || undefined, query: filters.q.trim() || undefined, page, pageSize: QUESTIONS_PAGE_SIZE });
    model.rows = list.items.map((item) => ({ url: item.url, title: item.title, topicName: item.topic?.name ?? '', askedBy: item.askedBy, answeredOn: formatDate(item.answeredAt), answeredOnIso: item.answeredAt }));
    model.summary = list.total === 0 ? (model.hasFilters ? 'Không có câu hỏi nào khớp với điều kiện đã chọn.' : 'Chưa có câu hỏi nào được trả lời công khai.') : `${formatNumber(list.total)} câu hỏi đã được trả lời${list.pageCount > 1 ? ` (trang ${formatNumber(list.page)}/${formatNumber(list.pageCount)})` : ''}.`;
    if (list.items.length === 0 && page > 1 && !model.hasFilters) throw new NotFoundError();
    model.pagination = { page: list.page, pageCount: list.pageCount, pageUrl: (n) => listUrl(filters, n) };
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'INVALID_INPUT') throw error;
    status = 400;
    model.error = { message: error.message, help: error.help };
  }
  return inLayout(ctx, { title: 'Hỏi đáp', description: `Câu hỏi của người dân, doanh nghiệp và trả lời của ${ctx.site.name}.`, path: QUESTIONS_PATH, isNoIndex: model.hasFilters }, <QuestionListPage model={model} />, status);
}

/** One published Q&A. @throws NOT_FOUND for anything else. */
export async function renderQuestionPage(ctx: PageContext, slug: string): Promise<RenderedPage> {
  const question = await getPublishedQuestion(ctx.db, { siteId: ctx.site.id, slug });
  const model = {
    url: question.url,
    title: question.title,
    body: question.body,
    topicName: question.topic?.name ?? '',
    topicUrl: question.topic ? `${QUESTIONS_PATH}?topic=${encodeURIComponent(question.topic.slug)}` : QUESTIONS_PATH,
    askedBy: question.askedBy,
    askedOn: formatDate(question.receivedAt),
    askedOnIso: question.receivedAt,
    answeredOn: formatDate(question.answeredAt),
    answeredOnIso: question.answeredAt,
    answerHtml: question.answerHtml,
    agencyName: ctx.site.name,
  };
  return inLayout(ctx, { title: question.title, description: question.body.slice(0, 160), path: question.url }, <QuestionPage model={model} />);
}

/** The form: a fresh token and challenge each time it is shown; `values` keep what was typed after a refusal. */
export async function renderAskForm(ctx: PageContext, input: { values?: Record<string, string>; error?: { message: string; help?: string; field?: string }; status?: number } = {}): Promise<RenderedPage> {
  const [topics, settings, form] = await Promise.all([listTopics(ctx.db, { siteId: ctx.site.id, now: ctx.now }), readSettings(ctx.db, ctx.site.id), issueFormToken(ctx.db, { siteId: ctx.site.id, form: QUESTION_FORM, now: ctx.now })]);
  const model = {
    values: input.values ?? {},
    topics,
    token: form.token,
    challenge: form.challenge,
    error: input.error,
    retentionDays: settings.retentionDays,
    answerDays: settings.answerDays,
    maxFileMb: Math.floor(MAX_ATTACHMENT_BYTES / 1024 / 1024),
    limits: { name: QUESTION_LIMITS.name, displayName: QUESTION_LIMITS.displayName, title: QUESTION_LIMITS.title, body: QUESTION_LIMITS.body },
  };
  return inLayout(ctx, { title: 'Đặt câu hỏi', description: `Gửi câu hỏi tới ${ctx.site.name}.`, path: ASK_PATH, isNoIndex: true }, <AskQuestionPage model={model} />, input.status);
}

export async function renderReceived(ctx: PageContext, received: { trackingCode: string; dueDay: string } | null): Promise<RenderedPage> {
  const dueOn = received ? formatDate(`${received.dueDay}T12:00:00+07:00`) : null;
  return inLayout(ctx, { title: 'Đã gửi câu hỏi', description: 'Cơ quan đã nhận câu hỏi của bạn.', path: ASK_PATH, isNoIndex: true }, <QuestionReceivedPage trackingCode={received?.trackingCode ?? null} dueOn={dueOn} />);
}

/** The tracking page: empty, or what the code says. A malformed or unknown code is a 400 or 404 with the form. */
export async function renderTracking(ctx: PageContext, rawCode: string | undefined): Promise<RenderedPage> {
  const typed = echoableText(rawCode).slice(0, 40);
  const model: { code: string; error?: { message: string; help?: string }; result?: Parameters<typeof TrackingPage>[0]['model']['result'] } = { code: typed };
  let status: number | undefined;
  if (typed) {
    const code = normaliseTrackingCode(typed);
    if (!code) {
      status = 400;
      model.error = { message: 'Mã tra cứu không đúng dạng.', help: 'Mã có dạng HD-XXXX-XXXX: 8 chữ và số sau "HD".' };
    } else {
      try {
        const found = await trackQuestion(ctx.db, { siteId: ctx.site.id, trackingCode: code });
        model.code = found.trackingCode;
        model.result = {
          trackingCode: found.trackingCode,
          title: found.title,
          statusLabel: STATUS_LABELS[found.status],
          receivedOn: formatDate(found.receivedAt),
          dueOn: formatDate(`${found.dueDay}T12:00:00+07:00`),
          rejectReason: found.rejectReason,
          url: found.url,
          isOpen: found.status === 'new' || found.status === 'assigned',
        };
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'NOT_FOUND') throw error;
        status = 404;
        model.error = { message: 'Không tìm thấy câu hỏi với mã này.', help: 'Hãy kiểm tra lại mã đã được cấp khi bạn gửi câu hỏi.' };
      }
    }
  }
  return inLayout(ctx, { title: 'Tra cứu câu hỏi', description: 'Theo dõi câu hỏi đã gửi bằng mã tra cứu.', path: TRACK_PATH, isNoIndex: true }, <TrackingPage model={model} />, status);
}
