import type { CaseAttributeCode } from './case-attributes.js';
import type { RegisterCode } from './registers.js';
import type { StageCode } from './stages.js';

/**
 * A deadline rule as data (seed/deadline-rules.json, editable by administrators): what starts the
 * clock, how long it runs, whom it concerns and where the rule comes from. Legal rules and Varha's
 * own targets share the shape; `kind` tells them apart so a target is never shown as law.
 */
export interface DeadlineRule {
  id: string;
  /** Finnish name shown to caseworkers. */
  name: string;
  event: DeadlineEventCode;
  /**
   * CASE_OPENED when the time counts from the day the matter became pending (vireilletulo), not
   * from the event's day: SHL 45 § gives a granted service 3 months from vireilletulo, yet the
   * clock can only be set once the decision grants it. Absent: from the event's day.
   */
  countsFrom?: 'CASE_OPENED';
  amount: number;
  unit: DurationUnitCode;
  /**
   * For CALENDAR_DAYS and MONTHS: when the last day is not a weekday, the deadline moves to the
   * next weekday (Act 150/1930 § 5). Per rule, because it fits appeal periods, not 5-day records.
   */
  rollToWeekday: boolean;
  appliesTo: DeadlineCondition;
  kind: DeadlineKindCode;
  /** The register whose records the deadline is about. */
  register: RegisterCode;
  source: DeadlineSource;
  note?: string;
  /** The pathway stage event that completes the rule's work; none for rules met outside the pathway. */
  metWhen?: DeadlineMetWhen;
}

/** The stage events that can meet a deadline. */
export const STAGE_EVENT_CODES = ['START', 'END'] as const;

/** A stage's start or end. */
export type StageEventCode = (typeof STAGE_EVENT_CODES)[number];

/** A deadline is met when the case enters (START) or leaves (END) the stage. */
export interface DeadlineMetWhen {
  stage: StageCode;
  event: StageEventCode;
}

/** Where a rule comes from: the statute and section, and the public page it was read from. */
export interface DeadlineSource {
  law: string;
  section: string;
  url: string;
}

/** Everyone, or the cases having at least one of the listed attributes. */
export type DeadlineCondition = 'all' | { anyOf: readonly CaseAttributeCode[] };

/**
 * The events that start a deadline's clock: the case opened (vireilletulo), the plan made, a
 * service event (a meeting with the client, to be recorded), the care need assessed (the joint
 * assessment's end, TervHL 51 a §'s start), an official's decision served, a social service granted.
 */
export const DEADLINE_EVENT_CODES = [
  'CASE_OPENED',
  'PLAN_MADE',
  'SERVICE_EVENT',
  'DECISION_NOTIFIED',
  'CARE_NEED_ASSESSED',
  'SERVICE_GRANTED',
] as const;

/** A clock-starting event. */
export type DeadlineEventCode = (typeof DEADLINE_EVENT_CODES)[number];

/**
 * How a duration is counted. IMMEDIATE and SAME_DAY both end on the event's day (a day calendar
 * cannot say "at once" more finely); IMMEDIATE stays distinct so the UI can flag urgency.
 */
export const DURATION_UNIT_CODES = ['IMMEDIATE', 'SAME_DAY', 'WEEKDAYS', 'CALENDAR_DAYS', 'MONTHS'] as const;

/** A duration unit. */
export type DurationUnitCode = (typeof DURATION_UNIT_CODES)[number];

/**
 * LAW: a statutory time limit. VARHA_TARGET: a service-level target Varha has set and a source
 * shows. PROPOSED_TARGET: a number proposed where the law says only "without delay" and no Varha
 * target was found (domain.md §1 notes), to be confirmed or changed by Varha.
 */
export const DEADLINE_KIND_CODES = ['LAW', 'VARHA_TARGET', 'PROPOSED_TARGET'] as const;

/** A deadline kind. */
export type DeadlineKindCode = (typeof DEADLINE_KIND_CODES)[number];

/** Finnish labels of the kinds. */
export const DEADLINE_KIND_LABELS: Readonly<Record<DeadlineKindCode, string>> = {
  LAW: 'Lakisääteinen määräaika',
  VARHA_TARGET: 'Varhan tavoiteaika',
  PROPOSED_TARGET: 'Ehdotettu tavoite (ei lakisääteinen)',
};
