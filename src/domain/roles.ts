/** The professional roles of a local team, with Finnish titles. */
export const ROLE_CODES = ['NURSE', 'SOCIAL_COUNSELLOR', 'SOCIAL_WORKER', 'TEAM_LEAD', 'CONSULTANT'] as const;

/** A professional's role code. */
export type RoleCode = (typeof ROLE_CODES)[number];

/** Finnish titles of the roles. */
export const ROLE_LABELS: Readonly<Record<RoleCode, string>> = {
  NURSE: 'Päihdesairaanhoitaja',
  SOCIAL_COUNSELLOR: 'Sosiaaliohjaaja',
  SOCIAL_WORKER: 'Sosiaalityöntekijä',
  TEAM_LEAD: 'Tiimin esihenkilö',
  CONSULTANT: 'Riippuvuuspsykiatrian konsultti',
};

/** Roles that can be the social-side member of a work pair (omatyöntekijä, SHL 42 §). */
export const SOCIAL_SIDE_ROLES = ['SOCIAL_COUNSELLOR', 'SOCIAL_WORKER'] as const;

/** A social-side role. */
export type SocialSideRole = (typeof SOCIAL_SIDE_ROLES)[number];
