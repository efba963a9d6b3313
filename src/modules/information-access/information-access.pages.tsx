/**
 * /tiep-can-thong-tin and its pages inside the site's layout: the section (cached: the
 * focal point and the list of public information), the request form (per request: it
 * carries a fresh signed token) and the status page (per request: it shows what a code says).
 */
import { AppError } from '../../platform/errors.js';
import { echoableText, formatDate } from '../../platform/i18n/vi.js';
import { listLatestPerGroup } from '../articles/index.js';
import { findMediaMap } from '../media/index.js';
import { issueFormToken } from '../public-forms/index.js';
import { layoutModel, loadFrame, mediaIdsOf, renderDocument, sidebarGroups, type PageContext, type RenderedPage } from '../public-site/public-site.service.js';
import { SECTION_INTRO } from './information-access.search.js';
import { INFORMATION_REQUEST_FORM, listPublishedItems, readInformationSettings, trackInformationRequest } from './information-access.service.js';
import { REQUEST_LIMITS, STATUS_LABELS, isOpen, normaliseTrackingCode } from './request-rules.js';
import { FORM_PATH, ReceivedPage, RequestFormPage, STATUS_PATH, SECTION_PATH, SectionPage, StatusPage, type SectionModel, type StatusModel } from './views.js';

const dayText = (day: string) => formatDate(`${day}T12:00:00+07:00`);
/** A month is counted as 30 days in the privacy notice, which speaks in days. */
const DAYS_PER_MONTH = 30;

async function inLayout(ctx: PageContext, page: { title: string; description: string; path: string; isNoIndex?: boolean }, body: preact.JSX.Element, status?: number): Promise<RenderedPage> {
  const frame = await loadFrame(ctx);
  const latest = await listLatestPerGroup(ctx.db, { siteId: ctx.site.id, groups: sidebarGroups(frame), perGroup: 10, now: ctx.now });
  const media = await findMediaMap(ctx.db, ctx.site.id, [...mediaIdsOf([...latest.values()].flat()), ...frame.banners.map((b) => b.mediaId)]);
  const layout = layoutModel(ctx, frame, latest, media, { ...page, canonicalPath: page.path, meta: { type: 'website', jsonLd: [] } });
  return { kind: 'page', html: renderDocument(layout, body), ...(status ? { status } : {}) };
}

/** The section page: what the law gives, the focal point, the list (published items only). */
export async function renderSection(ctx: PageContext): Promise<RenderedPage> {
  const [settings, items] = await Promise.all([readInformationSettings(ctx.db, ctx.site.id), listPublishedItems(ctx.db, ctx.site.id)]);
  const groups: SectionModel['groups'] = [];
  for (const item of items) {
    let group = groups.find((g) => g.category === item.category);
    if (!group) groups.push((group = { category: item.category, items: [] }));
    group.items.push({ title: item.title, link: item.link, isExternal: !item.link.startsWith('/'), updatedOn: dayText(item.updatedDay), updatedOnIso: item.updatedDay });
  }
  const model: SectionModel = { intro: SECTION_INTRO, agencyName: ctx.site.name, contact: settings.contact.name ? settings.contact : null, groups };
  return inLayout(ctx, { title: 'Tiếp cận thông tin', description: `Danh mục thông tin công khai, đầu mối cung cấp thông tin và phiếu yêu cầu cung cấp thông tin của ${ctx.site.name}.`, path: SECTION_PATH }, <SectionPage model={model} />);
}

/** The form: a fresh token and challenge each time it is shown; `values` keep what was typed after a refusal. */
export async function renderRequestForm(ctx: PageContext, input: { values?: Record<string, string>; error?: { message: string; help?: string; field?: string }; status?: number } = {}): Promise<RenderedPage> {
  const [settings, form] = await Promise.all([readInformationSettings(ctx.db, ctx.site.id), issueFormToken(ctx.db, { siteId: ctx.site.id, form: INFORMATION_REQUEST_FORM, now: ctx.now })]);
  const c = settings.contact;
  const model = {
    values: input.values ?? {},
    token: form.token,
    challenge: form.challenge,
    error: input.error,
    retentionDays: settings.retentionMonths * DAYS_PER_MONTH,
    contactText: c.name ? [c.name, c.unit, c.email, c.phone].filter(Boolean).join(', ') : undefined,
    limits: { name: REQUEST_LIMITS.name, address: REQUEST_LIMITS.address, content: REQUEST_LIMITS.content, purpose: REQUEST_LIMITS.purpose },
  };
  return inLayout(ctx, { title: 'Phiếu yêu cầu cung cấp thông tin', description: `Gửi yêu cầu cung cấp thông tin tới ${ctx.site.name}.`, path: FORM_PATH, isNoIndex: true }, <RequestFormPage model={model} />, input.status);
}

export async function renderReceived(ctx: PageContext, received: { trackingCode: string; dueDay: string } | null): Promise<RenderedPage> {
  return inLayout(ctx, { title: 'Đã gửi phiếu yêu cầu', description: 'Cơ quan đã nhận phiếu yêu cầu của bạn.', path: FORM_PATH, isNoIndex: true }, <ReceivedPage trackingCode={received?.trackingCode ?? null} dueOn={received ? dayText(received.dueDay) : null} />);
}

/** The status page: empty, or what the code says. A malformed or unknown code is a 400 or 404 with the form. */
export async function renderStatus(ctx: PageContext, rawCode: string | undefined): Promise<RenderedPage> {
  const typed = echoableText(rawCode).slice(0, 40);
  const model: StatusModel = { code: typed };
  let status: number | undefined;
  if (typed) {
    const code = normaliseTrackingCode(typed);
    if (!code) {
      status = 400;
      model.error = { message: 'Mã tra cứu không đúng dạng.', help: 'Mã có dạng TT-XXXX-XXXX: 8 chữ và số sau "TT".' };
    } else {
      try {
        const found = await trackInformationRequest(ctx.db, { siteId: ctx.site.id, trackingCode: code });
        model.code = found.trackingCode;
        model.result = {
          trackingCode: found.trackingCode,
          statusLabel: STATUS_LABELS[found.status],
          receivedOn: formatDate(found.receivedAt),
          dueOn: isOpen(found.status) ? dayText(found.dueDay) : null,
          extensionReason: isOpen(found.status) ? found.extensionReason : '',
          answeredOn: found.answeredAt && found.status === 'answered' ? formatDate(found.answeredAt) : null,
          answerHtml: found.answerHtml,
          file: found.file,
          refuseReason: found.refuseReason,
        };
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'NOT_FOUND') throw error;
        status = 404;
        model.error = { message: 'Không tìm thấy yêu cầu với mã này.', help: 'Hãy kiểm tra lại mã đã được cấp khi bạn gửi phiếu yêu cầu.' };
      }
    }
  }
  return inLayout(ctx, { title: 'Tra cứu yêu cầu cung cấp thông tin', description: 'Theo dõi yêu cầu cung cấp thông tin bằng mã tra cứu.', path: STATUS_PATH, isNoIndex: true }, <StatusPage model={model} />, status);
}
