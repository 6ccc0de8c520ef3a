import type { LocalDate } from './local-date.js';
import type { Professional } from './organisation.js';
import type { SocialSideRole } from './roles.js';

/**
 * Forming the work pair (työparin muodostus): one päihdesairaanhoitaja and one social-side worker
 * from the case's team. The rules, in the order they apply:
 *
 * 1. Never chosen: inactive, absent today (absentUntil ≥ today), of another team, or at or above
 *    capacity.
 * 2. Continuity first: the client's previous pair is kept where it still qualifies; if only one
 *    of the two does, that one is kept and the other chosen by load. Continuity is the model's
 *    point: the same own workers through the recovery process.
 * 3. Otherwise by load: lowest activeCases/capacity, then fewest active cases, then id ascending,
 *    so the same input always gives the same pair.
 *
 * The social side may be either role, but a sosiaaliohjaaja is preferred, because the model
 * names the sosiaaliohjaaja as the pair's social-side member; a sosiaalityöntekijä stands in only
 * when no ohjaaja is available. A special need for support (SHL 42 §) does not change the pair:
 * a responsible sosiaalityöntekijä is added beside it (responsible-social-worker.ts).
 */

/** A professional as pairing sees them: with the number of cases they carry now. */
export interface PairingCandidate extends Pick<Professional, 'id' | 'role' | 'teamId' | 'capacity' | 'active' | 'absentUntil'> {
  activeCases: number;
}

/** The client's previous pair, if they had one. */
export interface PreviousPair {
  nurseId: string;
  socialWorkerId: string;
}

/** Everything `choosePair` decides on. */
export interface PairingInput {
  teamId: string;
  /** Finnish local date of the decision; absences are compared with it. */
  today: LocalDate;
  candidates: readonly PairingCandidate[];
  previousPair?: PreviousPair | null;
}

/** Why no pair could be formed; the worker raises it as a BPMN error for the team lead. */
export type PairingFailureReason = 'NO_NURSE_AVAILABLE' | 'NO_SOCIAL_SIDE_AVAILABLE';

/** A chosen pair, or the reason none could be chosen. */
export type PairingResult =
  | {
      ok: true;
      nurseId: string;
      socialWorkerId: string;
      socialRole: SocialSideRole;
      /** Which members were kept from the previous pair. */
      kept: { nurse: boolean; social: boolean };
    }
  | { ok: false; reason: PairingFailureReason };

/** Social-side roles of the pair, in order of preference. */
export const SOCIAL_ROLE_PREFERENCE: readonly SocialSideRole[] = ['SOCIAL_COUNSELLOR', 'SOCIAL_WORKER'];

/** Chooses the pair for a case; see the module comment for the rules. */
export function choosePair(input: PairingInput): PairingResult {
  const available = input.candidates.filter((c) => isAvailable(c, input.teamId, input.today));
  const byId = new Map(available.map((c) => [c.id, c]));
  const previous = input.previousPair ?? null;

  const keptNurse = previous ? byId.get(previous.nurseId) : undefined;
  const nurse = keptNurse?.role === 'NURSE' ? keptNurse : leastLoaded(available.filter((c) => c.role === 'NURSE'));
  if (!nurse) return { ok: false, reason: 'NO_NURSE_AVAILABLE' };

  const roles = SOCIAL_ROLE_PREFERENCE;
  const keptSocial = previous ? byId.get(previous.socialWorkerId) : undefined;
  const social =
    keptSocial && hasRoleIn(keptSocial, roles)
      ? keptSocial
      : firstDefined(roles.map((role) => leastLoaded(available.filter((c) => hasRoleIn(c, [role])))));
  if (!social) return { ok: false, reason: 'NO_SOCIAL_SIDE_AVAILABLE' };

  return {
    ok: true,
    nurseId: nurse.id,
    socialWorkerId: social.id,
    socialRole: social.role,
    kept: { nurse: nurse === keptNurse, social: social === keptSocial },
  };
}

/** True when the professional may take a new case in this team today. */
export function isAvailable(candidate: PairingCandidate, teamId: string, today: LocalDate): boolean {
  return (
    candidate.teamId === teamId &&
    candidate.active &&
    !(candidate.absentUntil !== null && candidate.absentUntil >= today) &&
    candidate.activeCases < candidate.capacity
  );
}

/**
 * Orders candidates by relative load, then absolute load, then id. The ratios are compared by
 * cross-multiplying, so 1/3 and 2/6 tie exactly instead of by floating-point luck.
 */
export function compareByLoad(a: PairingCandidate, b: PairingCandidate): number {
  return a.activeCases * b.capacity - b.activeCases * a.capacity || a.activeCases - b.activeCases || compareIds(a.id, b.id);
}

/** The least loaded of the candidates (compareByLoad), or undefined when there are none. */
export function leastLoaded<T extends PairingCandidate>(candidates: readonly T[]): T | undefined {
  return [...candidates].sort(compareByLoad)[0];
}

function hasRoleIn(
  candidate: PairingCandidate,
  roles: readonly SocialSideRole[],
): candidate is PairingCandidate & { role: SocialSideRole } {
  return (roles as readonly string[]).includes(candidate.role);
}

function firstDefined<T>(values: readonly (T | undefined)[]): T | undefined {
  return values.find((v) => v !== undefined);
}

/** Plain code-unit order, independent of the machine's locale. */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
