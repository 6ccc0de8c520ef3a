/**
 * The pathway's stages: codes used in the diagrams, the read model and the pages, each with its
 * Finnish UI label beside it. The client's stage of change and segment are the forms' codes
 * (`stageOfChange`, `clientSegment` in process-application/forms/asiakaskartoitus.form).
 */

/** The stages of the work-pair pathway (process `sote-tyoparipolku`), in their usual order. */
export const STAGE_CODES = [
  'TUEN_TARVE',
  'TYOPARIN_MUODOSTUS',
  'ARVIOINTI',
  'SUUNNITELMA',
  'TYORYHMAKASITTELY',
  'TOTEUTUS',
  'LOPPUARVIOINTI',
  'PAATTYMINEN',
] as const;

/** A pathway stage code. */
export type StageCode = (typeof STAGE_CODES)[number];

/** Finnish labels of the pathway stages. */
export const STAGE_LABELS: Readonly<Record<StageCode, string>> = {
  TUEN_TARVE: 'Tuen tarve',
  TYOPARIN_MUODOSTUS: 'Työparin muodostus',
  ARVIOINTI: 'Yhteinen hoidon ja palvelutarpeen arviointi',
  SUUNNITELMA: 'Yhteinen hoito- ja asiakassuunnitelma',
  TYORYHMAKASITTELY: 'Päihdekuntoutustyöryhmän käsittely',
  TOTEUTUS: 'Toteutus ja seuranta',
  LOPPUARVIOINTI: 'Tavoitteiden arviointi',
  PAATTYMINEN: 'Asiakkuuden päättyminen',
};

/** True when the string is a pathway stage code. */
export function isStageCode(value: string): value is StageCode {
  return (STAGE_CODES as readonly string[]).includes(value);
}
