/**
 * The schedule's public side over HTTP on both engines: the week pages (this week
 * uncached, a given week cached), the calendar feed, search records and what the public
 * never sees (drafts, entries taken down, another site's entries).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/helpers/databases.js';
import { startTestPortal, type TestPortal } from '../../../test/helpers/test-app.js';
import { operatorScope } from '../accounts/index.js';
import { changeSiteContent, createSite } from '../sites/index.js';
import { addWeeks, daysOf, weekKey, weekOfNow, weekSlug } from './schedule-weeks.js';
import { seedDemoWorkSchedule } from './work-schedule.demo.js';
import { cancelScheduleEntry, createScheduleEntry, publishScheduleWeek, unpublishScheduleEntry, updateScheduleEntry } from './work-schedule.service.js';

const main = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));

describe.each(ENGINES)('the work schedule pages on %s', (engine) => {
  let portal: TestPortal;
  let siteId: string;
  const db = () => portal.testDb.db.kysely;
  const now = new Date();
  const thisWeek = weekOfNow(now);
  const nextWeek = addWeeks(thisWeek, 1);
  const days = daysOf(thisWeek);

  beforeAll(async () => {
    portal = await startTestPortal(engine);
    siteId = portal.fixture.siteId;
    const scope = operatorScope(siteId);
    await seedDemoWorkSchedule(db(), { siteId, mediaDir: '', now });
    // After the week's publication: a draft, and one published then taken down.
    const gone = await createScheduleEntry(db(), scope, { day: days[5], isAllDay: true, content: 'Mục đã gỡ xuống khỏi lịch', place: 'Kon Rẫy' });
    await createScheduleEntry(db(), scope, { day: days[6], startTime: '08:00', content: 'Tiếp đoàn <script>alert(1)</script> & "khách"', place: 'Sảnh A' });
    await publishScheduleWeek(db(), scope, { week: weekKey(thisWeek) });
    await unpublishScheduleEntry(db(), scope, { entryId: gone.id });
    await createScheduleEntry(db(), scope, { day: days[2], startTime: '10:00', content: 'Bản nháp chưa công bố: họp kín', place: 'Phòng 3' });
  });
  afterAll(async () => portal.close());

  it('shows this week at /lich-cong-tac, rendered per request, with the days, today, and links to the weeks around', async () => {
    const page = await portal.app.inject({ url: '/lich-cong-tac' });
    expect(page.statusCode).toBe(200);
    // "This week" turns on Monday: never a cached copy.
    expect(page.headers['cache-control']).toBe('private, no-store');
    const body = main(page.body);
    expect(body).toContain(`Lịch công tác tuần ${thisWeek.week} năm ${thisWeek.year}`);
    expect(body).toContain('Giao ban lãnh đạo Sở đầu tuần');
    expect(body).toContain('Ông A Kang - Giám đốc Sở');
    expect(body).toContain('<th scope="col">Chủ trì, tham dự</th>');
    expect(body).toMatch(/<caption id="bang-lich-cong-tac">Lịch công tác của lãnh đạo Sở Lao động/);
    expect(body).toContain('Thứ Hai');
    expect(body).toContain('Chủ nhật');
    expect(body).toContain('aria-current="date"');
    expect(body).toContain('<span class="schedule-today">Hôm nay</span>');
    expect(body).toContain(`href="/lich-cong-tac/${weekSlug(nextWeek)}" rel="next"`);
    expect(body).toContain(`href="/lich-cong-tac/${weekSlug(addWeeks(thisWeek, -1))}" rel="prev"`);
    expect(body).toContain('data-action="print"');
    expect(body).toContain('href="/lich-cong-tac.ics"');
    expect(page.body).toContain(`<link rel="canonical" href="http://localhost:3000/lich-cong-tac/${weekSlug(thisWeek)}"/>`);
    // The changed and the postponed entries, as citizens must see them.
    expect(body).toContain('>Điều chỉnh</strong>');
    expect(body).toMatch(/>Hoãn<\/strong><p class="schedule-entry__content"><s>Kiểm tra Trung tâm Bảo trợ xã hội tỉnh/);
    expect(body).toContain('Lý do: Lãnh đạo Sở dự họp đột xuất');
  });

  it('serves a given week at its canonical, cached URL, and redirects other spellings', async () => {
    const url = `/lich-cong-tac/${weekSlug(nextWeek)}`;
    const page = await portal.app.inject({ url });
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(main(page.body)).toContain(`Lịch công tác tuần ${nextWeek.week} năm ${nextWeek.year}`);
    expect(main(page.body)).toContain('Giao ban lãnh đạo Sở đầu tuần');
    expect((await portal.app.inject({ url: `/lich-cong-tac/${weekKey(nextWeek)}` })).headers.location).toBe(url);
    expect((await portal.app.inject({ url: `${url}?utm_source=x` })).headers.location).toBe(url);
    expect((await portal.app.inject({ url: '/lich-cong-tac?tuan=2026-W01' })).headers.location).toBe('/lich-cong-tac');
    // An empty week is a page, but not one for search engines.
    const empty = await portal.app.inject({ url: '/lich-cong-tac/2030-w10' });
    expect(empty.statusCode).toBe(200);
    expect(main(empty.body)).toContain('Chưa có lịch công tác nào được công bố cho tuần này.');
    expect(empty.body).toContain('<meta name="robots" content="noindex, follow"/>');
  });

  it('answers 404 with a Vietnamese page for weeks that do not exist and hostile paths', async () => {
    for (const bad of ['2026-w54', '2025-w53', '2026-w00', '1999-w10', '2101-w01', 'tuan-48', '2026-w48%00', '2026-w48.json', '<script>', 'x'.repeat(300), '..%2f..%2fetc']) {
      const answer = await portal.app.inject({ url: `/lich-cong-tac/${bad}` });
      // A NUL in an address is refused before any route (400).
      expect(answer.statusCode, bad).toBe(bad.includes('%00') ? 400 : 404);
      expect(answer.body, bad).not.toContain('<script>');
    }
    const answer = await portal.app.inject({ url: '/lich-cong-tac/2026-w99' });
    expect(answer.body).toContain('Không có tuần này trong lịch công tác.');
  });

  it('never shows drafts or entries taken down, and escapes what staff typed', async () => {
    for (const url of ['/lich-cong-tac', `/lich-cong-tac/${weekSlug(thisWeek)}`, '/lich-cong-tac.ics']) {
      const body = (await portal.app.inject({ url })).body;
      expect(body, url).not.toContain('Bản nháp chưa công bố');
      expect(body, url).not.toContain('Mục đã gỡ xuống khỏi lịch');
    }
    const page = main((await portal.app.inject({ url: `/lich-cong-tac/${weekSlug(thisWeek)}` })).body);
    expect(page).toContain('Tiếp đoàn &lt;script>alert(1)&lt;/script> &amp; &quot;khách&quot;');
    expect(page).not.toContain('<script>alert(1)');
  });

  it('serves the iCalendar feed: CRLF, folded, published entries only, cancelled ones CANCELLED', async () => {
    const feed = await portal.app.inject({ url: '/lich-cong-tac.ics' });
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const ics = feed.body;
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    const lines = ics.replace(/\r\n /g, '').split('\r\n');
    // 9 entries a week for 3 weeks, plus the one added this week.
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(28);
    expect(lines.filter((l) => l === 'STATUS:CANCELLED')).toHaveLength(1);
    expect(lines.some((l) => l.startsWith('SUMMARY:[Điều chỉnh] '))).toBe(true);
    expect(lines.some((l) => l === 'SEQUENCE:1')).toBe(true);
    expect(lines.every((l) => !l.startsWith('UID:') || /^UID:[0-9a-f-]{36}@localhost:3000$/.test(l))).toBe(true);
    // Cached like the RSS feed: an ETag and 304.
    const again = await portal.app.inject({ url: '/lich-cong-tac.ics', headers: { 'if-none-match': String(feed.headers.etag) } });
    expect(again.statusCode).toBe(304);
  });

  it('makes one search record per published week, kept in step with changes, never with drafts', async () => {
    const search = async (q: string) => (await portal.app.inject({ url: `/api/v1/search?q=${encodeURIComponent(q)}&type=schedule` })).json() as { total: number; items: { title: string; url: string }[] };
    const found = await search('giao ban lãnh đạo');
    expect(found.total).toBe(3);
    expect(found.items.map((i) => i.url)).toContain(`http://localhost:3000/lich-cong-tac/${weekSlug(thisWeek)}`);
    expect(found.items.some((i) => i.title.startsWith(`Lịch công tác tuần ${thisWeek.week} (`))).toBe(true);
    expect((await search('họp kín')).total).toBe(0);
    expect((await search('gỡ xuống khỏi lịch')).total).toBe(0);
    // An edit of a published entry reaches search in the same transaction.
    const scope = operatorScope(siteId);
    const { id } = await createScheduleEntry(db(), scope, { day: daysOf(nextWeek)[0], startTime: '16:00', content: 'Làm việc với đoàn Sa Thầy', place: 'Phòng họp số 2' });
    expect((await search('Sa Thầy')).total).toBe(0);
    await publishScheduleWeek(db(), scope, { week: weekKey(nextWeek) });
    expect((await search('Sa Thầy')).items.map((i) => i.url)).toEqual([`http://localhost:3000/lich-cong-tac/${weekSlug(nextWeek)}`]);
    await updateScheduleEntry(db(), scope, { entryId: id, fields: { content: 'Làm việc với đoàn Tu Mơ Rông' } });
    expect((await search('Sa Thầy')).total).toBe(0);
    expect((await search('Tu Mơ Rông')).total).toBe(1);
    await cancelScheduleEntry(db(), scope, { entryId: id, kind: 'cancelled', reason: 'Đoàn đổi lịch' });
    expect(main((await portal.app.inject({ url: `/lich-cong-tac/${weekSlug(nextWeek)}` })).body)).toMatch(/>Huỷ<\/strong><p class="schedule-entry__content"><s>Làm việc với đoàn Tu Mơ Rông<\/s>/);
  });

  it('has English pages when the site has English: English headings, entries marked Vietnamese', async () => {
    expect((await portal.app.inject({ url: '/en/lich-cong-tac' })).statusCode).toBe(404);
    await changeSiteContent(db(), siteId, (trx) => trx.updateTable('sites').set({ languages: 'vi,en' }).where('id', '=', siteId).execute());
    await portal.app.services.sites.reload();
    portal.app.services.pages.invalidateSite(siteId);
    const page = await portal.app.inject({ url: '/en/lich-cong-tac' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('private, no-store');
    expect(page.body).toContain('<html lang="en">');
    const body = main(page.body);
    expect(body).toContain(`Leaders' work schedule, week ${thisWeek.week} of ${thisWeek.year}`);
    expect(body).toContain('<th scope="col">Venue</th>');
    expect(body).toContain('Monday');
    expect(body).toContain('>Postponed</strong>');
    expect(body).toContain('<p class="schedule-entry__content" lang="vi">Giao ban lãnh đạo Sở đầu tuần');
    expect(body).toContain('07:30 – 09:30');
    expect(body).toContain(`href="/en/lich-cong-tac/${weekSlug(nextWeek)}" rel="next"`);
    expect(page.body).toContain(`<link rel="canonical" href="http://localhost:3000/en/lich-cong-tac/${weekSlug(thisWeek)}"/>`);
    expect(page.body).toContain('<link rel="alternate" hreflang="vi" href="http://localhost:3000/lich-cong-tac"/>');
    const week = await portal.app.inject({ url: `/en/lich-cong-tac/${weekSlug(nextWeek)}` });
    expect(week.statusCode).toBe(200);
    expect(week.headers['cache-control']).toBe('no-cache');
    expect(week.body).toContain(`<link rel="alternate" hreflang="en" href="http://localhost:3000/en/lich-cong-tac/${weekSlug(nextWeek)}"/>`);
    const vietnamese = await portal.app.inject({ url: `/lich-cong-tac/${weekSlug(nextWeek)}` });
    expect(vietnamese.body).toContain(`<link rel="alternate" hreflang="en" href="http://localhost:3000/en/lich-cong-tac/${weekSlug(nextWeek)}"/>`);
    expect((await portal.app.inject({ url: '/en/lich-cong-tac/2026-w99' })).statusCode).toBe(404);
    expect(main((await portal.app.inject({ url: '/en/lich-cong-tac' })).body)).not.toContain('Bản nháp chưa công bố');
  });

  it('keeps another site\'s schedule on that site', async () => {
    const other = await createSite(db(), { host: 'other.kontum.gov.vn', name: 'Sở khác', governingBody: 'UBND tỉnh Kon Tum' });
    await createScheduleEntry(db(), operatorScope(other), { day: days[1], startTime: '08:00', content: 'Lịch của sở khác', place: 'Nơi khác' });
    await publishScheduleWeek(db(), operatorScope(other), { week: weekKey(thisWeek) });
    expect((await portal.app.inject({ url: `/lich-cong-tac/${weekSlug(thisWeek)}` })).body).not.toContain('Lịch của sở khác');
    expect((await portal.app.inject({ url: '/lich-cong-tac.ics' })).body).not.toContain('Lịch của sở khác');
  });
});
