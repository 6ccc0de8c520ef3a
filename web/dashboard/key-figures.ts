import { h } from '../shared/dom.js';
import type { Figures } from './dashboard-data.js';
import { formatPercent } from './panel.js';

const sum = <T>(items: T[], value: (item: T) => number) => items.reduce((total, item) => total + value(item), 0);

/** The four numbers a manager looks at first. */
export function keyFigures(figures: Figures): HTMLElement {
  const capacity = sum(figures.caseloads.teams, (t) => t.capacity);
  const load = sum(figures.caseloads.teams, (t) => t.activeCases);
  const cards: [string, string, string][] = [
    ['avoimet', String(sum(figures.active.items, (i) => i.activeCases)), 'avointa asiakkuutta'],
    ['jonossa', String(sum(figures.queues.items, (q) => q.waitingCases)), 'odottaa työryhmää'],
    ['ylitykset', String(sum(figures.breaches.items, (b) => b.open)), 'avointa määräajan ylitystä'],
    ['kuormitus', formatPercent(load, capacity), 'työparien kapasiteetista käytössä'],
  ];
  return h(
    'section',
    { class: 'key-figures', 'aria-label': 'Tunnusluvut' },
    ...cards.map(([key, value, label]) =>
      h('p', { class: 'key-figure', 'data-figure': key }, h('strong', {}, value), h('span', {}, label)),
    ),
  );
}
