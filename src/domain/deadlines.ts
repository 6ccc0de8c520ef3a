import { addCalendarDays, addMonths, addWeekdays, weekdayOnOrAfter } from './calendar.js';
import type { CaseAttributes } from './case-attributes.js';
import type { DeadlineEventCode, DeadlineKindCode, DeadlineRule, DeadlineSource } from './deadline-rule.js';
import { finnishInstant, formatFinnishIso } from './finnish-time.js';
import { assertLocalDate, type LocalDate } from './local-date.js';
import type { RegisterCode } from './registers.js';

/** One deadline that applies to a case, with its due day. */
export interface ComputedDeadline {
  ruleId: string;
  name: string;
  kind: DeadlineKindCode;
  register: RegisterCode;
  /** The last day (Finnish local date) on which the deadline is met. */
  dueDate: LocalDate;
  /** The end of the due day in Finnish time, ISO 8601 with offset: when a timer should escalate. */
  dueAt: string;
  source: DeadlineSource;
}

/** What `computeDeadlines` needs: the rules, the case's facts and the event that happened. */
export interface DeadlineQuery {
  rules: readonly DeadlineRule[];
  attributes: CaseAttributes;
  event: DeadlineEventCode;
  /** The Finnish local date of the event. */
  eventDate: LocalDate;
  /** The Finnish local date the case was opened (vireilletulo), for the rules counted from it; CASE_OPENED's own date when absent. */
  caseOpenedOn?: LocalDate;
}

/** The deadlines several events of the same day start for this case, event by event. */
export function deadlinesStartedBy({
  events,
  ...query
}: Omit<DeadlineQuery, 'event'> & { events: readonly DeadlineEventCode[] }): ComputedDeadline[] {
  return events.flatMap((event) => computeDeadlines({ ...query, event }));
}

/** The deadlines the event starts for this case, earliest first (then by rule id). */
export function computeDeadlines(query: DeadlineQuery): ComputedDeadline[] {
  assertLocalDate(query.eventDate);
  return query.rules
    .filter((rule) => rule.event === query.event && ruleApplies(rule, query.attributes))
    .map((rule) => {
      const dueDate = dueDateOf(rule, rule.countsFrom === 'CASE_OPENED' ? caseOpenedOnFor(rule, query) : query.eventDate);
      return {
        ruleId: rule.id,
        name: rule.name,
        kind: rule.kind,
        register: rule.register,
        dueDate,
        dueAt: formatFinnishIso(finnishInstant(dueDate, '23:59:59')),
        source: rule.source,
      };
    })
    .sort((a, b) => (a.dueDate === b.dueDate ? a.ruleId.localeCompare(b.ruleId) : a.dueDate < b.dueDate ? -1 : 1));
}

function caseOpenedOnFor(rule: DeadlineRule, query: DeadlineQuery): LocalDate {
  const openedOn = query.caseOpenedOn ?? (query.event === 'CASE_OPENED' ? query.eventDate : undefined);
  if (openedOn === undefined) throw new RangeError(`Rule ${rule.id} counts from the case's opening: ${query.event} needs caseOpenedOn`);
  return assertLocalDate(openedOn);
}

/** True when the rule concerns a case with these attributes. */
export function ruleApplies(rule: DeadlineRule, attributes: CaseAttributes): boolean {
  if (rule.appliesTo === 'all') return true;
  return rule.appliesTo.anyOf.some((attribute) => attributes[attribute] === true);
}

/** The last day of a rule's time limit when its clock starts on `eventDate`. */
export function dueDateOf(rule: DeadlineRule, eventDate: LocalDate): LocalDate {
  switch (rule.unit) {
    case 'IMMEDIATE':
      return eventDate;
    case 'SAME_DAY':
      // Same-day assessment (TervHL 51 §) is owed for weekday contacts; a weekend contact is
      // assessed on the next weekday unless it is urgent, which the IMMEDIATE rules cover.
      return weekdayOnOrAfter(eventDate);
    case 'WEEKDAYS':
      return addWeekdays(eventDate, rule.amount);
    case 'CALENDAR_DAYS':
      return rollIfAsked(rule, addCalendarDays(eventDate, rule.amount));
    case 'MONTHS':
      return rollIfAsked(rule, addMonths(eventDate, rule.amount));
  }
}

function rollIfAsked(rule: DeadlineRule, lastDay: LocalDate): LocalDate {
  return rule.rollToWeekday ? weekdayOnOrAfter(lastDay) : lastDay;
}
