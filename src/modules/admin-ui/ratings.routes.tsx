/**
 * Readers' ratings (Đánh giá trang) for staff with 'rating.read': results per page and
 * per category (sortable, the least useful first by default), one page's comments, and
 * the CSV export (a POST with the staff CSRF token: it is audited). Comments are what
 * citizens typed: JSX escapes them here and the export neutralises formulas.
 */
import type { FastifyInstance } from 'fastify';
import { formatNumber, formatPercent } from '../../platform/i18n/vi.js';
import { exportRatings, getPageRatings, listRatingResults, type RatingTally, type ResultOrder } from '../ratings/index.js';
import { staffOf, type AdminUiDeps } from './admin-ui.routes.js';
import { PATHS, sendStaffPage } from './staff-pages.js';
import { DataTable, DescriptionList, EmptyState, Form, LinkButton, Pagination, Panel, SubmitButton } from './views/components.js';

export const RATING_PATHS = {
  list: PATHS.ratings,
  page: (path: string) => `${PATHS.ratings}/trang?duong-dan=${encodeURIComponent(path)}`,
  export: `${PATHS.ratings}/xuat`,
} as const;

const PAGE_SIZE = 50;

/** `?sap-xep=` words to the service's orders. */
const ORDERS: Record<string, ResultOrder> = { 'it-huu-ich': 'least-useful', 'nhieu-luot': 'most-rated', 'tieu-de': 'title' };
const ORDER_WORDS = Object.fromEntries(Object.entries(ORDERS).map(([word, order]) => [order, word])) as Record<ResultOrder, string>;

/** 87,5% — or a dash when nobody rated. */
function share(tally: RatingTally): string {
  return tally.total === 0 ? '–' : formatPercent(tally.usefulShare);
}

function tallyCells(tally: RatingTally) {
  return { useful: formatNumber(tally.useful), notUseful: formatNumber(tally.notUseful), share: share(tally), comments: formatNumber(tally.comments) };
}

const TALLY_COLUMNS = [
  { key: 'useful', label: 'Có', isNumeric: true },
  { key: 'notUseful', label: 'Không', isNumeric: true },
  { key: 'share', label: 'Tỷ lệ hữu ích', isNumeric: true },
  { key: 'comments', label: 'Góp ý', isNumeric: true },
] as const;

/** A citizen's comment as text (escaped by JSX), its line breaks kept. */
function CommentText({ text }: { text: string }) {
  const lines = text.split('\n');
  return <>{lines.map((line, index) => (index === 0 ? line : [<br />, line]))}</>;
}

export function registerRatingsStaffRoutes(admin: FastifyInstance, deps: AdminUiDeps): void {
  admin.get('/danh-gia', async (request, reply) => {
    const staff = staffOf(request);
    const query = request.query as Record<string, string | undefined>;
    const order = ORDERS[query['sap-xep'] ?? ''] ?? 'least-useful';
    const results = await listRatingResults(deps.db, staff.scope, { order });
    const pageCount = Math.max(1, Math.ceil(results.pages.length / PAGE_SIZE));
    const page = Math.min(Math.max(1, Number.parseInt(query.trang ?? '1', 10) || 1), pageCount);
    const shown = results.pages.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
    const href = (o: ResultOrder, p = 1) => `${RATING_PATHS.list}?sap-xep=${ORDER_WORDS[o]}${p > 1 ? `&trang=${p}` : ''}`;
    const sortable = (o: ResultOrder) => ({ href: href(o), direction: order === o ? ('ascending' as const) : undefined });
    return sendStaffPage(reply, staff.frame, {
      title: 'Đánh giá trang',
      path: RATING_PATHS.list,
      actions:
        results.total.total > 0 ? (
          <Form action={RATING_PATHS.export} csrfToken={staff.csrfToken}>
            <SubmitButton label="Xuất CSV" variant="secondary" />
          </Form>
        ) : undefined,
      children: (
        <>
          <p>Bạn đọc trả lời câu hỏi "Thông tin có hữu ích không?" ở cuối mỗi bài viết. Mỗi bạn đọc đánh giá mỗi trang một lần trong ngày; đánh giá không lưu thông tin cá nhân.</p>
          <DescriptionList
            isCompact
            items={[
              { term: 'Lượt đánh giá', details: formatNumber(results.total.total) },
              { term: 'Tỷ lệ hữu ích', details: share(results.total) },
              { term: 'Góp ý', details: formatNumber(results.total.comments) },
            ]}
          />
          <Panel title="Theo trang">
            <DataTable
              caption={`${formatNumber(results.pages.length)} trang được đánh giá${pageCount > 1 ? ` (trang ${formatNumber(page)}/${formatNumber(pageCount)})` : ''}`}
              id="ket-qua-theo-trang"
              columns={[{ key: 'title', label: 'Trang', sort: { href: href('title'), direction: order === 'title' ? 'ascending' : undefined } }, { key: 'category', label: 'Chuyên mục' }, ...TALLY_COLUMNS.map((c) => (c.key === 'share' ? { ...c, sort: sortable('least-useful') } : c.key === 'useful' ? { ...c, sort: { href: href('most-rated'), direction: order === 'most-rated' ? ('descending' as const) : undefined } } : c))]}
              rowHeader="title"
              rows={shown.map((p) => ({ title: <a href={RATING_PATHS.page(p.path)}>{p.title}</a>, category: p.categoryName, ...tallyCells(p) }))}
              empty={<EmptyState title="Chưa có lượt đánh giá nào.">Khi bạn đọc trả lời "Thông tin có hữu ích không?", kết quả sẽ hiện ở đây.</EmptyState>}
            />
            <Pagination page={page} pageCount={pageCount} hrefFor={(p) => href(order, p)} />
          </Panel>
          <Panel title="Theo chuyên mục">
            <DataTable
              caption="Kết quả theo chuyên mục"
              id="ket-qua-theo-chuyen-muc"
              columns={[{ key: 'name', label: 'Chuyên mục' }, ...TALLY_COLUMNS]}
              rowHeader="name"
              rows={results.categories.map((c) => ({ name: c.name, ...tallyCells(c) }))}
              empty={<EmptyState title="Chưa có lượt đánh giá nào." />}
            />
          </Panel>
        </>
      ),
    });
  });

  admin.get('/danh-gia/trang', async (request, reply) => {
    const staff = staffOf(request);
    const path = (request.query as Record<string, string | undefined>)['duong-dan'] ?? '';
    const { page, comments } = await getPageRatings(deps.db, staff.scope, { path });
    return sendStaffPage(reply, staff.frame, {
      title: `Đánh giá: ${page.title}`,
      path: RATING_PATHS.list,
      breadcrumbs: [{ label: 'Đánh giá trang', href: RATING_PATHS.list }],
      actions: <LinkButton href={page.path} label="Xem trang" />,
      children: (
        <>
          <DescriptionList
            items={[
              { term: 'Địa chỉ', details: page.path },
              { term: 'Chuyên mục', details: page.categoryName },
              { term: 'Có / Không', details: `${formatNumber(page.useful)} / ${formatNumber(page.notUseful)}` },
              { term: 'Tỷ lệ hữu ích', details: share(page) },
            ]}
          />
          <DataTable
            caption={`${formatNumber(comments.length)} góp ý`}
            id="gop-y"
            columns={[
              { key: 'day', label: 'Ngày' },
              { key: 'useful', label: 'Hữu ích' },
              { key: 'comment', label: 'Góp ý' },
            ]}
            rowHeader="day"
            rows={comments.map((c) => ({ day: c.day.split('-').reverse().join('/'), useful: c.isUseful ? 'Có' : 'Không', comment: <CommentText text={c.comment} /> }))}
            empty={<EmptyState title="Trang này chưa có góp ý nào." />}
          />
        </>
      ),
    });
  });

  admin.post('/danh-gia/xuat', async (request, reply) => {
    const staff = staffOf(request);
    const { csv } = await exportRatings(deps.db, staff.scope);
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(staff.scope.now);
    return reply
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="danh-gia-trang-${day}.csv"`)
      .type('text/csv; charset=utf-8')
      .send(csv);
  });
}
