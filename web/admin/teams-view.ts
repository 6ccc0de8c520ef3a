import { h } from '../shared/dom.js';
import { formatDateTime } from '../shared/format.js';
import { createTeam, listProfessionals, updateTeam, type Region, type Team } from './admin-api.js';
import { calendarEditor } from './calendar-editor.js';
import { field, saveOnSubmit } from '../shared/form-feedback.js';

/** The local teams: name, region, addiction psychiatry consultant, meeting calendar; and a new team. */
export async function teamsView(teams: Team[], regions: Region[]): Promise<HTMLElement> {
  const { items: people } = await listProfessionals();
  // The consultant is the team's contact in specialist care and may serve several teams: any active one may be named.
  const consultants = people.filter((p) => p.role === 'CONSULTANT' && p.active);
  return h(
    'div',
    {},
    h(
      'p',
      { class: 'lead' },
      'Paikalliset tiimit. Tiimiä, johon kunnat, työntekijät tai asiakkuudet viittaavat, ei voi poistaa; sen voi nimetä uudelleen.',
    ),
    ...teams.map((team) => teamForm(team, regions, consultants)),
    newTeamForm(regions),
  );
}

function regionSelect(id: string, regions: Region[], value: string): HTMLSelectElement {
  const select = h('select', { id, 'data-field': 'regionId' }, ...regions.map((r) => h('option', { value: r.id }, r.name)));
  select.value = value;
  return select;
}

function teamForm(team: Team, regions: Region[], consultants: { id: string; displayName: string }[]): HTMLElement {
  const id = (name: string) => `${team.id}-${name}`;
  const name = h('input', { id: id('name'), value: team.name, 'data-field': 'name', required: true });
  const region = regionSelect(id('region'), regions, team.regionId);
  const consultant = h(
    'select',
    { id: id('consultant'), 'data-field': 'consultantId' },
    h('option', { value: '' }, 'Ei konsulttia'),
    ...consultants.map((c) => h('option', { value: c.id }, c.displayName)),
  );
  consultant.value = team.consultantId ?? '';
  const editor = calendarEditor(team.meetingCalendar, team.nextMeetings);
  const save = h('button', { type: 'submit', class: 'primary' }, 'Tallenna tiimi');
  const status = h('p', { class: 'status', 'aria-live': 'polite' });
  const form = h(
    'form',
    { class: 'panel', 'data-team': team.id, 'aria-label': team.name },
    h(
      'details',
      {},
      h(
        'summary',
        {},
        h('span', { class: 'summary-title' }, team.name),
        h('span', { class: 'muted' }, ` – seuraava kokous ${formatDateTime(team.nextMeetings?.[0])}`),
      ),
      h(
        'div',
        { class: 'form-row' },
        field(id('name'), 'Nimi', name),
        field(id('region'), 'Alue', region),
        field(id('consultant'), 'Riippuvuuspsykiatrian konsultti', consultant),
      ),
      h('h3', {}, 'Kokousaikataulu'),
      editor.element,
      h('div', { class: 'actions' }, save, status),
    ),
  );
  saveOnSubmit(form, status, save, async () => {
    await updateTeam(team.id, {
      name: name.value.trim(),
      regionId: region.value,
      consultantId: consultant.value || null,
      meetingCalendar: editor.rules(),
    });
    return 'Tallennettu.';
  });
  return form;
}

function newTeamForm(regions: Region[]): HTMLElement {
  const idInput = h('input', { id: 'new-team-id', 'data-field': 'id', placeholder: 'esim. salo-ita', required: true });
  const name = h('input', { id: 'new-team-name', 'data-field': 'name', required: true });
  const region = regionSelect('new-team-region', regions, regions[0]?.id ?? '');
  const editor = calendarEditor([{ kind: 'NTH_WEEKDAY_OF_MONTH', weekday: 'TUESDAY', time: '13:00', ordinals: [1, 3] }]);
  const save = h('button', { type: 'submit', class: 'primary' }, 'Lisää tiimi');
  const status = h('p', { class: 'status', 'aria-live': 'polite' });
  const form = h(
    'form',
    { class: 'panel new-item', 'aria-labelledby': 'new-team-heading' },
    h('h2', { id: 'new-team-heading' }, 'Uusi tiimi'),
    h(
      'div',
      { class: 'form-row' },
      field('new-team-id', 'Tunnus', idInput),
      field('new-team-name', 'Nimi', name),
      field('new-team-region', 'Alue', region),
    ),
    h('h3', {}, 'Kokousaikataulu'),
    editor.element,
    h('div', { class: 'actions' }, save, status),
  );
  saveOnSubmit(form, status, save, async () => {
    const made = await createTeam({
      id: idInput.value.trim(),
      name: name.value.trim(),
      regionId: region.value,
      meetingCalendar: editor.rules(),
    });
    location.reload();
    return `${made.name} lisätty.`;
  });
  return form;
}
