/** The stages' short names, as the diagram writes them: chart labels have room for these. */
const SHORT_NAMES: Readonly<Record<string, string>> = {
  TUEN_TARVE: 'Tuen tarve',
  TYOPARIN_MUODOSTUS: 'Työparin muodostus',
  ARVIOINTI: 'Arviointi',
  SUUNNITELMA: 'Suunnitelma',
  TYORYHMAKASITTELY: 'Työryhmäkäsittely',
  TOTEUTUS: 'Toteutus ja seuranta',
  LOPPUARVIOINTI: 'Loppuarviointi',
  PAATTYMINEN: 'Päättyminen',
};

export function shortStageName(stage: string): string {
  return SHORT_NAMES[stage] ?? stage;
}
