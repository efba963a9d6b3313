/**
 * /danh-gia/cam-on: the thank-you page a reader without script lands on after rating,
 * rendered per request (never cached: it names the page they came from), with a link
 * back to that page.
 */
import { listLatestPerGroup } from '../articles/index.js';
import { findMediaMap } from '../media/index.js';
import { layoutModel, loadFrame, mediaIdsOf, renderDocument, sidebarGroups, type PageContext, type RenderedPage } from '../public-site/public-site.service.js';
import { isPagePathShaped } from './rating-rules.js';
import { THANKS_PATH } from './rating-widget.js';

export const THANKS_MESSAGE = 'Cảm ơn bạn đã đánh giá.';

export function ThanksPage({ backPath }: { backPath?: string }) {
  return (
    <section class="card" aria-labelledby="tieu-de">
      <h1 class="section-title" id="tieu-de">
        {THANKS_MESSAGE.replace(/\.$/, '')}
      </h1>
      <p>Ý kiến của bạn giúp cơ quan cải thiện thông tin trên cổng. Đánh giá không lưu thông tin cá nhân nào của bạn.</p>
      <p>
        {backPath ? (
          <a class="button" href={backPath}>
            Quay lại trang bạn vừa đọc
          </a>
        ) : (
          <a class="button" href="/">
            Về trang chủ
          </a>
        )}
      </p>
    </section>
  );
}

/** The thank-you page; `page` is linked back only when it is one of our paths. */
export async function renderThanksPage(ctx: PageContext, page: string | undefined): Promise<RenderedPage> {
  const frame = await loadFrame(ctx);
  const latest = await listLatestPerGroup(ctx.db, { siteId: ctx.site.id, groups: sidebarGroups(frame), perGroup: 10, now: ctx.now });
  const media = await findMediaMap(ctx.db, ctx.site.id, [...mediaIdsOf([...latest.values()].flat()), ...frame.banners.map((b) => b.mediaId)]);
  const backPath = page !== undefined && isPagePathShaped(page) ? page : undefined;
  const layout = layoutModel(ctx, frame, latest, media, {
    title: 'Cảm ơn bạn đã đánh giá',
    description: 'Cảm ơn bạn đã cho biết thông tin trên cổng có hữu ích không.',
    path: THANKS_PATH,
    canonicalPath: THANKS_PATH,
    isNoIndex: true,
    meta: { type: 'website', jsonLd: [] },
  });
  return { kind: 'page', html: renderDocument(layout, <ThanksPage backPath={backPath} />) };
}
