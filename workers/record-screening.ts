import { z } from 'zod';
import { SCREENING_ATTRIBUTE_CODES, type CaseAttributes } from '../src/domain/case-attributes.js';
import { computeDeadlines } from '../src/domain/deadlines.js';
import { finnishDate } from '../src/domain/finnish-time.js';
import { CONSENT_SCOPE_CODES } from '../src/domain/registers.js';
import { InvalidInputError, type JobContext } from '../src/jobs/definition.js';
import type { CasePort, Clock, OrgPort, ScreeningPort } from '../src/jobs/ports.js';
import { assessmentDueDateOf } from '../src/domain/deadline-groups.js';
import { CompletedBy } from '../src/jobs/completed-by.js';
import { PAIR_CRITERIA_OVERRIDE_REASONS, pairCriteriaIndicated, pairDecision } from '../src/domain/pair-criteria.js';

/**
 * Records the initial screening (alkuselvitys) in the read model and decides whether the case gets
 * a work pair: the model's criterion (src/domain/pair-criteria.ts) from the screening's two answers,
 * turned round only when the team member ticked the override and named its reason, which is
 * recorded with the screening. The decision is answered as `meetsPairCriteria` for the gateway
 * after the stage. Also recorded: the client's consent to share data between the social and health registers (a
 * consent record, which reads across registers look for), and the special need for support the
 * screening confirmed. The deadline attributes the screening found and the intake did not (an
 * urgent need, the highest care allowance, a pregnancy) are added to the case with the deadlines
 * they start from its opening, so the assessment may fall due sooner: the worker answers the
 * case's `assessmentDueDate` again for the assessment task's due date, which comes later, in ARVIOINTI.
 * A screening cannot take an intake's attribute away. Job type used by
 * process-application/bpmn/sote-tyoparipolku.bpmn (`record-screening`).
 */
export const jobType = 'record-screening';

export const description =
  'Record the screening: the work-pair criteria, the consent to share data between the registers, the special need for support';

export const Input = z.object({
  /** Whoever completed the task this job follows; their writes are logged as theirs (src/jobs/completed-by.ts). */
  completedBy: CompletedBy,
  caseId: z.uuid(),
  // The model's two criteria; missing (a task completed outside the form) counts as not ticked.
  bothSubstanceTreatmentAndSpecialServices: z.boolean().nullish(),
  institutionalRehabOrHousingConsidered: z.boolean().nullish(),
  /** The team member decides otherwise than the criteria: only with a reason. */
  pairCriteriaOverride: z.boolean().nullish(),
  /** Required with the override (the form requires it); ignored without, as the form hides it then. */
  pairCriteriaOverrideReason: z.enum(PAIR_CRITERIA_OVERRIDE_REASONS).nullish(),
  /**
   * The screening form's consent scope; NONE when the client gave no consent. Missing (a task
   * completed outside the form) counts as NONE: no consent is recorded that nobody asked for.
   */
  consentScope: z
    .enum([...CONSENT_SCOPE_CODES, 'NONE'])
    .nullish()
    .transform((scope) => scope ?? 'NONE'),
  /**
   * The day of the consent (form-js date, YYYY-MM-DD); the form hides it when the scope is NONE.
   * Missing with a scope (a task completed outside the form): the day of the screening.
   */
  consentDate: z.iso.date().nullish(),
  specialSupportNeed: z.boolean(),
  // The form's checkboxes of the deadline attributes (src/domain/case-attributes.ts); missing or false adds nothing.
  urgent: z.boolean().nullish(),
  ageOver75: z.boolean().nullish(),
  highestCareAllowance: z.boolean().nullish(),
  childWithSpecialSupport: z.boolean().nullish(),
  pregnant: z.boolean().nullish(),
});

export const Output = z.object({
  /** Whether the case gets a work pair: the criteria's decision, or the override's. */
  meetsPairCriteria: z.boolean(),
  /** As route-case answers it, for the attributes the case has after the screening. */
  assessmentDueDate: z.string(),
});

export type Input = z.infer<typeof Input>;
export type Output = z.infer<typeof Output>;

export interface Deps {
  clock: Clock;
  cases: Pick<CasePort, 'getCase'>;
  org: Pick<OrgPort, 'listDeadlineRules'>;
  screenings: Pick<ScreeningPort, 'recordScreening'>;
}

export async function handle(input: Input, deps: Deps, job: JobContext): Promise<Output> {
  const at = deps.clock.now();
  const found = await deps.cases.getCase(input.caseId);
  if (!found) throw new InvalidInputError(`caseId: no case '${input.caseId}' in the read model`);
  const override = input.pairCriteriaOverride === true ? (input.pairCriteriaOverrideReason ?? null) : null;
  if (input.pairCriteriaOverride === true && override === null) {
    throw new InvalidInputError('pairCriteriaOverrideReason: required when the screening overrides the work-pair criteria');
  }
  const criteriaIndicated = pairCriteriaIndicated({
    bothSubstanceTreatmentAndSpecialServices: input.bothSubstanceTreatmentAndSpecialServices === true,
    institutionalRehabOrHousingConsidered: input.institutionalRehabOrHousingConsidered === true,
  });
  const meetsPairCriteria = pairDecision(criteriaIndicated, override);
  // A redelivery finds the attributes its first delivery added: nothing new, and the same due date.
  const foundAttributes = SCREENING_ATTRIBUTE_CODES.filter((a) => input[a] === true && !found.attributes[a]);
  const attributes: CaseAttributes = { ...found.attributes, ...Object.fromEntries(foundAttributes.map((a) => [a, true])) };
  const rules = await deps.org.listDeadlineRules();
  // The clock of every rule starts when the case was opened, as route-case counts it.
  const deadlinesFor = (facts: CaseAttributes) =>
    computeDeadlines({ rules, attributes: facts, event: 'CASE_OPENED', eventDate: finnishDate(found.openedAt) });
  const running = new Set(deadlinesFor(found.attributes).map((d) => d.ruleId));
  const deadlines = deadlinesFor(attributes);
  await deps.screenings.recordScreening({
    caseId: input.caseId,
    meetsPairCriteria,
    criteriaIndicated,
    criteriaOverrideReason: override,
    consentScope: input.consentScope,
    // No consent, no day: a date left in the variables from an earlier answer means nothing.
    consentDate: input.consentScope === 'NONE' ? null : (input.consentDate ?? finnishDate(at)),
    specialSupportNeed: input.specialSupportNeed,
    foundAttributes,
    newDeadlines: deadlines.filter((d) => !running.has(d.ruleId)),
    at,
    jobKey: job.jobKey,
  });
  return { meetsPairCriteria, assessmentDueDate: assessmentDueDateOf(input.caseId, deadlines) };
}
