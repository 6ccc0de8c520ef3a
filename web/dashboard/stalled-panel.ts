import { h } from '../shared/dom.js';
import { formatDateTime, shortCaseId } from '../shared/format.js';
import type { StalledIntakes } from './dashboard-data.js';
import { dataTable } from './panel.js';

/**
 * The intakes the reconciler could not give their pathway, again and again: for the team lead to
 * look into (the engine, the diagram deployed, the case's data). Shown first and only when there
 * are any, as something to act on rather than a figure.
 */
export function stalledIntakesPanel(stalled: StalledIntakes): HTMLElement | null {
  if (stalled.items.length === 0) return null;
  return h(
    'section',
    { class: 'panel wide stalled', id: 'jumissa', 'aria-labelledby': 'jumissa-heading' },
    h('h2', { id: 'jumissa-heading' }, `Polku ei käynnisty (${stalled.items.length})`),
    h(
      'p',
      {},
      'Näille vastaanotetuille asioille ei ole saatu käynnistettyä polkua toistuvista yrityksistä huolimatta. Yrityksiä jatketaan harvemmin; ',
      'selvitä syy (prosessimoottorin tila, käyttöönotettu kaavio) ylläpidon kanssa. Asia poistuu listalta, kun polku käynnistyy.',
    ),
    dataTable(
      'Asiat, joiden polku ei käynnisty',
      ['Asia', 'Kunta', 'Tiimi', 'Vireille', 'Yrityksiä', 'Jumissa alkaen', 'Seuraava yritys', 'Viimeisin virhe'],
      stalled.items.map((c) => ({
        cells: [
          shortCaseId(c.caseId),
          c.municipality.name ?? c.municipality.code,
          c.teamName ?? c.teamId ?? '–',
          formatDateTime(c.openedAt),
          c.failedAttempts,
          formatDateTime(c.stalledAt),
          c.nextAttemptAt ? formatDateTime(c.nextAttemptAt) : '–',
          c.lastError ?? '–',
        ],
        attrs: { 'data-case-id': c.caseId },
      })),
    ),
  );
}
