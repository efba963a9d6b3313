/** A site's days off, as stored. */

export interface HolidaysTable {
  id: string;
  site_id: string;
  /** 'YYYY-MM-DD', Vietnam's calendar. */
  day: string;
  name: string;
  created_at: string;
}

/** Present once a site's year was filled in from the calendar: staff deletions stay deleted. */
export interface HolidayYearsTable {
  site_id: string;
  year: number;
  filled_at: string;
}

declare module '../../platform/db/database.js' {
  interface Database {
    holidays: HolidaysTable;
    holiday_years: HolidayYearsTable;
  }
}
