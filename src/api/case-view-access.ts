import { isTeamRole } from '../auth/app-roles.js';
import type { Principal } from '../auth/principal.js';
import type { CaseAccess } from '../security/case-access.js';

/** What the case page may show to this user, and the basis recorded in the audit log. */
export interface CaseViewAccess extends CaseAccess {
  /** Name and henkilötunnus: only for the case's pair and team. */
  identity: boolean;
}

/**
 * Who may open a case's page is decided by `authoriseCaseRead` (src/security/case-access.ts):
 * its pair, its team, and the working group and officials of the region that has it on its
 * agenda. Of those, the pair and team see the client's identity; the group and officials handle
 * the case without it.
 */
export function identityVisibleTo(principal: Principal): boolean {
  return isTeamRole(principal.role);
}
