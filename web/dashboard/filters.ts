import { h } from '../shared/dom.js';
import type { DashboardQuery, Options } from './dashboard-data.js';

/** The filter as the page's own URL carries it, so a view can be bookmarked and shared. */
export function queryFromUrl(): DashboardQuery {
  const params = new URLSearchParams(location.search);
  const read = (name: string) => params.get(name) ?? undefined;
  return { regionId: read('regionId'), teamId: read('teamId'), from: read('from'), to: read('to'), period: read('period') };
}

/** What the reader cannot change: a manager's region, a team lead's team (the API holds them to it). */
export interface FixedScope {
  regionId?: string;
  teamId?: string;
}

/** The filter form: region, team (the region's teams), and the period. */
export function filterForm(
  options: Options,
  query: DashboardQuery,
  fixed: FixedScope,
  apply: (query: DashboardQuery) => void,
): HTMLFormElement {
  const fixedTeam = fixed.teamId;
  const fixedRegion = fixed.regionId ?? (fixedTeam ? options.teams.find((t) => t.id === fixedTeam)?.regionId : undefined);
  const region = h(
    'select',
    { id: 'f-region', name: 'regionId', disabled: fixedRegion !== undefined },
    h('option', { value: '' }, 'Kaikki alueet'),
    ...options.regions.map((r) => h('option', { value: r.id }, r.name)),
  );
  const team = h('select', { id: 'f-team', name: 'teamId', disabled: fixedTeam !== undefined });
  const from = h('input', { id: 'f-from', name: 'from', type: 'date' });
  const to = h('input', { id: 'f-to', name: 'to', type: 'date' });
  // Without dates the figures cover the last 12 months; all time is a choice, not the default, at county scale.
  const period = h(
    'select',
    { id: 'f-period', name: 'period' },
    h('option', { value: '' }, 'Viimeiset 12 kuukautta'),
    h('option', { value: 'all' }, 'Koko aika'),
  );
  const fillTeams = () => {
    const chosen = team.value;
    team.replaceChildren(
      h('option', { value: '' }, 'Kaikki tiimit'),
      ...options.teams.filter((t) => !region.value || t.regionId === region.value).map((t) => h('option', { value: t.id }, t.name)),
    );
    team.value = options.teams.some((t) => t.id === chosen && (!region.value || t.regionId === region.value)) ? chosen : '';
  };
  region.value = fixedRegion ?? query.regionId ?? '';
  fillTeams();
  team.value = fixedTeam ?? query.teamId ?? '';
  from.value = query.from ?? '';
  to.value = query.to ?? '';
  period.value = query.period ?? '';
  region.addEventListener('change', fillTeams);

  const dateProblem = h('p', { id: 'f-dates-problem', class: 'error', role: 'alert', hidden: true });
  const form = h(
    'form',
    { class: 'filters', 'aria-label': 'Rajaukset' },
    h('div', { class: 'field' }, h('label', { for: 'f-region' }, 'Alue'), region),
    h('div', { class: 'field' }, h('label', { for: 'f-team' }, 'Tiimi'), team),
    h('div', { class: 'field' }, h('label', { for: 'f-from' }, 'Alkaen'), from),
    h('div', { class: 'field' }, h('label', { for: 'f-to' }, 'Päättyen'), to),
    h('div', { class: 'field' }, h('label', { for: 'f-period' }, 'Ilman päivämääriä'), period),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Näytä'), h('button', { type: 'reset' }, 'Tyhjennä')),
    dateProblem,
  );
  /** Reversed dates are the reader's slip: said beside the fields, and the figures shown stay. */
  const datesInOrder = () => {
    const reversed = from.value !== '' && to.value !== '' && to.value < from.value;
    dateProblem.hidden = !reversed;
    dateProblem.textContent = reversed ? 'Päättymispäivä on ennen alkamispäivää. Korjaa päivämäärät.' : '';
    for (const input of [from, to]) {
      if (reversed) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
    }
    if (reversed) to.setAttribute('aria-describedby', dateProblem.id);
    else to.removeAttribute('aria-describedby');
    return !reversed;
  };
  const submit = () => {
    if (!datesInOrder()) {
      to.focus();
      return;
    }
    const next: DashboardQuery = {
      regionId: fixedRegion ? undefined : region.value || undefined,
      teamId: fixedTeam ? undefined : team.value || undefined,
      from: from.value || undefined,
      to: to.value || undefined,
      // The API takes all time only without dates: chosen dates are the period.
      period: from.value || to.value ? undefined : period.value || undefined,
    };
    apply(next);
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit();
  });
  form.addEventListener('reset', (event) => {
    event.preventDefault();
    region.value = fixedRegion ?? '';
    fillTeams();
    from.value = '';
    to.value = '';
    period.value = '';
    submit();
  });
  return form;
}
