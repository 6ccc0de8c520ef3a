import type { AppRole } from './app-roles.js';

/** Where a user works: a team for caseworkers, a region for regional roles. */
export interface Placement {
  teamId?: string;
  regionId?: string;
}

/**
 * The candidate groups a user belongs to, by role and placement. The names are the diagrams'
 * (process-application/README.md, Forms): `tiimi-<teamId>` for the team, `tiimi-<teamId>-vetaja` for its lead,
 * `tiimi-<teamId>-vetaja-terveys` and `tiimi-<teamId>-vetaja-sosiaali` for the lead of its health-side and
 * social-side line (administratively separate; the seed's one lead per team leads both, an identity
 * provider may split them), `tiimi-<teamId>-sosiaalityontekijat` for its sosiaalityöntekijät (SHL 42 §),
 * `tyoryhma-<regionId>` for the regional working group, `viranhaltija-<regionId>` for the
 * region's deciding officials. Managers coordinate the area, so they take the manual routing
 * tasks (`alueen-koordinaattori`).
 */
export function candidateGroupsFor(role: AppRole, placement: Placement): string[] {
  const { teamId, regionId } = placement;
  switch (role) {
    case 'NURSE':
    case 'SOCIAL_COUNSELLOR':
      return teamId ? [`tiimi-${teamId}`] : [];
    case 'SOCIAL_WORKER':
      return teamId ? [`tiimi-${teamId}`, `tiimi-${teamId}-sosiaalityontekijat`] : [];
    case 'TEAM_LEAD':
      return teamId
        ? [`tiimi-${teamId}`, `tiimi-${teamId}-vetaja`, `tiimi-${teamId}-vetaja-terveys`, `tiimi-${teamId}-vetaja-sosiaali`]
        : [];
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
