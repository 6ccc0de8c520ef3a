import type { AppRole } from './app-roles.js';

/** Where a user works: a team for caseworkers, a region for regional roles. */
export interface Placement {
  teamId?: string;
  regionId?: string;
}

/**
 * The candidate groups a user belongs to, by role and placement. The names are the diagrams'
 * (process-application/README.md, Forms): `tiimi-<teamId>` for the team, `tiimi-<teamId>-vetaja` for its lead,
 * `tyoryhma-<regionId>` for the regional working group, `viranhaltija-<regionId>` for the
 * region's deciding officials. Managers coordinate the area, so they take the manual routing
 * tasks (`alueen-koordinaattori`).
 */
export function candidateGroupsFor(role: AppRole, placement: Placement): string[] {
  const { teamId, regionId } = placement;
  switch (role) {
    case 'NURSE':
    case 'SOCIAL_COUNSELLOR':
    case 'SOCIAL_WORKER':
      return teamId ? [`tiimi-${teamId}`] : [];
    case 'TEAM_LEAD':
      return teamId ? [`tiimi-${teamId}`, `tiimi-${teamId}-vetaja`] : [];
    case 'GROUP_MEMBER':
      return regionId ? [`tyoryhma-${regionId}`] : [];
    case 'OFFICIAL':
      return regionId ? [`viranhaltija-${regionId}`] : [];
    case 'MANAGER':
      return ['alueen-koordinaattori'];
    case 'ADMIN':
      return [];
  }
}
