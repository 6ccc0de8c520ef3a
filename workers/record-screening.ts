import { z } from 'zod';
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

export const Input = z
  .object({
    caseId: z.uuid(),
    meetsPairCriteria: z.boolean(),
    /** The screening form's consent scope; NONE when the client gave no consent. */
    consentScope: z.enum([...CONSENT_SCOPE_CODES, 'NONE']),
    /** The day of the consent (form-js date, YYYY-MM-DD); the form hides it when the scope is NONE. */
    consentDate: z.iso.date().nullish(),
    specialSupportNeed: z.boolean(),
  })
  .refine((input) => input.consentScope === 'NONE' || input.consentDate != null, {
    path: ['consentDate'],
    error: 'required when consentScope is not NONE',
  });

export const Output = z.object({});

export type Input = z.infer<typeof Input>;
export type Output = z.infer<typeof Output>;

export interface Deps {
  clock: Clock;
  screenings: Pick<ScreeningPort, 'recordScreening'>;
}

export async function handle(input: Input, deps: Deps, job: JobContext): Promise<Output> {
  await deps.screenings.recordScreening({
    caseId: input.caseId,
    meetsPairCriteria: input.meetsPairCriteria,
    consentScope: input.consentScope,
    // A date left over from an earlier answer means nothing once the client withdrew it.
    consentDate: input.consentScope === 'NONE' ? null : input.consentDate!,
    specialSupportNeed: input.specialSupportNeed,
    at: deps.clock.now(),
    jobKey: job.jobKey,
  });
  return {};
}
