/** The outcomes of a client leaving mid-pathway: the reasons the message `asiakkuus-paattyy` carries. */
export const CLIENT_EXIT_OUTCOMES = [
  'CLIENT_WITHDREW',
  'MOVED_AWAY',
  'DIED',
  'NOT_REACHED',
  'MOVED_TO_OTHER_SERVICE',
  'DECLINED_SERVICES',
] as const;

/** How a case on the pathway ended, recorded when it closes. */
export const OUTCOME_CODES = ['COMPLETED', 'SINGLE_SECTOR_REFERRAL', ...CLIENT_EXIT_OUTCOMES] as const;

/** A case outcome code. */
export type OutcomeCode = (typeof OUTCOME_CODES)[number];

/** Finnish labels of the outcomes. */
export const OUTCOME_LABELS: Readonly<Record<OutcomeCode, string>> = {
  COMPLETED: 'Asiakkuus päättyi suunnitellusti (tavoitteet arvioitu)',
  SINGLE_SECTOR_REFERRAL: 'Ohjattu sosiaali- tai terveydenhuollon palveluihin (ei työparin tunnusmerkkejä)',
  CLIENT_WITHDREW: 'Asiakas keskeytti',
  MOVED_AWAY: 'Asiakas muutti pois alueelta',
  DIED: 'Asiakas kuoli',
  NOT_REACHED: 'Asiakasta ei tavoiteta',
  MOVED_TO_OTHER_SERVICE: 'Asiakas siirtyi muuhun palveluun',
  DECLINED_SERVICES: 'Asiakas kieltäytyi palveluista',
};
