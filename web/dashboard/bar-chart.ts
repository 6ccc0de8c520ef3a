/**
 * Horizontal bar charts drawn as SVG: no chart library, so nothing to load and every bar is a
 * plain element. A row's bars all start at zero and are drawn in order, so a lighter long bar
 * (capacity, 90th percentile, deadlines due) can carry a darker short one (cases, median,
 * breaches) in front of it. The chart is an image with a text alternative; the numbers are
 * also given as a table beside it.
 */

const SVG = 'http://www.w3.org/2000/svg';
const ROW_HEIGHT = 30;
/** Rows whose labels take two lines. */
const TALL_ROW_HEIGHT = 40;
const BAR_HEIGHT = 18;
const LABEL_WIDTH = 220;
const VALUE_WIDTH = 110;
const WIDTH = 640;
/** Characters of a label line that fit LABEL_WIDTH at the chart's font size. */
const LINE_CHARS = 27;

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

/** A label in at most two lines that fit the label column, by words; the full label stays in a <title>. */
function labelLines(label: string): string[] {
  if (label.length <= LINE_CHARS) return [label];
  const words = label.split(' ');
  let first = '';
  while (words.length > 0 && `${first} ${words[0]}`.trim().length <= LINE_CHARS) first = `${first} ${words.shift()}`.trim();
  if (first === '') first = words.shift()!.slice(0, LINE_CHARS);
  const rest = words.join(' ');
  return [first, rest.length > LINE_CHARS ? `${rest.slice(0, LINE_CHARS - 1)}…` : rest].filter(Boolean);
}

export function barChart(options: BarChartOptions): SVGSVGElement {
  const lines = options.rows.map((row) => labelLines(row.label));
  const rowHeight = lines.some((l) => l.length > 1) ? TALL_ROW_HEIGHT : ROW_HEIGHT;
  const height = Math.max(1, options.rows.length) * rowHeight + 8;
  const chart = svg('svg', { viewBox: `0 0 ${WIDTH} ${height}`, class: 'bar-chart', role: 'img', 'aria-label': options.description });
  const max = Math.max(1, ...options.rows.flatMap((r) => r.bars.map((b) => b.value)));
  const scale = (WIDTH - LABEL_WIDTH - VALUE_WIDTH) / max;
  options.rows.forEach((row, index) => {
    const y = index * rowHeight + 4 + (rowHeight - ROW_HEIGHT) / 2;
    const group = svg('g', { class: 'bar-row' });
    const rowLines = lines[index];
    const label = svg('text', {
      x: LABEL_WIDTH - 8,
      y: y + BAR_HEIGHT - 4 - (rowLines.length - 1) * 7,
      'text-anchor': 'end',
      class: 'bar-label',
    });
    rowLines.forEach((line, i) => label.append(svg('tspan', { x: LABEL_WIDTH - 8, dy: i === 0 ? 0 : 14 }, line)));
    label.append(svg('title', {}, row.label));
    group.append(
      label,
      svg('rect', { x: LABEL_WIDTH, y, width: WIDTH - LABEL_WIDTH - VALUE_WIDTH, height: BAR_HEIGHT, class: 'bar-track' }),
    );
    for (const bar of row.bars) {
      group.append(
        svg('rect', {
          x: LABEL_WIDTH,
          y,
          width: Math.max(bar.value > 0 ? 2 : 0, bar.value * scale),
          height: BAR_HEIGHT,
          class: `bar bar-${bar.tone}`,
        }),
      );
    }
    group.append(svg('text', { x: WIDTH - VALUE_WIDTH + 8, y: y + BAR_HEIGHT - 4, class: 'bar-value' }, row.valueText));
    chart.append(group);
  });
  return chart;
}
