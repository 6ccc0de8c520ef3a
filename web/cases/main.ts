import { errorMessage } from '../shared/api.js';
import { listCases, type CaseListItem, type CaseListQuery } from '../shared/case-api.js';
import { h, replace } from '../shared/dom.js';
import { formatDate, shortCaseId } from '../shared/format.js';
import { startPage, type PageContext } from '../shared/page.js';
import { STAGE_CODES, STAGE_LABELS } from '../../src/domain/stages.js';
import { OUTCOME_LABELS, type OutcomeCode } from '../../src/domain/outcomes.js';

void startPage({ page: 'cases', title: 'Asiat', roles: ['NURSE', 'SOCIAL_COUNSELLOR', 'SOCIAL_WORKER', 'TEAM_LEAD'], render });

async function render({ main }: PageContext): Promise<void> {
  const state = h(
    'select',
    { id: 'c-state' },
    h('option', { value: 'open' }, 'Avoimet'),
    h('option', { value: 'closed' }, 'Päättyneet'),
    h('option', { value: 'all' }, 'Kaikki'),
  );
  const stage = h(
    'select',
    { id: 'c-stage' },
    h('option', { value: '' }, 'Kaikki vaiheet'),
    ...STAGE_CODES.map((code) => h('option', { value: code }, STAGE_LABELS[code])),
  );
  const mine = h('input', { id: 'c-mine', type: 'checkbox' });
  const overdue = h('input', { id: 'c-overdue', type: 'checkbox' });
  const filters = h(
    'form',
    { class: 'filters', 'aria-label': 'Rajaukset' },
    h('div', { class: 'field' }, h('label', { for: 'c-state' }, 'Tila'), state),
    h('div', { class: 'field' }, h('label', { for: 'c-stage' }, 'Vaihe'), stage),
    h('div', { class: 'check' }, mine, h('label', { for: 'c-mine' }, 'Vain omat (olen työparissa)')),
    h('div', { class: 'check' }, overdue, h('label', { for: 'c-overdue' }, 'Vain ne, joilla on ylittynyt määräaika')),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Näytä')),
  );
  const body = h('tbody', {});
  const status = h('p', { role: 'status', 'aria-live': 'polite' });
  const more = h('button', { type: 'button', hidden: true }, 'Näytä lisää');
  const table = h(
    'table',
    { class: 'case-list' },
    h(
      'thead',
      {},
      h('tr', {}, ...['Asia', 'Vaihe', 'Työpari', 'Seuraava määräaika', 'Vireille'].map((label) => h('th', { scope: 'col' }, label))),
    ),
    body,
  );
  let cursor: string | null = null;
  let shown = 0;

  const load = async (query: CaseListQuery, append: boolean) => {
    status.textContent = 'Haetaan…';
    try {
      const page = await listCases({ ...query, ...(append && cursor ? { after: cursor } : {}) });
      if (!append) {
        body.replaceChildren();
        shown = 0;
      }
      body.append(...page.items.map(row));
      shown += page.items.length;
      cursor = page.page.endCursor;
      more.hidden = cursor === null;
      status.textContent = shown === 0 ? 'Ei asioita näillä rajauksilla.' : `${shown} asiaa${cursor ? ', lisää on' : ''}.`;
    } catch (error) {
      status.replaceChildren(h('span', { class: 'error', role: 'alert' }, errorMessage(error)));
    }
  };
  const query = (): CaseListQuery => ({
    state: state.value as CaseListQuery['state'],
    ...(stage.value ? { stage: stage.value } : {}),
    mine: mine.checked,
    overdue: overdue.checked,
  });
  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    void load(query(), false);
  });
  more.addEventListener('click', () => void load(query(), true));

  replace(
    main,
    h('p', { class: 'lead' }, 'Tiimisi asiat ja ne, joissa olet työparina. Näet vain asiat, joiden tietoja saat lukea.'),
    filters,
    table,
    status,
    more,
  );
  await load(query(), false);
}

function row(item: CaseListItem): HTMLElement {
  const stage = item.closedAt
    ? `Päättynyt ${formatDate(item.closedAt)}${item.outcome ? `: ${OUTCOME_LABELS[item.outcome as OutcomeCode] ?? item.outcome}` : ''}`
    : (item.stage?.label ?? '–');
  const pair = item.pair
    ? `${item.pair.nurse.displayName ?? item.pair.nurse.id} ja ${item.pair.socialWorker.displayName ?? item.pair.socialWorker.id}`
    : '–';
  const due = item.nextDueAt
    ? h('span', item.overdue ? { class: 'badge overdue' } : {}, `${formatDate(item.nextDueAt)}${item.overdue ? ' (ylittynyt)' : ''}`)
    : '–';
  return h(
    'tr',
    { 'data-case-id': item.caseId },
    h('td', {}, h('a', { class: 'case-id', href: `/case/${item.caseId}` }, shortCaseId(item.caseId))),
    h('td', {}, stage),
    h('td', {}, pair),
    h('td', {}, due),
    h('td', {}, formatDate(item.openedAt)),
  );
}
