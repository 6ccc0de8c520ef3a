/**
 * Horizontal bar charts drawn as SVG: no chart library, so nothing to load and every bar is a
 * plain element. A row's bars all start at zero and are drawn in order, so a lighter long bar
 * (capacity, 90th percentile, deadlines due) can carry a darker short one (cases, median,
 * breaches) in front of it. The chart is an image with a text alternative; the numbers are
 * also given as a table beside it.
 */

const SVG = 'http://www.w3.org/2000/svg';
const ROW_HEIGHT = 30;
const BAR_HEIGHT = 18;
const LABEL_WIDTH = 220;
const VALUE_WIDTH = 80;
const WIDTH = 600;

/** One bar of a row: its length and the CSS class that colours it. */
export interface Bar {
  value: number;
  tone: 'primary' | 'secondary' | 'danger';
}

export interface BarRow {
  label: string;
  bars: Bar[];
  /** What is written after the bars, e.g. "12 / 20". */
  valueText: string;
}

export interface BarChartOptions {
  /** The chart's text alternative: what it shows, for a screen reader. */
  description: string;
  rows: BarRow[];
}

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) element.setAttribute(name, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

/** Long labels are cut to fit the label column; the full label stays in a <title>. */
function fitLabel(label: string): string {
  const max = 24;
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}

export function barChart(options: BarChartOptions): SVGSVGElement {
  const height = Math.max(1, options.rows.length) * ROW_HEIGHT + 8;
  const chart = svg('svg', { viewBox: `0 0 ${WIDTH} ${height}`, class: 'bar-chart', role: 'img', 'aria-label': options.description });
  const max = Math.max(1, ...options.rows.flatMap((r) => r.bars.map((b) => b.value)));
  const scale = (WIDTH - LABEL_WIDTH - VALUE_WIDTH) / max;
  options.rows.forEach((row, index) => {
    const y = index * ROW_HEIGHT + 4;
    const group = svg('g', { class: 'bar-row' });
    const label = svg('text', { x: LABEL_WIDTH - 8, y: y + BAR_HEIGHT - 4, 'text-anchor': 'end', class: 'bar-label' }, fitLabel(row.label));
    label.append(svg('title', {}, row.label));
    group.append(label, svg('rect', { x: LABEL_WIDTH, y, width: WIDTH - LABEL_WIDTH - VALUE_WIDTH, height: BAR_HEIGHT, class: 'bar-track' }));
    for (const bar of row.bars) {
      group.append(svg('rect', { x: LABEL_WIDTH, y, width: Math.max(bar.value > 0 ? 2 : 0, bar.value * scale), height: BAR_HEIGHT, class: `bar bar-${bar.tone}` }));
    }
    group.append(svg('text', { x: WIDTH - VALUE_WIDTH + 8, y: y + BAR_HEIGHT - 4, class: 'bar-value' }, row.valueText));
    chart.append(group);
  });
  return chart;
}
