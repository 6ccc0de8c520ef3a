import { z } from 'zod';
import { finnishDate } from '../src/domain/finnish-time.js';
import { CONSENT_SCOPE_CODES } from '../src/domain/registers.js';
import type { JobContext } from '../src/jobs/definition.js';
import type { Clock, ScreeningPort } from '../src/jobs/ports.js';

/**
 * Records the initial screening (alkuselvitys) in the read model: whether the work-pair criteria
 * were met, the client's consent to share data between the social and health registers (a
 * consent record, which reads across registers look for), and the special need for support the
 * screening confirmed. Job type used by bpmn/sote-tyoparipolku.bpmn (`record-screening`).
 */
export const jobType = 'record-screening';

export const description = 'Record the screening: the work-pair criteria, the consent to share data between the registers, the special need for support';

export const Input = z.object({
  caseId: z.uuid(),
  meetsPairCriteria: z.boolean(),
  /**
   * The screening form's consent scope; NONE when the client gave no consent. Missing (a task
   * completed outside the form) counts as NONE: no consent is recorded that nobody asked for.
   */
  consentScope: z.enum([...CONSENT_SCOPE_CODES, 'NONE']).nullish().transform((scope) => scope ?? 'NONE'),
  /**
   * The day of the consent (form-js date, YYYY-MM-DD); the form hides it when the scope is NONE.
   * Missing with a scope (a task completed outside the form): the day of the screening.
   */
  consentDate: z.iso.date().nullish(),
  specialSupportNeed: z.boolean(),
});

export const Output = z.object({});

export type Input = z.infer<typeof Input>;
export type Output = z.infer<typeof Output>;

export interface Deps {
  clock: Clock;
  screenings: Pick<ScreeningPort, 'recordScreening'>;
}

export async function handle(input: Input, deps: Deps, job: JobContext): Promise<Output> {
  const at = deps.clock.now();
  await deps.screenings.recordScreening({
    caseId: input.caseId,
    meetsPairCriteria: input.meetsPairCriteria,
    consentScope: input.consentScope,
    // No consent, no day: a date left in the variables from an earlier answer means nothing.
    consentDate: input.consentScope === 'NONE' ? null : (input.consentDate ?? finnishDate(at)),
    specialSupportNeed: input.specialSupportNeed,
    at,
    jobKey: job.jobKey,
  });
  return {};
}
