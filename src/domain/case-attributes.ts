/**
 * Structured facts about a case that decide which deadline rules apply (domain.md §1). They are
 * yes/no facts on purpose: enough for the rules, and no identity (no age, no birth date).
 */
export const CASE_ATTRIBUTE_CODES = ['urgent', 'ageOver75', 'highestCareAllowance', 'childWithSpecialSupport', 'pregnant'] as const;

/** A case attribute name. */
export type CaseAttributeCode = (typeof CASE_ATTRIBUTE_CODES)[number];

/** The case's attributes; absent means false. */
export type CaseAttributes = Partial<Readonly<Record<CaseAttributeCode, boolean>>>;

/** Finnish labels of the attributes. */
export const CASE_ATTRIBUTE_LABELS: Readonly<Record<CaseAttributeCode, string>> = {
  urgent: 'Kiireellinen avun tarve',
  ageOver75: 'Yli 75-vuotias',
  highestCareAllowance: 'Saa ylintä hoitotukea',
  childWithSpecialSupport: 'Erityistä tukea tarvitseva lapsi',
  pregnant: 'Raskaana',
};
