import { finnishDate, finnishInstant } from './finnish-time.js';
import { addDays, type LocalDate } from './local-date.js';

/** A period split into the whole Finnish days a per-day summary answers and the part-days around them. */
export interface FinnishDaySplit {
  /** Whole days [from, to), either end open; null when the period holds no whole day. */
  days: { from?: LocalDate; to?: LocalDate } | null;
  /** The instants [from, to) before and after the whole days, to be read row by row. */
  edges: { from: Date; to: Date }[];
}

/**
 * Splits the period [from, to) (either end open) at Finnish midnights, so per-day summaries can
 * answer the whole days in it and the rows themselves the hours before the first midnight and
 * after the last one. A period within one day, or not reaching a whole day, is all edge.
 */
export function splitAtFinnishMidnights(from: Date | undefined, to: Date | undefined): FinnishDaySplit {
  if (from !== undefined && to !== undefined && from >= to) return { days: null, edges: [] };
  const edges: { from: Date; to: Date }[] = [];
  let fromDay: LocalDate | undefined;
  let fromMidnight: Date | undefined;
  if (from !== undefined) {
    fromDay = finnishDate(from);
    fromMidnight = finnishInstant(fromDay, '00:00');
    if (fromMidnight < from) {
      fromDay = addDays(fromDay, 1);
      fromMidnight = finnishInstant(fromDay, '00:00');
    }
  }
  let toDay: LocalDate | undefined;
  let toMidnight: Date | undefined;
  if (to !== undefined) {
    toDay = finnishDate(to);
    toMidnight = finnishInstant(toDay, '00:00');
  }
  if (fromDay !== undefined && toDay !== undefined && fromDay >= toDay) return { days: null, edges: [{ from: from!, to: to! }] };
  if (from !== undefined && fromMidnight! > from) edges.push({ from, to: fromMidnight! });
  if (to !== undefined && toMidnight! < to) edges.push({ from: toMidnight!, to });
  return { days: { ...(fromDay === undefined ? {} : { from: fromDay }), ...(toDay === undefined ? {} : { to: toDay }) }, edges };
}
