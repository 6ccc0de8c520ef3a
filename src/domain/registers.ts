/**
 * The two client registers of a wellbeing county (Act 703/2023, domain.md §2) and the consent
 * scopes that allow reading from one into the other.
 */
export const REGISTER_CODES = ['SOCIAL', 'HEALTH'] as const;

/** A register code. */
export type RegisterCode = (typeof REGISTER_CODES)[number];

/** Finnish names of the registers. */
export const REGISTER_LABELS: Readonly<Record<RegisterCode, string>> = {
  SOCIAL: 'Sosiaalihuollon asiakasrekisteri',
  HEALTH: 'Potilasrekisteri',
};

/**
 * The register of the pathway's own coordination records: routing, stage history, pair
 * assignments and meeting bookings. The pathway is the social-welfare client process (needs
 * assessment SHL 36 §, client plan SHL 39 §, omatyöntekijä SHL 42 §), and these records hold no
 * clinical content, so they belong to the social register; the nurse's own notes stay in the
 * patient register, outside this read model.
 */
export const PATHWAY_REGISTER: RegisterCode = 'SOCIAL';

/** What a client's consent lets flow between the registers. */
export const CONSENT_SCOPE_CODES = ['SOCIAL_TO_HEALTH', 'HEALTH_TO_SOCIAL', 'BOTH'] as const;

/** A consent scope code. */
export type ConsentScopeCode = (typeof CONSENT_SCOPE_CODES)[number];

/** True when a consent of this scope allows data of register `from` to be read in register `to`. */
export function consentCovers(scope: ConsentScopeCode, from: RegisterCode, to: RegisterCode): boolean {
  if (from === to) return true;
  if (scope === 'BOTH') return true;
  return scope === (from === 'SOCIAL' ? 'SOCIAL_TO_HEALTH' : 'HEALTH_TO_SOCIAL');
}
