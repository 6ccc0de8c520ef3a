/**
 * The professional roles of a local team, with Finnish titles: the pair's roles, the team's lead and the other
 * members the model names (S1), and the addiction psychiatry consultant, the team's named contact in specialist
 * care, who need not belong to the team.
 */
export const ROLE_CODES = [
  'NURSE',
  'SOCIAL_COUNSELLOR',
  'SOCIAL_WORKER',
  'TEAM_LEAD',
  'CONSULTANT',
  'DOCTOR',
  'PUBLIC_HEALTH_NURSE',
  'PRACTICAL_NURSE',
  'LEAD_SOCIAL_WORKER',
  'EXPERIENCE_EXPERT',
] as const;

/** A professional's role code. */
export type RoleCode = (typeof ROLE_CODES)[number];

/** Finnish titles of the roles. */
export const ROLE_LABELS: Readonly<Record<RoleCode, string>> = {
  NURSE: 'Päihdesairaanhoitaja',
  SOCIAL_COUNSELLOR: 'Sosiaaliohjaaja',
  SOCIAL_WORKER: 'Sosiaalityöntekijä',
  TEAM_LEAD: 'Tiimin esihenkilö',
  CONSULTANT: 'Riippuvuuspsykiatrian konsultti',
  DOCTOR: 'Lääkäri',
  PUBLIC_HEALTH_NURSE: 'Terveydenhoitaja',
  PRACTICAL_NURSE: 'Lähihoitaja',
  LEAD_SOCIAL_WORKER: 'Johtava sosiaalityöntekijä',
  EXPERIENCE_EXPERT: 'Kokemusasiantuntija',
};

/** Roles that can be the social-side member of a work pair (omatyöntekijä, SHL 42 §). */
export const SOCIAL_SIDE_ROLES = ['SOCIAL_COUNSELLOR', 'SOCIAL_WORKER'] as const;

/** A social-side role. */
export type SocialSideRole = (typeof SOCIAL_SIDE_ROLES)[number];

/** Roles a work pair is formed from: the nurse and the social side. The others support the pair and carry no caseload. */
export const PAIR_ROLES: readonly RoleCode[] = ['NURSE', ...SOCIAL_SIDE_ROLES];

/** True when professionals of this role are paired with clients, so a capacity means something. */
export function isPairRole(role: RoleCode): boolean {
  return PAIR_ROLES.includes(role);
}
