/**
 * Structured facts about a case that decide which deadline rules apply (domain.md §1). They are
 * yes/no facts on purpose: enough for the rules, and no identity (no age, no birth date). The age
 * bands (`ageOver75`: 75 reached; `ageUnder23` / `age23OrOver`) are derived at intake from the
 * henkilötunnus (age-bands.ts); the others are declared by the referral or the screening.
 */
export const CASE_ATTRIBUTE_CODES = [
  'urgent',
  'ageOver75',
  'highestCareAllowance',
  'childWithSpecialSupport',
  'pregnant',
  'ageUnder23',
  'age23OrOver',
] as const;

/** The attributes a screening form may add; the age bands come from the henkilötunnus only. */
export const SCREENING_ATTRIBUTE_CODES = ['urgent', 'ageOver75', 'highestCareAllowance', 'childWithSpecialSupport', 'pregnant'] as const;

/** A case attribute name. */
export type CaseAttributeCode = (typeof CASE_ATTRIBUTE_CODES)[number];

/** The case's attributes; absent means false. */
export type CaseAttributes = Partial<Readonly<Record<CaseAttributeCode, boolean>>>;
