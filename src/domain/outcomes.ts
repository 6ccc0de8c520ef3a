/** How a case on the pathway ended, recorded when it closes. */
export const OUTCOME_CODES = ['COMPLETED', 'SINGLE_SECTOR_REFERRAL', 'CLIENT_WITHDREW', 'MOVED_AWAY', 'DIED'] as const;

/** A case outcome code. */
export type OutcomeCode = (typeof OUTCOME_CODES)[number];

/** Finnish labels of the outcomes. */
export const OUTCOME_LABELS: Readonly<Record<OutcomeCode, string>> = {
  COMPLETED: 'Asiakkuus päättyi suunnitellusti (tavoitteet arvioitu)',
  SINGLE_SECTOR_REFERRAL: 'Ohjattu sosiaali- tai terveydenhuollon palveluihin (ei työparin tunnusmerkkejä)',
  CLIENT_WITHDREW: 'Asiakas keskeytti / kieltäytyi palveluista',
  MOVED_AWAY: 'Asiakas muutti pois alueelta',
  DIED: 'Asiakas kuoli',
};
