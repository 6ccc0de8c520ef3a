/**
 * What caseworkers fill into each form of process-application/forms/ on the paths the tests drive. Only the fields a
 * path decides on are parameters; the rest are plausible answers. submitForm checks them all.
 */

const today = () => new Date().toISOString().slice(0, 10);

/**
 * The client's children and loved ones as the assessment and the plan record them (LSL 10 §, LSL 25 §, SHL 11 §):
 * a client without minor children whose loved ones need no support, or a parent whose children and loved ones do.
 */
type Family = 'NO_CHILDREN' | 'MINOR_CHILDREN';

const FAMILY_AT_ASSESSMENT: Record<Family, Record<string, string>> = {
  NO_CHILDREN: { minorChildren: 'NO', lovedOnesSupportNeed: 'NO_NEED' },
  MINOR_CHILDREN: {
    minorChildren: 'YES',
    childrenCareAndSupportNeed: 'SUPPORT_NEEDED',
    childWelfareNotice: 'NOT_NEEDED',
    lovedOnesSupportNeed: 'SUPPORT_NEEDED',
  },
};

const FAMILY_IN_PLAN: Record<Family, Record<string, string>> = {
  NO_CHILDREN: { lovedOnesSupportInPlan: 'NOT_NEEDED' },
  MINOR_CHILDREN: { childrenSupportInPlan: 'INCLUDED', lovedOnesSupportInPlan: 'INCLUDED' },
};

/** The services a preparation may present to the working group: social welfare services need an official's decision, health care ones do not. */
type GroupService = 'LAITOSKUNTOUTUS' | 'ASUMISPALVELU' | 'KATKAISUHOITO' | 'RIIPPUVUUSPSYKIATRIA';

export const answers = {
  /** The screening whose criteria decide `pair`: both kinds of substance services to assess, or none of the model's criteria. */
  screening: (pair: boolean, consentScope = 'BOTH', specialSupportNeed = false) => ({
    bothSubstanceTreatmentAndSpecialServices: pair,
    additionalIndicators: pair ? ['CONCURRENT_NEEDS'] : [],
    consentScope,
    ...(consentScope === 'NONE' ? {} : { consentDate: today() }),
    specialSupportNeed,
  }),
  manualRouting: (manualTeamId: string) => ({ municipality: '853', manualTeamId, manualRoutingReason: 'MUNICIPALITY_NOT_MAPPED' }),
  /** The health-side lead names the pair's nurse. */
  manualNurse: (manualNurseId: string) => ({ manualNurseId, manualNurseReason: 'NO_CAPACITY' }),
  /** The social-side lead names the pair's social-side member. */
  manualSocialWorker: (manualSocialWorkerId: string) => ({ manualSocialWorkerId, manualSocialWorkerReason: 'NO_CAPACITY' }),
  /** A sosiaalityöntekijä confirms the special need for support (SHL 42 §), or finds none. */
  specialSupport: (confirmed: boolean) =>
    confirmed
      ? { specialSupportAssessment: 'CONFIRMED', specialSupportBasis: 'SUBSTANCE_OR_ADDICTION' }
      : { specialSupportAssessment: 'NOT_CONFIRMED' },
  /** The social-side lead names the responsible social worker. */
  responsibleSocialWorker: (manualResponsibleSocialWorkerId: string) => ({ manualResponsibleSocialWorkerId }),
  /** The joint survey, both members confirming their part; the service is proposed in the plan, not here. */
  assessment: (family: Family = 'NO_CHILDREN') => ({
    housingScore: 4,
    livelihoodScore: 3,
    substanceUseScore: 5,
    auditScore: 24,
    substancesUsed: ['CANNABIS'],
    duditScore: 6,
    gamblingScreen: 'NOT_GAMBLING',
    mentalHealthScore: 3,
    physicalHealthScore: 2,
    relationshipsScore: 3,
    dailyActivityScore: 4,
    clientOwnView: 'Haluan lopettaa juomisen ja saada oman asunnon.',
    clientGoals: 'Päihteettömyys ja oma asunto',
    clientStrengths: 'Sisar tukee, aiempi raitis jakso, työkokemus.',
    stageOfChange: 'HARKINTA',
    clientResourceSelfRating: 'GOOD',
    workerComplexityRating: 'COMPLEX',
    clientSegment: 'YHTEISTYO',
    situationSummary: 'Runsas alkoholinkäyttö, asunto vaarassa; tarvitaan sekä päihdehoitoa että sosiaaliohjausta.',
    clientRelationshipConditions: 'MET',
    nurseConfirmed: true,
    socialMemberConfirmed: true,
    ...FAMILY_AT_ASSESSMENT[family],
  }),
  plan: (proposedService: 'EI' | 'LAITOSKUNTOUTUS' | 'ASUMISPALVELU', demandingCase = false, family: Family = 'NO_CHILDREN') => ({
    clientParticipated: true,
    healthCarePlanRecorded: true,
    clientPlanRecorded: true,
    planGoals: 'Päihteettömyys, asumisen turvaaminen ja toimeentulon järjestäminen',
    socialOwnWorkerRole: 'SOCIAL_COUNSELLOR',
    proposedService,
    demandingCase,
    ...FAMILY_IN_PLAN[family],
  }),
  /**
   * The preparation of a plan's proposal; `serviceToPresent` is what the pair presents to the group when the plan
   * proposed no social service (a demanding case, or a case the team refers): the form then asks it, otherwise the
   * plan's proposal stands.
   */
  groupPreparation: (serviceToPresent?: GroupService | 'EI') => ({
    prepClientConsentForGroup: true,
    prepOutpatientOptionsAssessed: true,
    prepMotivationAssessed: true,
    prepDetoxNeedAssessed: true,
    ...(serviceToPresent ? { serviceToPresent } : {}),
    requestedDurationDays: 28,
    preparationSummary: 'Avohoidon keinot käytetty, asiakas motivoitunut laitoskuntoutukseen.',
  }),
  /** The group's recommendation of the service presented to it (puoltaa / ei puolla) or a request for more information. */
  groupRecommendation: (groupRecommendation: 'RECOMMEND' | 'NOT_RECOMMEND' | 'MORE_INFO') => ({
    groupMeetingHeldOn: today(),
    groupRecommendation,
    ...(groupRecommendation === 'MORE_INFO' ? { moreInfoRequested: 'Katkaisuhoidon tarve arvioitava ennen käsittelyä.' } : {}),
    groupRecommendationRationale: 'Työryhmä arvioi valmistelun ja asiakkaan tilanteen.',
  }),
  decision: (decision: 'APPROVED' | 'REJECTED') => ({
    decision,
    decisionDate: today(),
    decisionJustification: 'Päätös perustuu valmisteluun ja työryhmän suositukseen.',
    appealInstructionsGiven: true,
  }),
  implementation: (monitoringInterval: string) => ({
    implementationStartDate: today(),
    startedServices: ['PAIHDEHOITO_AVO', 'SOSIAALIOHJAUS'],
    clientHasContactInfo: true,
    monitoringInterval,
  }),
  /** Services started with an institutional rehabilitation period ending on `rehabilitationPeriodEnd` (YYYY-MM-DD). */
  rehabilitation: (rehabilitationPeriodEnd: string, monitoringInterval = 'P30D') => ({
    implementationStartDate: today(),
    startedServices: ['LAITOSKUNTOUTUS', 'SOSIAALIOHJAUS'],
    rehabilitationPeriodEnd,
    clientHasContactInfo: true,
    monitoringInterval,
  }),
  /** Where the client goes when the rehabilitation period ends. */
  transition: (transitionService: 'ASUMISPALVELU' | 'AVOPALVELU') => ({
    transitionService,
    transitionDate: today(),
    clientParticipatedInTransition: true,
  }),
  /** The team's follow-up contact after the pathway closed. */
  followUp: (followUpOutcome: 'DOING_WELL' | 'NEEDS_SUPPORT' | 'NOT_REACHED') => ({ followUpOutcome, followUpDate: today() }),
  monitoring: (continueImplementation: boolean, monitoringInterval = 'P14D') => ({
    visitDate: today(),
    stageOfChange: 'TOIMINTA',
    relapse: false,
    planFollowed: 'YES',
    continueImplementation,
    ...(continueImplementation ? { monitoringInterval } : {}),
  }),
  teamHandling: (consultationNeeded: boolean, teamRecommendation = 'CONTINUE_PLAN') => ({
    teamMeetingHeldOn: today(),
    teamHandlingSummary: 'Tiimi kävi läpi asiakkaan tilanteen ja työparin kysymyksen.',
    teamRecommendation,
    consultationNeeded,
    ...(consultationNeeded ? { consultationQuestion: 'Tarvitaanko lääkehoidon arvio?' } : {}),
  }),
  psychiatryConsultation: () => ({
    consultationRecommendation: 'Lääkehoidon arvio avohoidossa, seuranta kuukauden välein.',
    psychiatricFollowUpNeeded: true,
  }),
  /** The consultant at once, in a sudden situation: they also give the team's recommendation. */
  urgentConsultation: (specialistCareReferralRecommended: boolean) => ({
    consultationRecommendation: 'Vieroitusoireiden arvio heti, lähete riippuvuuspsykiatrian poliklinikalle.',
    psychiatricFollowUpNeeded: true,
    specialistCareReferralRecommended,
    teamRecommendation: 'CONTINUE_PLAN',
  }),
  specialistReferral: () => ({ specialistReferralOutcome: 'REFERRAL_SENT', specialistReferralDate: today() }),
  evaluation: (evaluationOutcome: 'REVISE_PLAN' | 'CLOSE') => ({
    goalsAchieved: evaluationOutcome === 'CLOSE' ? 'ACHIEVED' : 'PARTLY',
    stageOfChange: 'YLLAPITO',
    clientParticipatedInEvaluation: true,
    evaluationOutcome,
  }),
};
