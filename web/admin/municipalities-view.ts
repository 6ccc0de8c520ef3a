import { h } from '../shared/dom.js';
import { listMunicipalities, updateMunicipality, type Municipality, type Region, type Team } from './admin-api.js';
import { saving } from '../shared/form-feedback.js';

/** Which team takes each municipality's new cases, and which other teams of its region may. */
export async function municipalitiesView(teams: Team[], regions: Region[]): Promise<HTMLElement> {
  const municipalities = await listMunicipalities();
  const regionName = new Map(regions.map((r) => [r.id, r.name]));
  return h(
    'div',
    {},
    h(
      'p',
      { class: 'lead' },
      'Kunnan oletustiimi saa kunnan uudet asiakkuudet; kunnan alue seuraa oletustiimiä. Muut tiimit (saman alueen) ottavat asiakkuuden, kun lähettävä taho nimeää ne. Jo tiimeille ohjatut asiakkuudet pysyvät tiimeissään.',
    ),
    h(
      'table',
      { class: 'edit-table' },
      h('caption', {}, 'Kunnat ja tiimit'),
      h('thead', {}, h('tr', {}, ...['Kunta', 'Alue', 'Oletustiimi', 'Muut tiimit', ''].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, ...municipalities.map((m) => municipalityRow(m, teams, regionName))),
    ),
  );
}

function municipalityRow(m: Municipality, teams: Team[], regionName: Map<string, string>): HTMLTableRowElement {
  const id = (name: string) => `m${m.code}-${name}`;
  const team = h('select', { id: id('team'), 'data-field': 'teamId' }, ...teams.map((t) => h('option', { value: t.id }, t.name)));
  team.value = m.teamId;
  const others = h(
    'select',
    { id: id('others'), multiple: true, size: 3, 'data-field': 'alsoServedByTeamIds' },
    ...teams.map((t) => h('option', { value: t.id, ...(m.alsoServedByTeamIds.includes(t.id) ? { selected: true } : {}) }, t.name)),
  );
  const region = h('td', {}, regionName.get(m.regionId) ?? m.regionId);
  const save = h('button', { type: 'button' }, 'Tallenna');
  const status = h('span', { class: 'status', 'aria-live': 'polite' });
  const row = h(
    'tr',
    { 'data-municipality': m.code },
    h(
      'th',
      { scope: 'row' },
      m.name,
      m.swedishName && h('span', { class: 'muted' }, ` / ${m.swedishName}`),
      m.bilingual && h('span', { class: 'muted' }, ' · kaksikielinen'),
      h('span', { class: 'muted' }, ` (${m.code})`),
    ),
    region,
    h('td', {}, h('label', { class: 'visually-hidden', for: id('team') }, `Oletustiimi: ${m.name}`), team),
    h('td', {}, h('label', { class: 'visually-hidden', for: id('others') }, `Muut tiimit: ${m.name}`), others),
    h('td', {}, save, status),
  );
  save.addEventListener('click', () =>
    saving(row, status, save, async () => {
      const saved = await updateMunicipality(m.code, {
        teamId: team.value,
        alsoServedByTeamIds: [...others.selectedOptions].map((o) => o.value),
      });
      region.textContent = regionName.get(saved.regionId) ?? saved.regionId;
      return 'Tallennettu.';
    }),
  );
  return row;
}
