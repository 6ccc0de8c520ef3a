import Holidays from 'date-holidays';
import { addDays, assertLocalDate, dateParts, daysInMonth, isoWeekday, localDateOf, type LocalDate } from './local-date.js';

/**
 * The Finnish working-day calendar used to count deadlines ("arkipäivä", SHL 36 §) and to move
 * meetings off days off.
 *
 * A day off is a Saturday, a Sunday, a public holiday as `date-holidays` lists it for FI with type
 * `public` (its `bank` and `observance` entries are not days off by law), and two eves:
 * Christmas Eve (jouluaatto) and Midsummer Eve (juhannusaatto). The eves are not public holidays,
 * but the Act on the Calculation of Statutory Time Limits (laki säädettyjen määräaikain
 * laskemisesta 150/1930, 5 §) treats them like holidays when a time limit ends, and offices are
 * closed on them. New Year's Eve is an ordinary working day.
 *
 * All dates are Finnish local dates (Europe/Helsinki); see `local-date.ts`.
 */

const finland = new Holidays('FI');
const daysOffByYear = new Map<number, ReadonlySet<LocalDate>>();

/** The holidays and eves (not weekends) that are days off in a year, as local dates. */
export function holidaysIn(year: number): ReadonlySet<LocalDate> {
  let days = daysOffByYear.get(year);
  if (!days) {
    const publicHolidays = finland
      .getHolidays(year)
      .filter((h) => h.type === 'public')
      // `date` is the local date in Finland ("2026-04-03 00:00:00"), unlike `start`, a UTC instant.
      .map((h) => h.date.slice(0, 10));
    days = new Set([...publicHolidays, christmasEve(year), midsummerEve(year)]);
    daysOffByYear.set(year, days);
  }
  return days;
}

/** True for a public holiday, Christmas Eve or Midsummer Eve. */
export function isHoliday(date: LocalDate): boolean {
  return holidaysIn(dateParts(date).year).has(date);
}

/** True for Monday–Friday that is not a holiday: a day counted by "arkipäivä" deadlines. */
export function isWeekday(date: LocalDate): boolean {
  return isoWeekday(date) <= 5 && !isHoliday(date);
}

/** The date itself when it is a weekday, else the next weekday. */
export function weekdayOnOrAfter(date: LocalDate): LocalDate {
  let day = assertLocalDate(date);
  while (!isWeekday(day)) day = addDays(day, 1);
  return day;
}

/**
 * The n-th weekday after `date`. The start day itself is not counted, whatever it is, and days
 * off are skipped: a contact on Tuesday + 7 weekdays is the next week's Thursday (domain.md §1).
 */
export function addWeekdays(date: LocalDate, n: number): LocalDate {
  assertCount(n);
  let day = assertLocalDate(date);
  for (let counted = 0; counted < n;) {
    day = addDays(day, 1);
    if (isWeekday(day)) counted++;
  }
  return day;
}

/** The date n calendar days later; the start day is day 0. */
export function addCalendarDays(date: LocalDate, n: number): LocalDate {
  assertCount(n);
  return addDays(assertLocalDate(date), n);
}

/**
 * The same day n months later. When the target month is shorter, the month's last day
 * (31 January + 1 month = 28/29 February), as Act 150/1930 § 3 counts months.
 */
export function addMonths(date: LocalDate, n: number): LocalDate {
  assertCount(n);
  const { year, month, day } = dateParts(date);
  const monthIndex = year * 12 + (month - 1) + n;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = (monthIndex % 12) + 1;
  return localDateOf(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
}

function christmasEve(year: number): LocalDate {
  return localDateOf(year, 12, 24);
}

/** Midsummer Eve is the Friday between 19 and 25 June. */
function midsummerEve(year: number): LocalDate {
  const june19 = localDateOf(year, 6, 19);
  return addDays(june19, (5 - isoWeekday(june19) + 7) % 7);
}

function assertCount(n: number): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`expected a whole number of days or months ≥ 0, got ${n}`);
}
