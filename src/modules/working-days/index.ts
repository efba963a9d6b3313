/** Working days and a site's holidays: deadlines counted the way Vietnamese law counts them. */
export { addWorkingDays, workingDaysBetween, isWorkingDay, isDayString, vietnamDay, shiftDay, weekdayOf } from './working-days.js';
export { ANNOUNCED_HOLIDAYS, VIETNAM_FIXED_HOLIDAYS, holidaysOfYear, type HolidayDay } from './holiday-calendar.js';
export { addHoliday, deleteHoliday, ensureHolidays, listHolidays, loadHolidays, parseStaffDay, type Holiday } from './holidays.service.js';
