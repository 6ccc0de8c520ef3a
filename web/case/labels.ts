/** Decision variables (process-application/README.md) with their values in Finnish. */
export const DECISION_LABELS: Readonly<Record<string, { label: string; values: Readonly<Record<string, string>> }>> = {
  meetsPairCriteria: { label: 'Työparikriteerit täyttyvät', values: { true: 'Kyllä', false: 'Ei' } },
  proposedService: {
    label: 'Palveluesitys',
    values: { EI: 'Ei laitoskuntoutusta tai asumispalvelua', LAITOSKUNTOUTUS: 'Päihdelaitoskuntoutus', ASUMISPALVELU: 'Asumispalvelu' },
  },
  demandingCase: { label: 'Vaativa asiakastilanne', values: { true: 'Kyllä', false: 'Ei' } },
  groupRecommendation: {
    label: 'Työryhmän suositus',
    values: { RECOMMEND: 'Puoltaa', NOT_RECOMMEND: 'Ei puolla', MORE_INFO: 'Pyytää lisätietoja' },
  },
  decision: { label: 'Viranhaltijan päätös', values: { APPROVED: 'Myönteinen', REJECTED: 'Kielteinen' } },
  teamRecommendation: {
    label: 'Tiimin suositus',
    values: { CONTINUE_PLAN: 'Jatketaan suunnitelmaa', REVISE_PLAN: 'Suunnitelma päivitetään', REFER_TO_GROUP: 'Ohjataan työryhmään' },
  },
  evaluationOutcome: {
    label: 'Tavoitteiden arvioinnin tulos',
    values: { REVISE_PLAN: 'Suunnitelma päivitetään', CLOSE: 'Asiakkuus päätetään' },
  },
};
