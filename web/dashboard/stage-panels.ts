import { barChart } from './bar-chart.js';
import type { ActiveCases, Options, StageDurations } from './dashboard-data.js';
import { dataTable, formatDuration, formatNumber, panel } from './panel.js';
import { shortStageName } from './stage-names.js';

/** Open cases per current stage: one bar per stage, and per team in the table. */
export function activeCasesPanel(active: ActiveCases, options: Options, teamName: (id: string | null) => string): HTMLElement {
  const total = (stage: string) => active.items.filter((i) => i.stage === stage).reduce((sum, i) => sum + i.activeCases, 0);
  const rows = options.stages.map((s) => ({
    label: shortStageName(s.stage),
    bars: [{ value: total(s.stage), tone: 'primary' as const }],
    valueText: String(total(s.stage)),
  }));
  return panel({
    id: 'aktiiviset',
    title: 'Avoimet asiakkuudet vaiheittain',
    intro: 'Asiakkuudet, jotka ovat nyt kussakin polun vaiheessa.',
    chart: barChart({ description: `Avoimet asiakkuudet vaiheittain: ${rows.map((r) => `${r.label} ${r.valueText}`).join(', ')}`, rows }),
    table: dataTable(
      'Avoimet asiakkuudet tiimeittäin ja vaiheittain',
      ['Tiimi', 'Vaihe', 'Asiakkuuksia'],
      active.items.map((i) => ({
        cells: [teamName(i.teamId), i.stageLabel, i.activeCases],
        attrs: { 'data-team': i.teamId ?? '', 'data-stage': i.stage },
      })),
    ),
    ...(active.items.length === 0 ? { empty: 'Ei avoimia asiakkuuksia valinnoilla.' } : {}),
  });
}

/** Median and 90th percentile of the time spent in each stage. */
export function durationsPanel(durations: StageDurations): HTMLElement {
  const rows = durations.items.map((i) => ({
    label: shortStageName(i.stage),
    bars: [
      { value: i.p90Days, tone: 'secondary' as const },
      { value: i.medianDays, tone: 'primary' as const },
    ],
    valueText: `${formatDuration(i.medianDays)} / ${formatDuration(i.p90Days)}`,
  }));
  return panel({
    id: 'kestot',
    title: 'Vaiheiden kesto',
    intro:
      'Päättyneiden vaihekäyntien kesto vuorokausina (alle vuorokauden tunteina): mediaani ja 90. persentiili (9/10 käynneistä päättyi tätä nopeammin), laskettu kestoluokista (alle vuorokauden puolen vuorokauden, kahteen viikkoon vuorokauden tarkkuudella, sen jälkeen karkeammin). Ajanjakso rajaa käynnit niiden päättymispäivän mukaan.',
    chart: barChart({
      description: `Vaiheiden kesto: ${rows.map((r) => `${r.label} mediaani ja 90. persentiili ${r.valueText}`).join(', ')}`,
      rows,
    }),
    legend: [
      { tone: 'primary', label: 'Mediaani' },
      { tone: 'secondary', label: '90. persentiili' },
    ],
    table: dataTable(
      'Vaiheiden kesto vuorokausina',
      ['Vaihe', 'Käyntejä', 'Mediaani (pv)', '90. persentiili (pv)'],
      durations.items.map((i) => ({
        cells: [i.stageLabel, i.visits, formatNumber(i.medianDays), formatNumber(i.p90Days)],
        attrs: { 'data-stage': i.stage },
      })),
    ),
    ...(durations.items.length === 0 ? { empty: 'Ei päättyneitä vaihekäyntejä valinnoilla.' } : {}),
  });
}
