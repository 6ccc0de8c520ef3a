/**
 * Structured facts about a case that decide which deadline rules apply (domain.md §1). They are
 * yes/no facts on purpose: enough for the rules, and no identity (no age, no birth date).
 */
export const CASE_ATTRIBUTE_CODES = ['urgent', 'ageOver75', 'highestCareAllowance', 'childWithSpecialSupport', 'pregnant'] as const;

/** A case attribute name. */
export type CaseAttributeCode = (typeof CASE_ATTRIBUTE_CODES)[number];

/** The case's attributes; absent means false. */
export type CaseAttributes = Partial<Readonly<Record<CaseAttributeCode, boolean>>>;
