/**
 * A calendar date as `YYYY-MM-DD`, always a date in Finland (Europe/Helsinki).
 *
 * Deadlines and meetings are counted in local days ("the 7th weekday after contact"), so the
 * domain works on plain date strings rather than `Date` instants: no time zone or DST shift can
 * move a date by one. Strings of this shape also sort chronologically, so `<` compares them.
 * Arithmetic runs on UTC midnights, where every day is exactly 24 hours long.
 */
export type LocalDate = string;

const DAY_MS = 86_400_000;
const SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when the string is a real calendar date in `YYYY-MM-DD` form. */
export function isLocalDate(value: string): boolean {
  const m = SHAPE.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Returns the date unchanged, or throws a RangeError naming the bad value. */
export function assertLocalDate(value: string): LocalDate {
  if (!isLocalDate(value)) throw new RangeError(`not a YYYY-MM-DD calendar date: '${value}'`);
  return value;
}

/** The date `days` days later (or earlier, when negative). */
export function addDays(date: LocalDate, days: number): LocalDate {
  return fromEpochDay(toEpochDay(date) + days);
}

/** Days from `from` to `to`: positive when `to` is later. */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return toEpochDay(to) - toEpochDay(from);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: LocalDate): number {
  const sundayIsZero = new Date(toEpochDay(date) * DAY_MS).getUTCDay();
  return sundayIsZero === 0 ? 7 : sundayIsZero;
}

/** Year, month (1–12) and day of a date. */
export function dateParts(date: LocalDate): { year: number; month: number; day: number } {
  const [year, month, day] = assertLocalDate(date).split('-').map(Number);
  return { year, month, day };
}

/** Builds a date from its parts; the parts must name a real day. */
export function localDateOf(year: number, month: number, day: number): LocalDate {
  return assertLocalDate(`${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`);
}

/** Number of days in a month (1–12) of a year. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function toEpochDay(date: LocalDate): number {
  const { year, month, day } = dateParts(date);
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

function fromEpochDay(epochDay: number): LocalDate {
  return new Date(epochDay * DAY_MS).toISOString().slice(0, 10);
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
