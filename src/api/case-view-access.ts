import { isTeamRole } from '../auth/app-roles.js';
import type { Principal } from '../auth/principal.js';
import type { AccessBasis } from '../store/audit-repository.js';

/** What the case page may show to this user, and the basis recorded in the audit log. */
export interface CaseViewAccess {
  basis: AccessBasis;
  /** Name and henkilötunnus: only for the case's pair and team. */
  identity: boolean;
}

/** The facts of a case that decide who may open it. */
export interface CaseAudience {
  teamId: string | null;
  regionId: string | null;
  pair: { nurseId: string; socialWorkerId: string } | null;
}

/**
 * Who may open a case's page: its work pair (their own case) and its team (a work task), and the
 * regional working group and deciding officials of its region, who handle it (a work task, without
 * the client's identity). Managers and administrators see aggregates on the dashboard, not cases.
 * Undefined: no access.
 */
export function caseViewAccess(principal: Principal, audience: CaseAudience): CaseViewAccess | undefined {
  if (isTeamRole(principal.role)) {
    const inPair = audience.pair !== null && principal.professionalId !== undefined && [audience.pair.nurseId, audience.pair.socialWorkerId].includes(principal.professionalId);
    if (inPair) return { basis: 'OWN_CASE', identity: true };
    if (audience.teamId !== null && audience.teamId === principal.teamId) return { basis: 'WORK_TASK', identity: true };
    return undefined;
  }
  if ((principal.role === 'GROUP_MEMBER' || principal.role === 'OFFICIAL') && audience.regionId !== null && audience.regionId === principal.regionId) {
    return { basis: 'WORK_TASK', identity: false };
  }
  return undefined;
}
