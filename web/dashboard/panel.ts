import { h, type Child } from '../shared/dom.js';
import type { Bar } from './bar-chart.js';

const LEGEND_CLASS: Readonly<Record<Bar['tone'], string>> = {
  primary: 'swatch-primary',
  secondary: 'swatch-secondary',
  danger: 'swatch-danger',
};

/** A number as Finnish writes it: 4,5. */
export const formatNumber = (value: number, digits = 1) => new Intl.NumberFormat('fi-FI', { maximumFractionDigits: digits }).format(value);

/** A stay's length for reading: days, or hours or minutes when under a day (a fast demo, an urgent case). */
export function formatDuration(days: number): string {
  if (days >= 1) return `${formatNumber(days)} pv`;
  const hours = days * 24;
  return hours >= 1 ? `${formatNumber(hours)} h` : `${formatNumber(hours * 60, 0)} min`;
}

/** A share as a percentage: 83 %. */
export const formatPercent = (part: number, whole: number) => (whole > 0 ? `${formatNumber((100 * part) / whole, 0)} %` : '–');

export interface PanelOptions {
  id: string;
  title: string;
  intro?: string;
  chart?: Node;
  /** A second chart of the same figures, cut another way. */
  secondChart?: Node;
  legend?: { tone: Bar['tone']; label: string }[];
  /** The numbers behind the chart. */
  table: HTMLTableElement;
  /** Shown instead of chart and table when there is nothing to show. */
  empty?: string;
  extra?: Child;
  /** Spans the whole width of the dashboard grid. */
  wide?: boolean;
}

/**
 * A dashboard section: heading, a sentence on what it counts, the chart with its legend, and the
 * numbers as a table under a disclosure (the chart is the quick read, the table the exact one).
 */
export function panel(options: PanelOptions): HTMLElement {
  const headingId = `${options.id}-heading`;
  const body: Child[] = options.empty
    ? [h('p', { class: 'muted' }, options.empty)]
    : [
        options.chart && h('figure', { class: 'chart' }, options.chart, options.secondChart, options.legend && legend(options.legend)),
        options.extra,
        h('details', { class: 'numbers' }, h('summary', {}, 'Näytä luvut taulukkona'), options.table),
      ];
  return h(
    'section',
    { class: options.wide ? 'panel wide' : 'panel', id: options.id, 'aria-labelledby': headingId },
    h('h2', { id: headingId }, options.title),
    options.intro && h('p', { class: 'muted intro' }, options.intro),
    ...body,
  );
}

function legend(items: { tone: Bar['tone']; label: string }[]): HTMLElement {
  return h(
    'figcaption',
    { class: 'legend' },
    ...items.map((item) =>
      h('span', { class: 'legend-item' }, h('span', { class: `swatch ${LEGEND_CLASS[item.tone]}`, 'aria-hidden': 'true' }), item.label),
    ),
  );
}

/** A table with a caption, column headers and rows; `rowAttrs` lets tests and styles find rows by their keys. */
export function dataTable(
  caption: string,
  headers: string[],
  rows: { cells: (string | number)[]; attrs?: Record<string, string> }[],
): HTMLTableElement {
  return h(
    'table',
    {},
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, ...headers.map((header) => h('th', { scope: 'col' }, header)))),
    h(
      'tbody',
      {},
      ...rows.map((row) =>
        h('tr', row.attrs ?? {}, ...row.cells.map((cell, i) => (i === 0 ? h('th', { scope: 'row' }, cell) : h('td', {}, cell)))),
      ),
    ),
  );
}
