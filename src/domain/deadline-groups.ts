import type { ComputedDeadline } from './deadlines.js';

/**
 * Deadline groups: names the diagrams use for "the deadline of this step" when several rules of
 * seed/deadline-rules.json can set it. The start of the needs assessment is due by the Varha
 * target for everyone, by the SHL 36 § 7-weekday rule for its groups, and at once when urgent;
 * whichever applies and falls first is the case's deadline. The rules themselves stay data; this
 * only says which of them belong to the step, so the diagram need not know rule ids.
 */
export const DEADLINE_GROUPS: Readonly<Record<string, readonly string[]>> = {
  ARVIOINTI_ALOITUS: ['shl-36-kiireellinen', 'shl-36-seitseman-arkipaivaa', 'shl-36-arvioinnin-aloitus-tavoite'],
};

/** The rule ids a diagram's `deadlineRule` stands for: a group's members, or the one rule id. */
export function rulesNamedBy(deadlineRule: string): readonly string[] {
  return Object.hasOwn(DEADLINE_GROUPS, deadlineRule) ? DEADLINE_GROUPS[deadlineRule] : [deadlineRule];
}

/** The group's deadline that falls first among those computed for a case, or undefined. */
export function firstDeadlineOf(group: string, deadlines: readonly ComputedDeadline[]): ComputedDeadline | undefined {
  const members = rulesNamedBy(group);
  // computeDeadlines sorts earliest first.
  return deadlines.find((d) => members.includes(d.ruleId));
}

/** The deadline group whose first deadline the assessment task is due by. */
export const ASSESSMENT_START = 'ARVIOINTI_ALOITUS';

/**
 * The case's `assessmentDueDate`, the due time (ISO 8601 with the Finnish offset) of the first
 * ASSESSMENT_START deadline among those computed for its attributes. Every case has one, as the
 * group holds a rule for all; a rule set without it is a configuration error.
 */
export function assessmentDueDateOf(caseId: string, deadlines: readonly ComputedDeadline[]): string {
  const assessment = firstDeadlineOf(ASSESSMENT_START, deadlines);
  if (!assessment) throw new Error(`no deadline rule of group ${ASSESSMENT_START} applies to case ${caseId}: check the deadline rules`);
  return assessment.dueAt;
}
