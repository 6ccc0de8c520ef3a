/**
 * When the model forms a sote work pair (Varha, Sote-työpari päihdepalveluissa): "Sote-työpari
 * muodostetaan aina kun asiakkaan tilanne edellyttää sekä päihdehoidon että päihde- ja
 * riippuvuustyön erityisten palveluiden kartoittamista. Päihdelaitoskuntoutusten ja
 * asumispalveluiden kohdalla asiakkaalle nimetään aina sote-työpari." A team member may decide
 * otherwise only with one of these reasons, which the screening records.
 */
export const PAIR_CRITERIA_OVERRIDE_REASONS = [
  /** No pair although the criteria hold: the client does not want to work with two workers. */
  'CLIENT_DECLINES_PAIR',
  /** No pair although the criteria hold: one sector's services cover the need after all. */
  'SINGLE_SECTOR_SUFFICIENT',
  /** A pair although the criteria do not hold: the situation needs both sectors coordinated. */
  'COORDINATION_NEEDED',
] as const;

export type PairCriteriaOverrideReason = (typeof PAIR_CRITERIA_OVERRIDE_REASONS)[number];

/** The screening's two answers the model's criterion reads. */
export interface PairCriteriaAnswers {
  bothSubstanceTreatmentAndSpecialServices: boolean;
  institutionalRehabOrHousingConsidered: boolean;
}

/** What the model's criterion decides from the screening's answers. */
export function pairCriteriaIndicated(answers: PairCriteriaAnswers): boolean {
  return answers.bothSubstanceTreatmentAndSpecialServices || answers.institutionalRehabOrHousingConsidered;
}

/** The decision the pathway takes: the criterion's, turned round only by a recorded override. */
export function pairDecision(indicated: boolean, override: PairCriteriaOverrideReason | null): boolean {
  return override === null ? indicated : !indicated;
}
