import { candidateGroupsFor } from './candidate-groups.js';
import type { Principal } from './principal.js';
import type { User } from './users.js';

/** The one place a Principal is made: every way of signing in maps its user here. */
export function principalOf(user: User): Principal {
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    ...(user.teamId ? { teamId: user.teamId } : {}),
    ...(user.regionId ? { regionId: user.regionId } : {}),
    ...(user.professionalId ? { professionalId: user.professionalId } : {}),
    candidateGroups: candidateGroupsFor(user.role, user),
  };
}
