/** The stages' short names (the full ones are STAGE_LABELS in src/domain/stages.ts): chart labels have room for these. */
const SHORT_NAMES: Readonly<Record<string, string>> = {
  TUEN_TARVE: 'Tuen tarve',
  TYOPARIN_MUODOSTUS: 'Työparin muodostus',
  ARVIOINTI: 'Hoidon ja palvelutarpeen arviointi',
  SUUNNITELMA: 'Suunnitelma',
  TYORYHMAKASITTELY: 'Työryhmäkäsittely',
  TOTEUTUS: 'Toteutus ja seuranta',
  LOPPUARVIOINTI: 'Tavoitteiden arviointi',
  PAATTYMINEN: 'Päättyminen',
};

export function shortStageName(stage: string): string {
  return SHORT_NAMES[stage] ?? stage;
}
