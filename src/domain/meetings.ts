import { weekdayOnOrAfter } from './calendar.js';
import { finnishDate, finnishInstant, formatFinnishIso, type LocalTime } from './finnish-time.js';
import { addDays, dateParts, daysBetween, daysInMonth, isoWeekday, type LocalDate } from './local-date.js';

/**
 * Meeting calendars of local teams (2–4 meetings a month) and regional working groups, as data.
 * A calendar is a list of rules; its meetings are the union of the rules' meetings. A meeting
 * that falls on a holiday is held on the next weekday, at the same time.
 */

/** Days on which meetings are held. */
export const MEETING_WEEKDAY_CODES = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'] as const;

/** A meeting weekday. */
export type MeetingWeekday = (typeof MEETING_WEEKDAY_CODES)[number];

/** Every n-th week on a weekday, counted from an anchor date that falls on that weekday. */
export interface EveryNWeeksRule {
  kind: 'EVERY_N_WEEKS';
  weekday: MeetingWeekday;
  time: LocalTime;
  intervalWeeks: number;
  anchorDate: LocalDate;
}

/** The n-th weekday(s) of every month, e.g. 1st and 3rd Tuesday; -1 means the last one. */
export interface NthWeekdayOfMonthRule {
  kind: 'NTH_WEEKDAY_OF_MONTH';
  weekday: MeetingWeekday;
  time: LocalTime;
  ordinals: readonly number[];
}

/** One rule of a meeting calendar. */
export type MeetingRule = EveryNWeeksRule | NthWeekdayOfMonthRule;

/** A meeting calendar: the union of its rules. */
export type MeetingCalendar = readonly MeetingRule[];

/** A concrete meeting. */
export interface MeetingSlot {
  date: LocalDate;
  time: LocalTime;
  /** ISO 8601 with the Finnish offset. */
  startsAt: string;
}

/** How far ahead to look before concluding that a calendar has no meetings. */
const HORIZON_DAYS = 400;
/** Longest run of consecutive days off in Finland (Christmas week) is well under this. */
const MAX_HOLIDAY_SHIFT_DAYS = 7;

/**
 * The first meeting that starts at or after `from`, or null when the calendar holds none within
 * about a year (an empty calendar, say).
 */
export function nextMeeting(calendar: MeetingCalendar, from: Date): MeetingSlot | null {
  const fromDate = finnishDate(from);
  // Start a week early: a meeting scheduled before `fromDate` may have moved past it off a holiday.
  const first = addDays(fromDate, -MAX_HOLIDAY_SHIFT_DAYS);
  let best: { slot: MeetingSlot; at: Date } | null = null;
  let stopAfter = HORIZON_DAYS + MAX_HOLIDAY_SHIFT_DAYS;
  for (let offset = 0; offset <= stopAfter; offset++) {
    const scheduled = addDays(first, offset);
    for (const rule of calendar) {
      if (!isScheduledOn(rule, scheduled)) continue;
      const held = weekdayOnOrAfter(scheduled);
      const at = finnishInstant(held, rule.time);
      if (at < from || (best && at >= best.at)) continue;
      best = { slot: { date: held, time: rule.time, startsAt: formatFinnishIso(at) }, at };
      // A later-scheduled meeting can still be held earlier than a shifted one: look a week on.
      stopAfter = Math.min(stopAfter, offset + MAX_HOLIDAY_SHIFT_DAYS);
    }
  }
  return best?.slot ?? null;
}

/** True when the rule schedules a meeting on the date (before any holiday shift). */
export function isScheduledOn(rule: MeetingRule, date: LocalDate): boolean {
  if (isoWeekday(date) !== MEETING_WEEKDAY_CODES.indexOf(rule.weekday) + 1) return false;
  if (rule.kind === 'EVERY_N_WEEKS') {
    const weeks = daysBetween(rule.anchorDate, date) / 7;
    return Number.isInteger(weeks) && ((weeks % rule.intervalWeeks) + rule.intervalWeeks) % rule.intervalWeeks === 0;
  }
  const { year, month, day } = dateParts(date);
  const ordinal = Math.ceil(day / 7);
  const isLast = day + 7 > daysInMonth(year, month);
  return rule.ordinals.includes(ordinal) || (isLast && rule.ordinals.includes(-1));
}
