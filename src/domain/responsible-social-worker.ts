import type { LocalDate } from './local-date.js';
import { isAvailable, leastLoaded, type PairingCandidate } from './pairing.js';

/**
 * The responsible sosiaalityöntekijä of a client with a special need for support (SHL 42 § 2 mom:
 * "omatyöntekijällä tai hänen kanssaan asiakastyötä tekevällä työntekijällä on oltava …
 * sosiaalityöntekijän kelpoisuus"). The pair stays as it is — nurse and sosiaaliohjaaja — and the
 * social worker is added beside it as omatyöntekijä. The rules, in the order they apply:
 *
 * 1. The pair's own social-side member, when they are a sosiaalityöntekijä: no one is added.
 * 2. Continuity: the case's previous responsible social worker, where still available.
 * 3. Otherwise the team's least loaded available sosiaalityöntekijä (pairing.ts's order: relative
 *    load, absolute load, id).
 */

/** Everything `chooseResponsibleSocialWorker` decides on. */
export interface ResponsibleSocialWorkerInput {
  teamId: string;
  /** Finnish local date of the decision; absences are compared with it. */
  today: LocalDate;
  candidates: readonly PairingCandidate[];
  /** The case's active pair's social-side member. */
  pairSocialWorkerId: string;
  /** The case's previous responsible social worker, if it had one. */
  previousId?: string | null;
}

/** The chosen social worker, and whether they are the pair's own member; or none available. */
export type ResponsibleSocialWorkerResult = { ok: true; professionalId: string; pairMember: boolean } | { ok: false };

/** Chooses the responsible social worker; see the module comment for the rules. */
export function chooseResponsibleSocialWorker(input: ResponsibleSocialWorkerInput): ResponsibleSocialWorkerResult {
  const pairMember = input.candidates.find((c) => c.id === input.pairSocialWorkerId);
  if (pairMember?.role === 'SOCIAL_WORKER' && pairMember.teamId === input.teamId && pairMember.active) {
    return { ok: true, professionalId: pairMember.id, pairMember: true };
  }
  const available = input.candidates.filter((c) => c.role === 'SOCIAL_WORKER' && isAvailable(c, input.teamId, input.today));
  const chosen = available.find((c) => c.id === input.previousId) ?? leastLoaded(available);
  return chosen ? { ok: true, professionalId: chosen.id, pairMember: false } : { ok: false };
}
