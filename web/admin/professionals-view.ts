import { h, replace } from '../shared/dom.js';
import { createProfessional, listProfessionals, updateProfessional, type Professional, type RoleCode, type Team } from './admin-api.js';
import { field, saveOnSubmit, saving } from '../shared/form-feedback.js';

type Roles = { code: string; label: string }[];

/** A team's professionals: role, capacity, in service, absence; and a form for a new one. */
export async function professionalsView(teams: Team[], teamId: string | undefined): Promise<HTMLElement> {
  const { items, roles } = await listProfessionals();
  const chosen = teamId ?? teams[0]?.id ?? '';
  const teamSelect = h('select', { id: 'team-choice' }, ...teams.map((t) => h('option', { value: t.id }, t.name)));
  teamSelect.value = chosen;
  const body = h('div');
  const show = (id: string) =>
    replace(
      body,
      h(
        'table',
        { class: 'edit-table' },
        h('caption', {}, `Tiimin ${teams.find((t) => t.id === id)?.name ?? id} työntekijät`),
        h(
          'thead',
          {},
          h('tr', {}, ...['Nimi', 'Rooli', 'Kapasiteetti', 'Käytössä', 'Poissa asti', ''].map((c) => h('th', { scope: 'col' }, c))),
        ),
        h('tbody', {}, ...items.filter((p) => p.teamId === id).map((p) => professionalRow(p, roles))),
      ),
      newProfessionalForm(id, roles),
    );
  teamSelect.addEventListener('change', () => {
    history.replaceState(null, '', `/admin/tyontekijat/${teamSelect.value}`);
    show(teamSelect.value);
  });
  show(chosen);
  return h('div', {}, h('div', { class: 'field inline-field' }, h('label', { for: 'team-choice' }, 'Tiimi'), teamSelect), body);
}

function roleSelect(id: string, roles: Roles, value: string): HTMLSelectElement {
  const select = h('select', { id, 'data-field': 'role' }, ...roles.map((r) => h('option', { value: r.code }, r.label)));
  select.value = value;
  return select;
}

function professionalRow(p: Professional, roles: Roles): HTMLTableRowElement {
  const id = (name: string) => `${p.id}-${name}`;
  const role = roleSelect(id('role'), roles, p.role);
  const capacity = h('input', {
    id: id('capacity'),
    type: 'number',
    min: 0,
    max: 100,
    value: p.capacity,
    'data-field': 'capacity',
    class: 'narrow',
  });
  const active = h('input', { id: id('active'), type: 'checkbox', 'data-field': 'active', ...(p.active ? { checked: true } : {}) });
  const absent = h('input', { id: id('absent'), type: 'date', value: p.absentUntil ?? '', 'data-field': 'absentUntil' });
  const save = h('button', { type: 'button' }, 'Tallenna');
  const status = h('span', { class: 'status', 'aria-live': 'polite' });
  const label = (control: HTMLElement, text: string) =>
    h('label', { class: 'visually-hidden', for: control.id }, `${text}: ${p.displayName}`);
  const row = h(
    'tr',
    { 'data-professional': p.id },
    h('th', { scope: 'row' }, p.displayName),
    h('td', {}, label(role, 'Rooli'), role),
    h('td', {}, label(capacity, 'Kapasiteetti'), capacity),
    h('td', {}, label(active, 'Käytössä'), active),
    h('td', {}, label(absent, 'Poissa asti'), absent),
    h('td', {}, save, status),
  );
  save.addEventListener('click', () =>
    saving(row, status, save, async () => {
      await updateProfessional(p.id, {
        role: role.value as RoleCode,
        capacity: Number(capacity.value),
        active: active.checked,
        absentUntil: absent.value || null,
      });
      return 'Tallennettu.';
    }),
  );
  return row;
}

function newProfessionalForm(teamId: string, roles: Roles): HTMLFormElement {
  const idInput = h('input', { id: 'new-p-id', 'data-field': 'id', placeholder: `p-${teamId}-sh4`, required: true });
  const name = h('input', { id: 'new-p-name', 'data-field': 'displayName', required: true });
  const role = roleSelect('new-p-role', roles, 'NURSE');
  const capacity = h('input', {
    id: 'new-p-capacity',
    type: 'number',
    min: 0,
    max: 100,
    value: 20,
    'data-field': 'capacity',
    class: 'narrow',
  });
  const save = h('button', { type: 'submit', class: 'primary' }, 'Lisää työntekijä');
  const status = h('p', { class: 'status', 'aria-live': 'polite' });
  const form = h(
    'form',
    { class: 'panel new-item', 'aria-labelledby': 'new-p-heading' },
    h('h2', { id: 'new-p-heading' }, 'Uusi työntekijä'),
    h(
      'div',
      { class: 'form-row' },
      field('new-p-id', 'Tunnus', idInput),
      field('new-p-name', 'Nimi', name),
      field('new-p-role', 'Rooli', role),
      field('new-p-capacity', 'Kapasiteetti', capacity),
    ),
    h('div', { class: 'actions' }, save, status),
  );
  saveOnSubmit(form, status, save, async () => {
    const made = await createProfessional({
      id: idInput.value.trim(),
      displayName: name.value.trim(),
      role: role.value as RoleCode,
      teamId,
      capacity: Number(capacity.value),
      active: true,
      absentUntil: null,
    });
    location.assign(`/admin/tyontekijat/${made.teamId}`);
    return `${made.displayName} lisätty.`;
  });
  return form;
}
