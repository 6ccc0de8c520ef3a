import { finnishDate, finnishInstant } from './finnish-time.js';
import { addDays, dateParts, localDateOf, type LocalDate } from './local-date.js';

/** Calendar dates [from, to), either end open. */
export interface DateRange {
  from?: LocalDate;
  to?: LocalDate;
}

/**
 * A period split for per-month and per-day summaries: the whole Finnish months in it (by their
 * first days), the whole days before and after those, and the instants before the first
 * midnight and after the last one, to be read row by row.
 */
export interface FinnishPeriodSplit {
  months: DateRange | null;
  days: DateRange[];
  edges: { from: Date; to: Date }[];
}

/**
 * Splits the period [from, to) (either end open) at Finnish midnights and month starts, so
 * summaries answer whole months and days and the rows themselves the hours around them.
 */
export function splitFinnishPeriod(from: Date | undefined, to: Date | undefined): FinnishPeriodSplit {
  if (from !== undefined && to !== undefined && from >= to) return { months: null, days: [], edges: [] };
  const edges: { from: Date; to: Date }[] = [];
  let firstDay: LocalDate | undefined;
  if (from !== undefined) {
    firstDay = finnishDate(from);
    if (finnishInstant(firstDay, '00:00') < from) firstDay = addDays(firstDay, 1);
  }
  const endDay = to === undefined ? undefined : finnishDate(to);
  if (from !== undefined && to !== undefined && firstDay !== undefined && endDay !== undefined && firstDay >= endDay) {
    return { months: null, days: [], edges: [{ from, to }] };
  }
  if (from !== undefined && firstDay !== undefined && finnishInstant(firstDay, '00:00') > from) {
    edges.push({ from, to: finnishInstant(firstDay, '00:00') });
  }
  if (to !== undefined && endDay !== undefined && finnishInstant(endDay, '00:00') < to) {
    edges.push({ from: finnishInstant(endDay, '00:00'), to });
  }
  return { ...splitDaysAtMonths({ from: firstDay, to: endDay }), edges };
}

function splitDaysAtMonths(days: DateRange): { months: DateRange | null; days: DateRange[] } {
  const firstMonth = days.from === undefined ? undefined : monthStartOnOrAfter(days.from);
  const endMonth = days.to === undefined ? undefined : monthStartOf(days.to);
  if (firstMonth !== undefined && endMonth !== undefined && firstMonth >= endMonth) return { months: null, days: [days] };
  const around: DateRange[] = [];
  if (days.from !== undefined && firstMonth !== undefined && days.from < firstMonth) around.push({ from: days.from, to: firstMonth });
  if (days.to !== undefined && endMonth !== undefined && endMonth < days.to) around.push({ from: endMonth, to: days.to });
  return { months: withDefined(firstMonth, endMonth), days: around };
}

function withDefined(from: LocalDate | undefined, to: LocalDate | undefined): DateRange {
  return { ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }) };
}

function monthStartOf(date: LocalDate): LocalDate {
  const { year, month } = dateParts(date);
  return localDateOf(year, month, 1);
}

function monthStartOnOrAfter(date: LocalDate): LocalDate {
  const start = monthStartOf(date);
  if (start === date) return start;
  const { year, month } = dateParts(date);
  return month === 12 ? localDateOf(year + 1, 1, 1) : localDateOf(year, month + 1, 1);
}
