/** Finnish texts for the codes the case page shows. */

export const OUTCOME_LABELS: Readonly<Record<string, string>> = {
  COMPLETED: 'Tavoitteet saavutettu, asiakkuus päättynyt',
  SINGLE_SECTOR_REFERRAL: 'Ohjattu yhden sektorin palveluihin',
  CLIENT_WITHDREW: 'Asiakas vetäytyi',
  MOVED_AWAY: 'Asiakas muutti pois',
  DIED: 'Asiakas kuoli',
};

export const PROFESSIONAL_ROLE_LABELS: Readonly<Record<string, string>> = {
  NURSE: 'Päihdesairaanhoitaja',
  SOCIAL_COUNSELLOR: 'Sosiaaliohjaaja',
  SOCIAL_WORKER: 'Sosiaalityöntekijä',
};

export const DEADLINE_KIND_LABELS: Readonly<Record<string, string>> = { LAW: 'Laki', VARHA_TARGET: 'Varhan tavoite' };

/** Decision variables (bpmn/README.md) with their values in Finnish. */
export const DECISION_LABELS: Readonly<Record<string, { label: string; values: Readonly<Record<string, string>> }>> = {
  meetsPairCriteria: { label: 'Työparikriteerit täyttyvät', values: { true: 'Kyllä', false: 'Ei' } },
  proposedService: { label: 'Ehdotettu palvelu', values: { EI: 'Ei laitoskuntoutusta tai asumispalvelua', LAITOSKUNTOUTUS: 'Laitoskuntoutus', ASUMISPALVELU: 'Asumispalvelu' } },
  demandingCase: { label: 'Vaativa asiakastilanne', values: { true: 'Kyllä', false: 'Ei' } },
  groupRecommendation: { label: 'Työryhmän suositus', values: { RECOMMEND: 'Puoltaa', NOT_RECOMMEND: 'Ei puolla', MORE_INFO: 'Pyytää lisätietoja' } },
  decision: { label: 'Viranhaltijan päätös', values: { APPROVED: 'Myönteinen', REJECTED: 'Kielteinen' } },
  teamRecommendation: { label: 'Tiimin suositus', values: { CONTINUE_PLAN: 'Jatketaan suunnitelmaa', REVISE_PLAN: 'Suunnitelma päivitetään', REFER_TO_GROUP: 'Ohjataan työryhmään' } },
  evaluationOutcome: { label: 'Loppuarvion tulos', values: { REVISE_PLAN: 'Suunnitelma päivitetään', CLOSE: 'Asiakkuus päätetään' } },
};
