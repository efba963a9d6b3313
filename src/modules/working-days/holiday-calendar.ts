/**
 * Vietnam's public holidays (Bộ luật Lao động 2019, Điều 112) as the Government announced
 * them for public servants, per year. A holiday that falls on a weekly rest day gives a
 * compensatory day off on the next working day (Điều 111 khoản 3). Make-up Saturdays of a
 * "hoán đổi ngày làm việc" are not modelled: those days stay working days here.
 */
export interface HolidayDay {
  /** 'YYYY-MM-DD' */
  day: string;
  name: string;
}

/** Fixed solar holidays (Điều 112). Quốc khánh has a second day (1/9 or 3/9) announced each year. */
export const VIETNAM_FIXED_HOLIDAYS: readonly { month: number; day: number; name: string }[] = [
  { month: 1, day: 1, name: 'Tết Dương lịch' },
  { month: 4, day: 30, name: 'Ngày Chiến thắng' },
  { month: 5, day: 1, name: 'Ngày Quốc tế lao động' },
  { month: 9, day: 2, name: 'Quốc khánh' },
];

/**
 * Every day off for public servants in the years announced, fixed ones included.
 * Sources:
 * - 2025: Thông báo 6150/TB-LĐTBXH ngày 12/11/2024 (Tết Ất Tỵ 25/01–02/02; Giỗ Tổ 07/04;
 *   30/4–1/5; Quốc khánh 01–02/09).
 * - 2026: the Ministry of Home Affairs' announcement for 2026 (Tết Bính Ngọ 14/02–22/02, of
 *   which 16–20/02 are working days); Giỗ Tổ 10/3 âm lịch = Chủ nhật 26/04/2026, hence the
 *   compensatory Monday 27/04; Quốc khánh 02/09 and, as the second day, 01/09 (not verified
 *   against the announcement: staff correct it on /admin/ngay-nghi if it was 03/09).
 * - 2027: Tết Đinh Mùi (mùng 1 = thứ Bảy 06/02/2027) not yet announced when this was written:
 *   the days follow the Labour Code (30 Tết, mùng 1–4, with two compensatory days for the
 *   weekend); Giỗ Tổ 10/3 âm lịch = 16/04/2027; 1/5 is a Saturday (compensatory Monday 03/05);
 *   Quốc khánh's second day assumed 03/09. Staff correct these on /admin/ngay-nghi once announced.
 */
export const ANNOUNCED_HOLIDAYS: Readonly<Record<number, readonly HolidayDay[]>> = {
  2025: [
    { day: '2025-01-01', name: 'Tết Dương lịch' },
    { day: '2025-01-27', name: 'Tết Nguyên đán' },
    { day: '2025-01-28', name: 'Tết Nguyên đán' },
    { day: '2025-01-29', name: 'Tết Nguyên đán' },
    { day: '2025-01-30', name: 'Tết Nguyên đán' },
    { day: '2025-01-31', name: 'Tết Nguyên đán' },
    { day: '2025-04-07', name: 'Giỗ Tổ Hùng Vương' },
    { day: '2025-04-30', name: 'Ngày Chiến thắng' },
    { day: '2025-05-01', name: 'Ngày Quốc tế lao động' },
    { day: '2025-09-01', name: 'Quốc khánh' },
    { day: '2025-09-02', name: 'Quốc khánh' },
  ],
  2026: [
    { day: '2026-01-01', name: 'Tết Dương lịch' },
    { day: '2026-02-16', name: 'Tết Nguyên đán' },
    { day: '2026-02-17', name: 'Tết Nguyên đán' },
    { day: '2026-02-18', name: 'Tết Nguyên đán' },
    { day: '2026-02-19', name: 'Tết Nguyên đán' },
    { day: '2026-02-20', name: 'Tết Nguyên đán' },
    { day: '2026-04-27', name: 'Nghỉ bù Giỗ Tổ Hùng Vương' },
    { day: '2026-04-30', name: 'Ngày Chiến thắng' },
    { day: '2026-05-01', name: 'Ngày Quốc tế lao động' },
    { day: '2026-09-01', name: 'Quốc khánh' },
    { day: '2026-09-02', name: 'Quốc khánh' },
  ],
  2027: [
    { day: '2027-01-01', name: 'Tết Dương lịch' },
    { day: '2027-02-05', name: 'Tết Nguyên đán' },
    { day: '2027-02-08', name: 'Tết Nguyên đán' },
    { day: '2027-02-09', name: 'Tết Nguyên đán' },
    { day: '2027-02-10', name: 'Nghỉ bù Tết Nguyên đán' },
    { day: '2027-02-11', name: 'Nghỉ bù Tết Nguyên đán' },
    { day: '2027-04-16', name: 'Giỗ Tổ Hùng Vương' },
    { day: '2027-04-30', name: 'Ngày Chiến thắng' },
    { day: '2027-05-03', name: 'Nghỉ bù Ngày Quốc tế lao động' },
    { day: '2027-09-02', name: 'Quốc khánh' },
    { day: '2027-09-03', name: 'Quốc khánh' },
  ],
};

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function isWeekend(day: string): boolean {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
}

function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/**
 * The days off of a year: as announced when it was, else the fixed solar holidays with their
 * compensatory days (the lunar ones, Tết and Giỗ Tổ, need the year's announcement: staff add them).
 */
export function holidaysOfYear(year: number): HolidayDay[] {
  const announced = ANNOUNCED_HOLIDAYS[year];
  if (announced) return [...announced];
  const days: HolidayDay[] = [];
  const taken = new Set<string>();
  for (const fixed of VIETNAM_FIXED_HOLIDAYS) {
    const day = `${year}-${pad(fixed.month)}-${pad(fixed.day)}`;
    days.push({ day, name: fixed.name });
    taken.add(day);
  }
  for (const fixed of VIETNAM_FIXED_HOLIDAYS) {
    const day = `${year}-${pad(fixed.month)}-${pad(fixed.day)}`;
    if (!isWeekend(day)) continue;
    let off = nextDay(day);
    while (isWeekend(off) || taken.has(off)) off = nextDay(off);
    days.push({ day: off, name: `Nghỉ bù ${fixed.name}` });
    taken.add(off);
  }
  return days.sort((a, b) => a.day.localeCompare(b.day));
}
