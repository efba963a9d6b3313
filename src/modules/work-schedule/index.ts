/**
 * The leaders' weekly work schedule (lịch công tác) and its iCalendar feed: weeks and
 * their rules, the staff use-cases, public reads, search records, and the demo's
 * schedule. Other modules reach this one only through this file; app.ts registers the
 * public pages from work-schedule.routes.ts, so this file pulls in no route.
 */
import './work-schedule.table.js';

export { CANCELLATION_LABELS, ENTRY_LIMITS, PUBLICATION_LABELS, checkEntryFields, type Cancellation, type Publication, type ScheduleEntry, type ScheduleEntryFields, type ScheduleEntryInput } from './schedule-entries.js';
export { addWeeks, daysOf, formatDay, isoWeekOf, mondayOf, parseDay, parseTime, parseWeek, timeWords, vietnamToday, weekKey, weekLabel, weekOfNow, weekSlug, weekdayName, type IsoWeek } from './schedule-weeks.js';
export { ScheduleEntryNotFoundError, SchedulePublicationStepError } from './work-schedule.errors.js';
export {
  cancelScheduleEntry,
  copyRecurringEntries,
  createScheduleEntry,
  deleteScheduleEntry,
  getScheduleEntryForEditing,
  getScheduleWeekForStaff,
  publishScheduleEntry,
  publishScheduleWeek,
  requireWeekKey,
  restoreScheduleEntry,
  unpublishScheduleEntry,
  updateScheduleEntry,
  type ScheduleEntryForEditing,
  type ScheduleRevision,
  type StaffScheduleWeek,
} from './work-schedule.service.js';
export { FEED_WEEKS_AFTER, FEED_WEEKS_BEFORE, getPublishedWeek, listPublishedAround, type PublicScheduleWeek } from './work-schedule.public.js';
export { SCHEDULE_PATH, SCHEDULE_SEARCH_TYPE, syncWeekSearch, weekPath, workScheduleSearchSource } from './work-schedule.search.js';
export { seedDemoWorkSchedule } from './work-schedule.demo.js';
