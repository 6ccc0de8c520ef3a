/**
 * The language a client is served in (TervHL 6 §, kielilaki 10, 18, 20 §; domain.md R15): Finnish or Swedish, the
 * client's choice in a bilingual county. A case attribute in the app's database, never an engine variable.
 */
export const SERVICE_LANGUAGE_CODES = ['fi', 'sv'] as const;

/** A service language code (ISO 639-1). */
export type ServiceLanguage = (typeof SERVICE_LANGUAGE_CODES)[number];

/** The languages' names in Finnish, as the pages show them. */
export const SERVICE_LANGUAGE_LABELS: Readonly<Record<ServiceLanguage, string>> = { fi: 'suomi', sv: 'ruotsi' };
