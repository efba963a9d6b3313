/**
 * The schedule's public pages inside the site's layout: a week's table, and the
 * iCalendar feed. A page only ever shows published entries (work-schedule.public.ts).
 */
import { NotFoundError } from '../../platform/errors.js';
import { DEFAULT_LANGUAGE, languageHome, languagePrefix, type Language } from '../../platform/i18n/languages.js';
import { formatDateTime } from '../../platform/i18n/vi.js';
import { listLatestPerGroup } from '../articles/index.js';
import { findMediaMap } from '../media/index.js';
import { layoutModel, loadFrame, mediaIdsOf, renderDocument, sidebarGroups, type PageContext, type RenderedPage } from '../public-site/public-site.service.js';
import { renderCalendar, ICAL_CONTENT_TYPE } from './schedule-ical.js';
import type { ScheduleEntry } from './schedule-entries.js';
import { SCHEDULE_STRINGS, type ScheduleStrings } from './schedule-strings.js';
import { uiStrings } from '../public-site/ui-strings.js';
import { addWeeks, formatDay, isoWeekday, vietnamToday, weekKey, weekOfNow, weekSlug, type IsoWeek } from './schedule-weeks.js';
import { getPublishedWeek, listPublishedAround } from './work-schedule.public.js';
import { SCHEDULE_PATH } from './work-schedule.search.js';
import { ScheduleWeekPage, type ScheduleEntryView, type ScheduleWeekModel } from './views.js';

export const FEED_FILE = `${SCHEDULE_PATH}.ics`;

/** A week's page: /lich-cong-tac/2026-w48, or /en/lich-cong-tac/2026-w48 in English. */
export function weekUrl(week: IsoWeek, language: Language = DEFAULT_LANGUAGE): string {
  return `${languagePrefix(language)}${SCHEDULE_PATH}/${weekSlug(week)}`;
}

/** This week's page in a language. */
export function currentWeekUrl(language: Language = DEFAULT_LANGUAGE): string {
  return `${languagePrefix(language)}${SCHEDULE_PATH}`;
}

export function entryView(entry: ScheduleEntry, s: ScheduleStrings = SCHEDULE_STRINGS.vi): ScheduleEntryView {
  return {
    id: entry.id,
    time: entry.startTime ? s.time(entry.startTime, entry.endTime) : s.allDay,
    content: entry.content,
    place: entry.place,
    attendees: entry.attendees,
    preparer: entry.preparer,
    note: entry.note,
    badge: entry.cancellation === 'postponed' ? s.postponed : entry.cancellation === 'cancelled' ? s.cancelled : entry.isChanged ? s.changed : '',
    isStruck: entry.cancellation !== '',
    cancelReason: entry.cancelReason,
  };
}

async function frameAround(ctx: PageContext) {
  const frame = await loadFrame(ctx);
  const latest = await listLatestPerGroup(ctx.db, { siteId: ctx.site.id, groups: sidebarGroups(frame), perGroup: 10, now: ctx.now });
  const media = await findMediaMap(ctx.db, ctx.site.id, [...mediaIdsOf([...latest.values()].flat()), ...frame.banners.map((b) => b.mediaId)]);
  return { frame, latest, media };
}

/**
 * A week of the schedule: Monday to Sunday, each day's entries in order, today
 * highlighted, in the page's language (entries as staff wrote them). `path` is the URL it
 * is served at (/lich-cong-tac for this week); its canonical URL is always the week's own.
 * @throws NOT_FOUND for an English page of a site without English.
 */
export async function renderScheduleWeek(ctx: PageContext, input: { week: IsoWeek; path: string }): Promise<RenderedPage> {
  const language = ctx.language ?? DEFAULT_LANGUAGE;
  if (language !== DEFAULT_LANGUAGE && !ctx.site.languages.includes(language)) throw new NotFoundError();
  const s = SCHEDULE_STRINGS[language];
  const [{ frame, latest, media }, schedule] = await Promise.all([frameAround(ctx), getPublishedWeek(ctx.db, { siteId: ctx.site.id, week: input.week })]);
  const today = vietnamToday(ctx.now);
  const thisWeek = weekOfNow(ctx.now);
  const previous = addWeeks(input.week, -1);
  const next = addWeeks(input.week, 1);
  const first = formatDay(schedule.days[0]!);
  const last = formatDay(schedule.days[6]!);
  const weekday = (day: string) => s.weekdays[isoWeekday(day) - 1]!;
  const siteName = language === DEFAULT_LANGUAGE ? ctx.site.name : ctx.site.englishName || ctx.site.name;
  const model: ScheduleWeekModel = {
    heading: s.heading(input.week),
    range: s.range(`${weekday(schedule.days[0]!)} ${first}`, `${weekday(schedule.days[6]!)} ${last}`),
    caption: s.caption(siteName, input.week, first, last),
    days: schedule.days.map((day) => ({ iso: day, weekday: weekday(day), date: formatDay(day), isToday: day === today, entries: schedule.entries.filter((e) => e.day === day).map((e) => entryView(e, s)) })),
    isEmpty: schedule.entries.length === 0,
    previous: { url: weekUrl(previous, language), label: s.weekLink(previous) },
    next: { url: weekUrl(next, language), label: s.weekLink(next) },
    current: { url: currentWeekUrl(language), isShown: weekKey(thisWeek) === schedule.key },
    pageUrl: currentWeekUrl(language),
    homeUrl: languageHome(language),
    feedUrl: FEED_FILE,
    updatedOn: schedule.updatedAt ? formatDateTime(schedule.updatedAt) : '',
    updatedOnIso: schedule.updatedAt ?? '',
    s,
    t: uiStrings(language),
    contentLang: language === 'vi' ? undefined : 'vi',
  };
  const isThisWeekPage = input.path === currentWeekUrl(language);
  const layout = layoutModel(ctx, frame, latest, media, {
    title: `${model.heading} (${first} – ${last})`,
    description: s.description(siteName, first, last),
    path: input.path,
    canonicalPath: weekUrl(input.week, language),
    // An empty week is a page (links reach it) but not one for search engines.
    isNoIndex: schedule.entries.length === 0,
    meta: { type: 'website', jsonLd: [], ...(schedule.updatedAt ? { modifiedAt: schedule.updatedAt } : {}) },
    alternatePaths: isThisWeekPage ? { vi: currentWeekUrl('vi'), en: currentWeekUrl('en') } : { vi: weekUrl(input.week, 'vi'), en: weekUrl(input.week, 'en') },
  });
  return { kind: 'page', html: renderDocument(layout, <ScheduleWeekPage model={model} />) };
}

/** The calendar feed: published entries from 4 weeks back to 8 ahead of this week. Not counted as a visit. */
export async function renderScheduleFeed(ctx: PageContext): Promise<RenderedPage> {
  const entries = await listPublishedAround(ctx.db, { siteId: ctx.site.id, week: weekOfNow(ctx.now) });
  const host = new URL(ctx.site.origin).host;
  const ics = renderCalendar({ siteName: ctx.site.name, host, entries, urlOf: (entry) => `${ctx.site.origin}${weekUrl(weekOfEntry(entry))}#muc-${entry.id}` });
  return { kind: 'page', html: ics, contentType: ICAL_CONTENT_TYPE, meta: { isNotCounted: true } };
}

function weekOfEntry(entry: ScheduleEntry): IsoWeek {
  const [year, week] = entry.week.split('-W').map(Number);
  return { year: year!, week: week! };
}
