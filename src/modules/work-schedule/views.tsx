/** The public schedule page: the week's table by day. A view only: every text comes formatted. */
import { Breadcrumb } from '../public-site/views/components.js';
import type { UiStrings } from '../public-site/ui-strings.js';
import type { ScheduleStrings } from './schedule-strings.js';

export interface ScheduleEntryView {
  id: string;
  /** "7 giờ 30 – 11 giờ", "Cả ngày". */
  time: string;
  content: string;
  place: string;
  attendees: string[];
  preparer: string;
  note: string;
  /** "Hoãn", "Huỷ", "Điều chỉnh" or ''. */
  badge: string;
  isStruck: boolean;
  cancelReason: string;
}

export interface ScheduleDayView {
  iso: string;
  weekday: string;
  date: string;
  isToday: boolean;
  entries: ScheduleEntryView[];
}

export interface ScheduleWeekModel {
  heading: string;
  range: string;
  caption: string;
  days: ScheduleDayView[];
  isEmpty: boolean;
  previous: { url: string; label: string };
  next: { url: string; label: string };
  current: { url: string; isShown: boolean };
  pageUrl: string;
  homeUrl: string;
  feedUrl: string;
  updatedOn: string;
  updatedOnIso: string;
  s: ScheduleStrings;
  t: UiStrings;
  /** 'vi' on pages in another language: the entries are as staff wrote them. */
  contentLang: string | undefined;
}

const HEADING_ID = 'tieu-de-lich-cong-tac';

function EntryCells({ entry, model }: { entry: ScheduleEntryView; model: ScheduleWeekModel }) {
  const struck = entry.isStruck ? 'schedule-entry__struck' : undefined;
  const lang = model.contentLang;
  return (
    <>
      <td class="schedule-table__time">
        <span class={struck}>{entry.time}</span>
      </td>
      <td>
        {entry.badge && <strong class={`schedule-badge schedule-badge--${entry.isStruck ? 'cancelled' : 'changed'}`}>{entry.badge}</strong>}
        {/* <s>: content no longer accurate; the badge above says so to screen readers, which do not announce <s>. */}
        {entry.isStruck ? (
          <p class="schedule-entry__content" lang={lang}>
            <s>{entry.content}</s>
          </p>
        ) : (
          <p class="schedule-entry__content" lang={lang}>
            {entry.content}
          </p>
        )}
        {entry.cancelReason && (
          <p class="schedule-entry__note">
            {model.s.reason}: {lang ? <span lang={lang}>{entry.cancelReason}</span> : entry.cancelReason}
          </p>
        )}
        {entry.note && (
          <p class="schedule-entry__note">
            {model.s.note}: {lang ? <span lang={lang}>{entry.note}</span> : entry.note}
          </p>
        )}
      </td>
      <td lang={lang}>
        <span class={struck}>{entry.place}</span>
      </td>
      <td lang={lang}>
        {entry.attendees.length > 0 && (
          <ul class={`schedule-entry__lines${struck ? ` ${struck}` : ''}`}>
            {entry.attendees.map((name) => (
              <li>{name}</li>
            ))}
          </ul>
        )}
      </td>
      <td lang={lang}>
        <span class={struck}>{entry.preparer}</span>
      </td>
    </>
  );
}

/** One day: a row group headed by the day, one row per entry (or one saying there is none). */
function DayRows({ day, model }: { day: ScheduleDayView; model: ScheduleWeekModel }) {
  const rowCount = Math.max(1, day.entries.length);
  const header = (
    <th scope="rowgroup" rowSpan={rowCount} aria-current={day.isToday ? 'date' : undefined}>
      {day.weekday}
      <time class="schedule-table__date" datetime={day.iso}>
        {day.date}
      </time>
      {day.isToday && <span class="schedule-today">{model.s.today}</span>}
    </th>
  );
  return (
    <tbody class={day.isToday ? 'schedule-day schedule-day--today' : 'schedule-day'}>
      {day.entries.length === 0 ? (
        <tr>
          {header}
          <td colSpan={5} class="schedule-empty">
            {model.s.noEntries}
          </td>
        </tr>
      ) : (
        day.entries.map((entry, index) => (
          <tr class={entry.isStruck ? 'schedule-entry schedule-entry--struck' : 'schedule-entry'} id={`muc-${entry.id}`}>
            {index === 0 && header}
            <EntryCells entry={entry} model={model} />
          </tr>
        ))
      )}
    </tbody>
  );
}

export function ScheduleWeekPage({ model }: { model: ScheduleWeekModel }) {
  const { s } = model;
  return (
    <>
      {/* The page's own styles (week table, print layout): a stylesheet link is allowed in the body. */}
      <Breadcrumb items={[{ label: s.section, url: model.pageUrl }]} t={model.t} homeUrl={model.homeUrl} />
      <section class="card schedule" aria-labelledby={HEADING_ID}>
        <h1 id={HEADING_ID} class="section-title">
          {model.heading}
        </h1>
        <p class="schedule__range">{model.range}</p>
        <nav class="schedule-nav" aria-label={s.chooseWeek}>
          <ul>
            <li>
              <a href={model.previous.url} rel="prev">
                ← {model.previous.label}
              </a>
            </li>
            <li>
              <a href={model.current.url} aria-current={model.current.isShown ? 'page' : undefined}>
                {s.thisWeek}
              </a>
            </li>
            <li>
              <a href={model.next.url} rel="next">
                {model.next.label} →
              </a>
            </li>
          </ul>
        </nav>
        <div class="schedule-tools">
          <button type="button" class="button js-only" data-action="print">
            {s.print}
          </button>
          <span class="schedule-print-hint">{s.printHint}</span>
          <a href={model.feedUrl} type="text/calendar">
            {s.feed}
          </a>
        </div>
        {model.isEmpty && <p role="status">{s.empty}</p>}
        <div class="table-scroll" role="region" aria-labelledby="bang-lich-cong-tac" tabIndex={0}>
          <table class="schedule-table">
            <caption id="bang-lich-cong-tac">{model.caption}</caption>
            <thead>
              <tr>
                <th scope="col">{s.columns.day}</th>
                <th scope="col">{s.columns.time}</th>
                <th scope="col">{s.columns.content}</th>
                <th scope="col">{s.columns.place}</th>
                <th scope="col">{s.columns.attendees}</th>
                <th scope="col">{s.columns.preparer}</th>
              </tr>
            </thead>
            {model.days.map((day) => (
              <DayRows day={day} model={model} />
            ))}
          </table>
        </div>
        {model.updatedOn && (
          <p class="schedule__updated">
            {s.updated}: <time datetime={model.updatedOnIso}>{model.updatedOn}</time>
          </p>
        )}
      </section>
    </>
  );
}
