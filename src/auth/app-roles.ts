/** The roles a user of the app signs in with; a caseworker's role matches their professional role. */
export const APP_ROLES = [
  'NURSE',
  'SOCIAL_COUNSELLOR',
  'SOCIAL_WORKER',
  'TEAM_LEAD',
  'GROUP_MEMBER',
  'OFFICIAL',
  'MANAGER',
  'ADMIN',
] as const;

export type AppRole = (typeof APP_ROLES)[number];

/** Finnish titles shown in the UI. */
export const APP_ROLE_LABELS: Readonly<Record<AppRole, string>> = {
  NURSE: 'Päihdesairaanhoitaja',
  SOCIAL_COUNSELLOR: 'Sosiaaliohjaaja',
  SOCIAL_WORKER: 'Sosiaalityöntekijä',
  TEAM_LEAD: 'Tiimin esihenkilö',
  GROUP_MEMBER: 'Työryhmän jäsen',
  OFFICIAL: 'Viranhaltija',
  MANAGER: 'Johtaja (alueen koordinaattori)',
  ADMIN: 'Pääkäyttäjä',
};

/** Roles that work in a local team, as one of its professionals. */
export const TEAM_ROLES = ['NURSE', 'SOCIAL_COUNSELLOR', 'SOCIAL_WORKER', 'TEAM_LEAD'] as const satisfies readonly AppRole[];

/** Roles that work for a region: its working group, its deciding officials, its management. */
export const REGION_ROLES = ['GROUP_MEMBER', 'OFFICIAL', 'MANAGER'] as const satisfies readonly AppRole[];

export function isTeamRole(role: AppRole): role is (typeof TEAM_ROLES)[number] {
  return (TEAM_ROLES as readonly AppRole[]).includes(role);
}

export function isRegionRole(role: AppRole): role is (typeof REGION_ROLES)[number] {
  return (REGION_ROLES as readonly AppRole[]).includes(role);
}
