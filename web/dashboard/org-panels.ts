import { h } from '../shared/dom.js';
import { formatDate, formatDateTime } from '../shared/format.js';
import { barChart } from './bar-chart.js';
import type { Caseloads, DeadlineBreaches, GroupQueues } from './dashboard-data.js';
import { dataTable, formatPercent, panel } from './panel.js';

/** The deadline kinds as the table names them: law, Varha's own target, or a proposed one (src/domain/deadline-rule.ts). */
const KIND_LABELS: Readonly<Record<DeadlineBreaches['items'][number]['kind'], string>> = {
  LAW: 'Lakisääteinen määräaika',
  VARHA_TARGET: 'Varhan tavoiteaika',
  PROPOSED_TARGET: 'Ehdotettu tavoite (ei lakisääteinen)',
};

/** Above this share of capacity a team's bar turns red: little room for new cases. */
const FULL = 0.9;

/** Each regional working group's queue and its next meetings. */
export function queuesPanel(queues: GroupQueues): HTMLElement {
  const rows = queues.items.map((q) => ({
    label: q.regionName,
    bars: [
      { value: q.waitingCases, tone: 'primary' as const },
      { value: q.pastMeetingCases, tone: 'danger' as const },
    ],
    valueText: String(q.waitingCases),
  }));
  const cards = h(
    'div',
    { class: 'queue-cards' },
    ...queues.items.map((q) =>
      h(
        'article',
        { class: 'queue-card', 'data-region': q.regionId },
        h('h3', {}, q.regionName),
        h('p', { class: 'muted group-name' }, q.groupName),
        h(
          'p',
          {},
          h('strong', { class: 'big-number' }, q.waitingCases),
          ' odottaa käsittelyä',
          q.pastMeetingCases > 0 && h('span', { class: 'badge overdue' }, `${q.pastMeetingCases} kokous jo pidetty`),
        ),
        q.oldestWaitingSince && h('p', { class: 'muted' }, `Pisimpään odottanut: ${formatDate(q.oldestWaitingSince)} alkaen`),
        h('h4', {}, 'Seuraavat kokoukset'),
        h(
          'ul',
          { class: 'meetings' },
          ...q.nextMeetings.map((m) =>
            h('li', {}, h('time', { datetime: m.startsAt }, formatDateTime(m.startsAt)), ': ', h('strong', {}, m.bookedCases), ' varattu'),
          ),
        ),
      ),
    ),
  );
  return panel({
    id: 'jonot',
    wide: true,
    title: 'Työryhmien jonot ja kokoukset',
    intro:
      'Työryhmäkäsittelyvaiheessa olevat asiakkuudet alueellisittain. Punainen osa: varattu kokous on jo pidetty, mutta suositus tai päätös puuttuu.',
    chart: barChart({ description: `Työryhmien jonot: ${rows.map((r) => `${r.label} ${r.valueText}`).join(', ')}`, rows }),
    legend: [
      { tone: 'primary', label: 'Odottaa käsittelyä' },
      { tone: 'danger', label: 'Kokous pidetty, käsittely kesken' },
    ],
    extra: cards,
    table: dataTable(
      'Työryhmien jonot',
      ['Työryhmä', 'Odottaa', 'Kokous pidetty', 'Seuraava kokous', 'Varattu seuraavaan'],
      queues.items.map((q) => ({
        cells: [
          q.groupName,
          q.waitingCases,
          q.pastMeetingCases,
          formatDateTime(q.nextMeetings[0]?.startsAt),
          q.nextMeetings[0]?.bookedCases ?? 0,
        ],
        attrs: { 'data-region': q.regionId },
      })),
    ),
  });
}

/** Each team's pair members' active cases against their capacity, and per person in the table. */
export function caseloadPanel(caseloads: Caseloads, teamName: (id: string | null) => string): HTMLElement {
  const rows = caseloads.teams.map((t) => ({
    label: teamName(t.teamId),
    bars: [
      { value: t.capacity, tone: 'secondary' as const },
      { value: t.activeCases, tone: t.activeCases > FULL * t.capacity ? ('danger' as const) : ('primary' as const) },
    ],
    valueText: `${t.activeCases} / ${t.capacity}`,
  }));
  const status = (p: Caseloads['people'][number]) =>
    !p.active
      ? 'Ei käytössä'
      : p.absentUntil && p.absentUntil >= new Date().toISOString().slice(0, 10)
        ? `Poissa ${formatDate(p.absentUntil)} asti`
        : 'Käytettävissä';
  return panel({
    id: 'kuormitus',
    title: 'Työparien kuormitus',
    intro:
      'Tiimin sairaanhoitajien ja sosiaalialan työntekijöiden avoimet asiakkuudet suhteessa yhteiseen kapasiteettiin. Punainen: yli 90 % kapasiteetista käytössä.',
    chart: barChart({ description: `Työparien kuormitus tiimeittäin: ${rows.map((r) => `${r.label} ${r.valueText}`).join(', ')}`, rows }),
    legend: [
      { tone: 'primary', label: 'Avoimet asiakkuudet' },
      { tone: 'danger', label: 'Yli 90 % kapasiteetista' },
      { tone: 'secondary', label: 'Kapasiteetti' },
    ],
    table: dataTable(
      'Työntekijöiden asiakasmäärät',
      ['Työntekijä', 'Rooli', 'Tiimi', 'Asiakkuuksia', 'Kapasiteetti', 'Käyttöaste', 'Tila'],
      caseloads.people.map((p) => ({
        cells: [
          p.displayName,
          p.roleLabel,
          teamName(p.teamId),
          p.activeCases,
          p.capacity,
          formatPercent(p.activeCases, p.capacity),
          status(p),
        ],
        attrs: { 'data-professional': p.professionalId },
      })),
    ),
    ...(caseloads.people.length === 0 ? { empty: 'Ei työntekijöitä valinnoilla.' } : {}),
  });
}

/** Deadlines that fell due, and how many were missed: per team, and per rule (law or Varha's target). */
export function breachesPanel(breaches: DeadlineBreaches, teamName: (id: string | null) => string): HTMLElement {
  const totals = (key: (b: DeadlineBreaches['items'][number]) => string, label: (b: DeadlineBreaches['items'][number]) => string) => {
    const rows = new Map<string, { label: string; due: number; breached: number }>();
    for (const b of breaches.items) {
      const row = rows.get(key(b)) ?? { label: label(b), due: 0, breached: 0 };
      row.due += b.due;
      row.breached += b.breached;
      rows.set(key(b), row);
    }
    return [...rows.values()].map((r) => ({
      label: r.label,
      bars: [
        { value: r.due, tone: 'secondary' as const },
        { value: r.breached, tone: 'danger' as const },
      ],
      valueText: `${r.breached} / ${r.due}`,
    }));
  };
  const byTeam = totals(
    (b) => b.teamId ?? '',
    (b) => teamName(b.teamId),
  );
  const byRule = totals(
    (b) => b.ruleId,
    (b) => b.ruleName,
  );
  const describe = (rows: { label: string; valueText: string }[]) => rows.map((r) => `${r.label} ${r.valueText}`).join(', ');
  return panel({
    id: 'maaraajat',
    title: 'Määräaikojen ylitykset',
    intro:
      'Erääntyneet määräajat ja niistä ylittyneet (täytetty myöhässä tai ei lainkaan), tiimeittäin ja määräajoittain. Ajanjakso rajaa määräajat eräpäivän mukaan.',
    chart: barChart({ description: `Määräaikojen ylitykset tiimeittäin: ${describe(byTeam)}`, rows: byTeam }),
    secondChart: barChart({ description: `Määräaikojen ylitykset määräajoittain: ${describe(byRule)}`, rows: byRule }),
    legend: [
      { tone: 'danger', label: 'Ylittyneet' },
      { tone: 'secondary', label: 'Erääntyneet' },
    ],
    table: dataTable(
      'Määräajat tiimeittäin',
      ['Tiimi', 'Määräaika', 'Peruste', 'Erääntyneitä', 'Ylittyneitä', 'Avoinna'],
      breaches.items.map((b) => ({
        cells: [teamName(b.teamId), b.ruleName, KIND_LABELS[b.kind], b.due, b.breached, b.open],
        attrs: { 'data-team': b.teamId ?? '', 'data-rule': b.ruleId },
      })),
    ),
    ...(breaches.items.length === 0 ? { empty: 'Ei erääntyneitä määräaikoja valinnoilla.' } : {}),
  });
}
