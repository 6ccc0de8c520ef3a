import { errorMessage } from '../shared/api.js';
import { getCaseDetails, getCaseDiagram, type CaseDetails } from '../shared/case-api.js';
import { h, replace } from '../shared/dom.js';
import { formatDate, formatDateTime, shortCaseId } from '../shared/format.js';
import { startPage, type PageContext } from '../shared/page.js';
import './case.css';
import { showDiagram } from './diagram.js';
import { DEADLINE_KIND_LABELS, type DeadlineKindCode } from '../../src/domain/deadline-rule.js';
import { DEADLINE_STANDING_LABELS } from '../../src/domain/deadline-standing.js';
import { OUTCOME_LABELS, type OutcomeCode } from '../../src/domain/outcomes.js';
import { ROLE_LABELS, type RoleCode } from '../../src/domain/roles.js';
import { APP_ROLE_LABELS, type AppRole } from '../../src/auth/app-roles.js';
import { incidentsPanel } from './incidents.js';
import { DECISION_LABELS } from './labels.js';

void startPage({ page: 'case', title: 'Asia', render });

async function render({ main, params, setTitle, session }: PageContext): Promise<void> {
  const caseId = params[0];
  if (!caseId) {
    replace(main, h('p', { class: 'error', role: 'alert' }, 'Asiaa ei ole valittu.'));
    return;
  }
  let details: CaseDetails;
  try {
    details = await getCaseDetails(caseId);
  } catch (error) {
    replace(main, h('p', { class: 'error', role: 'alert' }, errorMessage(error)), h('p', {}, h('a', { href: '/' }, 'Takaisin tehtäviin')));
    return;
  }
  setTitle(`Asia ${shortCaseId(details.caseId)}`);
  const diagram = h('div', { class: 'diagram', role: 'group', 'aria-label': 'Prosessikaavio, jossa asian nykyinen vaihe on korostettu' });
  replace(
    main,
    h('p', {}, h('a', { href: '/' }, '← Tehtäviin')),
    details.engine.available ? null : h('p', { class: 'notice info', role: 'status' }, details.engine.notice),
    incidentsPanel(details, session.principal.role === 'TEAM_LEAD', () => void render({ main, params, setTitle, session })),
    h('div', { class: 'columns' }, summary(details), identity(details)),
    h('div', { class: 'columns' }, referral(details), timeline(details)),
    h('div', { class: 'columns' }, openTasks(details), taskHistory(details)),
    h('div', { class: 'columns' }, deadlines(details), decisions(details)),
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'diagram-heading' },
      h('h2', { id: 'diagram-heading' }, 'Polku kaaviona'),
      activeList(details),
      diagram,
    ),
  );
  if (!details.engine.available) {
    replace(diagram, h('p', { class: 'muted' }, 'Kaavio näkyy, kun prosessimoottori taas vastaa.'));
    return;
  }
  try {
    const { xml, activeElementIds } = await getCaseDiagram(details.caseId);
    await showDiagram(diagram, xml, activeElementIds);
  } catch (error) {
    replace(diagram, h('p', { class: 'error' }, errorMessage(error)));
  }
}

const fact = (term: string, ...value: (Node | string)[]) => [h('dt', {}, term), h('dd', {}, ...value)];
const panel = (id: string, title: string, ...content: (Node | string | null)[]) =>
  h('section', { class: 'panel', 'aria-labelledby': id }, h('h2', { id }, title), ...content);

function summary(c: CaseDetails): HTMLElement {
  const member = (m: { displayName: string | null; role: string | null; id: string }) =>
    `${m.displayName ?? m.id} (${ROLE_LABELS[m.role as RoleCode] ?? m.role ?? '–'})`;
  return panel(
    'case-summary',
    'Perustiedot',
    h(
      'dl',
      { class: 'facts' },
      ...fact('Asian tunnus', h('span', { class: 'case-id' }, c.caseId)),
      ...fact('Kunta', c.municipality.name ?? c.municipality.code),
      ...fact('Palvelukieli', c.serviceLanguage === 'sv' ? 'ruotsi' : 'suomi'),
      ...fact('Vireille', formatDate(c.openedAt)),
      ...fact('Vaihe', c.currentStage?.label ?? (c.closedAt ? 'Päättynyt' : '–')),
      ...fact('Tiimi', c.team?.name ?? 'Ei vielä ohjattu tiimille'),
      ...fact('Alueellinen työryhmä', c.region?.groupName ?? '–'),
      ...fact(
        'Työpari',
        c.pair
          ? `${member(c.pair.nurse)} ja ${member(c.pair.socialWorker)}${c.pair.releasedAt ? ` (vapautettu ${formatDate(c.pair.releasedAt)})` : ''}`
          : c.closedAt
            ? 'Työparia ei nimetty'
            : 'Ei vielä nimetty',
      ),
      ...(c.closedAt ? fact('Päättyi', `${formatDate(c.closedAt)}: ${OUTCOME_LABELS[c.outcome as OutcomeCode] ?? c.outcome ?? ''}`) : []),
    ),
  );
}

function identity(c: CaseDetails): HTMLElement {
  if (!c.identity) {
    return panel(
      'case-identity',
      'Asiakas',
      h(
        'p',
        { class: 'muted' },
        c.identityVisible ? 'Henkilötietoja ei ole kirjattu.' : 'Henkilötiedot näkyvät vain asiakkaan työparille ja tiimille.',
      ),
    );
  }
  return h(
    'section',
    { class: 'panel identity', 'aria-labelledby': 'case-identity' },
    h('h2', { id: 'case-identity' }, 'Asiakas'),
    h('dl', { class: 'facts' }, ...fact('Nimi', c.identity.name), ...fact('Henkilötunnus', c.identity.henkilotunnus)),
    h('p', { class: 'muted' }, 'Tietojen katselu kirjataan lokiin.'),
  );
}

function referral(c: CaseDetails): HTMLElement {
  if (!c.referral) return panel('case-referral', 'Yhteydenotto', h('p', { class: 'muted' }, 'Yhteydenottoa ei ole kirjattu.'));
  return panel(
    'case-referral',
    'Yhteydenotto',
    h(
      'dl',
      { class: 'facts' },
      ...fact('Saapui', formatDate(c.referral.receivedAt)),
      ...fact('Lähettäjä', c.referral.source),
      ...fact('Syy', c.referral.reason),
    ),
  );
}

/** The tasks done, oldest first: the path the case has taken, task by task, and who did each. */
function taskHistory(c: CaseDetails): HTMLElement {
  const rows = c.completedTasks.map((t) =>
    h(
      'tr',
      { 'data-task-key': t.key },
      h('td', {}, t.name ?? t.elementId),
      h('td', {}, t.completedBy.displayName ?? APP_ROLE_LABELS[t.completedBy.role as AppRole] ?? '–'),
      h('td', {}, formatDateTime(t.completedAt)),
    ),
  );
  return panel(
    'case-history',
    'Tehdyt tehtävät',
    rows.length
      ? h(
          'table',
          {},
          h('thead', {}, h('tr', {}, ...['Tehtävä', 'Tekijä', 'Valmis'].map((l) => h('th', { scope: 'col' }, l)))),
          h('tbody', {}, ...rows),
        )
      : h('p', { class: 'muted' }, 'Ei vielä tehtyjä tehtäviä.'),
  );
}

function timeline(c: CaseDetails): HTMLElement {
  const items = c.stages.map((s) =>
    h(
      'li',
      { class: s.leftAt === null ? 'current' : undefined, ...(s.leftAt === null ? { 'aria-current': 'step' } : {}) },
      s.label,
      h(
        'span',
        { class: 'when' },
        s.leftAt === null
          ? `alkoi ${formatDateTime(s.enteredAt)}, käynnissä`
          : `${formatDateTime(s.enteredAt)} – ${formatDateTime(s.leftAt)}`,
      ),
    ),
  );
  return panel(
    'case-timeline',
    'Polun vaiheet',
    items.length ? h('ol', { class: 'timeline' }, ...items) : h('p', { class: 'muted' }, 'Ei vielä vaiheita.'),
  );
}

function openTasks(c: CaseDetails): HTMLElement {
  const rows = c.openTasks.map((t) =>
    h(
      'tr',
      {},
      h('td', {}, h('a', { href: `/task/${t.key}` }, t.name ?? t.elementId)),
      h('td', {}, formatDate(t.dueDate)),
      h('td', {}, t.candidateGroupNames.join(', ') || '–'),
    ),
  );
  return panel(
    'case-tasks',
    'Avoimet tehtävät',
    rows.length
      ? h(
          'table',
          {},
          h(
            'thead',
            {},
            h('tr', {}, h('th', { scope: 'col' }, 'Tehtävä'), h('th', { scope: 'col' }, 'Määräpäivä'), h('th', { scope: 'col' }, 'Ryhmät')),
          ),
          h('tbody', {}, ...rows),
        )
      : h('p', { class: 'muted' }, c.engine.available ? 'Ei avoimia tehtäviä.' : 'Tehtävät näkyvät, kun prosessimoottori taas vastaa.'),
  );
}

function deadlines(c: CaseDetails): HTMLElement {
  const rows = c.deadlines.map((d) => {
    const label = DEADLINE_STANDING_LABELS[d.standing];
    const state =
      d.standing === 'MET_ON_TIME'
        ? h('span', {}, `${label} ${formatDate(d.metAt)}`)
        : d.standing === 'MET_LATE'
          ? h('span', {}, h('span', { class: 'overdue' }, label), ` ${formatDate(d.metAt)}`)
          : d.standing === 'OPEN_PAST_DUE'
            ? h('span', { class: 'badge overdue' }, label)
            : h('span', { class: 'badge' }, label);
    return h(
      'tr',
      { 'data-rule-id': d.ruleId },
      h('td', {}, d.name ?? d.ruleId),
      h('td', {}, DEADLINE_KIND_LABELS[d.kind as DeadlineKindCode] ?? '–'),
      h('td', {}, formatDate(d.dueAt)),
      h('td', {}, state),
    );
  });
  return panel(
    'case-deadlines',
    'Määräajat',
    rows.length
      ? h(
          'table',
          {},
          h('thead', {}, h('tr', {}, ...['Määräaika', 'Peruste', 'Viimeistään', 'Tila'].map((l) => h('th', { scope: 'col' }, l)))),
          h('tbody', {}, ...rows),
        )
      : h('p', { class: 'muted' }, 'Ei määräaikoja.'),
  );
}

function decisions(c: CaseDetails): HTMLElement {
  const entries = Object.entries(DECISION_LABELS).filter(([name]) => c.decisions[name] !== undefined && c.decisions[name] !== null);
  return panel(
    'case-decisions',
    'Päätökset ja linjaukset',
    entries.length
      ? h(
          'dl',
          { class: 'facts' },
          ...entries.flatMap(([name, { label, values }]) => fact(label, values[String(c.decisions[name])] ?? String(c.decisions[name]))),
        )
      : h('p', { class: 'muted' }, 'Ei vielä päätöksiä.'),
  );
}

function activeList(c: CaseDetails): HTMLElement {
  const names = c.activeElements.filter((e) => e.name).map((e) => e.name as string);
  if (!c.engine.available) return h('p', { class: 'muted' }, 'Nykyinen kohta näkyy, kun prosessimoottori taas vastaa.');
  return h('p', {}, names.length ? `Nyt: ${names.join(' › ')}` : 'Prosessi ei ole käynnissä.');
}
