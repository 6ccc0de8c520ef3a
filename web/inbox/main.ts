import { errorMessage, isUnavailable } from '../shared/api.js';
import { h, replace } from '../shared/dom.js';
import { shortCaseId } from '../shared/format.js';
import {
  claimTask,
  listInbox,
  unclaimTask,
  type InboxPage,
  type InboxQuery,
  type InboxSort,
  type InboxTask,
  type InboxView,
} from '../shared/inbox-api.js';
import { startPage, type PageContext } from '../shared/page.js';
import { backoffWaits, pause } from '../shared/retry.js';
import { assigneeBadge, dueDateCell } from '../shared/task-status.js';

/**
 * After a task is completed its case's next task takes a moment: the workers run in between, and
 * on a cluster the search shows the done task gone and the new one a second or more later. Half a
 * minute in all, then the page says what it has.
 */
const nextTaskWaits = () => backoffWaits(500, 4000, 12);

/** While the engine cannot be read, the list is asked again further apart each time, for about five minutes. */
const unavailableWaits = () => backoffWaits(2000, 60_000, 10);

void startPage({ page: 'inbox', title: 'Tehtävät', render });

const VIEW_LABELS: Readonly<Record<InboxView, string>> = {
  all: 'Kaikki tehtäväni',
  mine: 'Minulla työn alla',
  group: 'Ryhmieni tehtävät',
  unassigned: 'Vapaat',
  overdue: 'Myöhässä olevat',
};

const SORT_LABELS: Readonly<Record<InboxSort, string>> = {
  dueDate: 'Määräpäivä (aikaisin ensin)',
  creationDate: 'Saapunut (uusin ensin)',
  priority: 'Kiireellisyys (kiireellisin ensin)',
};

async function render({ main }: PageContext): Promise<void> {
  const query = new URLSearchParams(location.search);
  const completedCase = query.get('valmis');
  const doneKey = query.get('tehty');
  const status = h('div', { role: 'status', 'aria-live': 'polite' });
  const list = h('div');
  const view = h('select', { id: 'inbox-view' }, ...Object.entries(VIEW_LABELS).map(([value, label]) => h('option', { value }, label)));
  const sort = h('select', { id: 'inbox-sort' }, ...Object.entries(SORT_LABELS).map(([value, label]) => h('option', { value }, label)));
  const search = h('input', { id: 'inbox-search', type: 'search', maxlength: 100, autocomplete: 'off' });
  const filters = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': 'Tehtävien rajaus' },
    h('div', { class: 'field' }, h('label', { for: 'inbox-view' }, 'Näytä'), view),
    h('div', { class: 'field' }, h('label', { for: 'inbox-sort' }, 'Järjestys'), sort),
    h('div', { class: 'field' }, h('label', { for: 'inbox-search' }, 'Hae (tehtävä, asia, vaihe, tiimi tai tekijä)'), search),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', class: 'primary' }, 'Näytä'),
      h('button', { type: 'button', id: 'inbox-reload' }, 'Päivitä lista'),
    ),
  );
  const more = h('button', { type: 'button', hidden: true }, 'Näytä lisää');
  const summary = h('p', { class: 'muted', id: 'inbox-count' });
  replace(main, filters, status, list, summary, more);

  const currentQuery = (): InboxQuery => ({ view: view.value as InboxView, sort: sort.value as InboxSort, search: search.value });
  let shown: InboxTask[] = [];
  let cursor: string | null = null;
  const show = (page: InboxPage, append: boolean) => {
    shown = [...(append ? shown : []), ...page.items.filter((task) => task.key !== doneKey)];
    cursor = page.page.endCursor;
    more.hidden = cursor === null;
    more.textContent = `Näytä lisää (vielä ${page.page.remaining})`;
    summary.textContent =
      page.page.remaining > 0 ? `Näytetään ${shown.length} tehtävää, vielä ${page.page.remaining} lisää.` : `${shown.length} tehtävää.`;
    replace(
      list,
      shown.length === 0
        ? h(
            'p',
            { class: 'muted' },
            currentQuery().view === 'all' && !currentQuery().search
              ? 'Ei avoimia tehtäviä sinulle tai ryhmillesi.'
              : 'Ei tehtäviä näillä rajauksilla.',
          )
        : taskTable(shown, page.page.totalItems, completedCase, act),
    );
  };
  /** Reads and shows the first page (without the task just done, which search may show a while yet); answers the page's tasks as read. */
  const refresh = async (): Promise<InboxTask[]> => {
    const page = await listInbox(currentQuery());
    show(page, false);
    return page.items;
  };
  const failed = (error: unknown) => status.replaceChildren(h('p', { class: 'error', role: 'alert' }, errorMessage(error)));
  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    status.replaceChildren();
    refresh().catch(failed);
  });
  for (const select of [view, sort]) select.addEventListener('change', () => refresh().catch(failed));
  filters.querySelector('#inbox-reload')?.addEventListener('click', () => {
    status.replaceChildren();
    refresh().catch(failed);
  });
  more.addEventListener('click', () => {
    if (cursor === null) return;
    listInbox({ ...currentQuery(), after: cursor })
      .then((page) => show(page, true))
      .catch(failed);
  });
  const act = async (action: () => Promise<void>, done: string) => {
    try {
      await action();
      status.replaceChildren(h('p', { class: 'notice' }, done));
    } catch (error) {
      failed(error);
    }
    await refresh();
  };

  try {
    const tasks = await refreshUntilAvailable(refresh, status);
    if (completedCase || doneKey) await awaitNextTask({ caseId: completedCase, doneKey }, tasks, status, refresh);
  } catch (error) {
    replace(list, h('p', { class: 'error', role: 'alert' }, errorMessage(error)));
  }
}

/** The first read of the list: while the engine cannot be read, says so and asks again with back-off. */
async function refreshUntilAvailable(refresh: () => Promise<InboxTask[]>, status: HTMLElement): Promise<InboxTask[]> {
  for (const wait of unavailableWaits()) {
    try {
      const tasks = await refresh();
      status.replaceChildren();
      return tasks;
    } catch (error) {
      if (!isUnavailable(error)) throw error;
      status.replaceChildren(
        h('p', { class: 'notice info' }, 'Prosessimoottoria ei juuri nyt tavoiteta. Tehtävälista haetaan uudelleen hetken kuluttua.'),
      );
      await pause(wait);
    }
  }
  return refresh();
}

/**
 * Tells that the task was done, and polls until the search no longer shows it and shows the
 * case's next task for this user, or until the waits are over.
 */
async function awaitNextTask(
  done: { caseId: string | null; doneKey: string | null },
  first: InboxTask[],
  status: HTMLElement,
  refresh: () => Promise<InboxTask[]>,
): Promise<void> {
  const nextOf = (tasks: InboxTask[]) => tasks.find((t) => done.caseId !== null && t.caseId === done.caseId && t.key !== done.doneKey);
  const settled = (tasks: InboxTask[]) =>
    !tasks.some((t) => t.key === done.doneKey) && (done.caseId === null || nextOf(tasks) !== undefined);
  let tasks = first;
  if (!settled(tasks)) status.replaceChildren(h('p', { class: 'notice' }, 'Tehtävä on tehty. Tehtävälistaa päivitetään…'));
  for (const wait of nextTaskWaits()) {
    if (settled(tasks)) break;
    await pause(wait);
    // A poll that fails leaves the list as it was; the next one may answer.
    tasks = await refresh().catch(() => tasks);
  }
  const next = nextOf(tasks);
  status.replaceChildren(
    next
      ? h(
          'p',
          { class: 'notice' },
          'Tehtävä on tehty. Asian seuraava tehtävä: ',
          h('a', { href: `/task/${next.key}` }, next.name ?? 'tehtävä'),
        )
      : h('p', { class: 'notice' }, 'Tehtävä on tehty. Asialla ei ole nyt uusia tehtäviä sinulle.'),
  );
}

function taskTable(
  tasks: InboxTask[],
  total: number,
  highlightCase: string | null,
  act: (action: () => Promise<void>, done: string) => Promise<void>,
): HTMLElement {
  const rows = tasks.map((task) =>
    h(
      'tr',
      { class: task.caseId !== null && task.caseId === highlightCase ? 'highlight' : undefined, 'data-task-key': task.key },
      h('td', {}, h('a', { href: `/task/${task.key}` }, task.name ?? task.elementId)),
      h(
        'td',
        {},
        task.caseId ? h('a', { class: 'case-id', href: `/case/${task.caseId}`, title: task.caseId }, shortCaseId(task.caseId)) : '–',
      ),
      h('td', {}, task.stage?.label ?? '–'),
      h('td', {}, task.team?.name ?? '–', task.serviceLanguage === 'sv' ? h('span', { class: 'muted' }, ' · palvelukieli ruotsi') : ''),
      h('td', {}, dueDateCell(task)),
      h('td', {}, assigneeBadge(task)),
      h('td', {}, claimButton(task, act)),
    ),
  );
  return h(
    'table',
    { class: 'inbox' },
    h('caption', {}, `Avoimet tehtävät (${total})`),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ...['Tehtävä', 'Asia', 'Vaihe', 'Tiimi', 'Määräpäivä', 'Tila', 'Toiminto'].map((label) => h('th', { scope: 'col' }, label)),
      ),
    ),
    h('tbody', {}, ...rows),
  );
}

function claimButton(task: InboxTask, act: (action: () => Promise<void>, done: string) => Promise<void>): HTMLElement | string {
  const label = task.name ?? task.elementId;
  if (task.assignedToMe) {
    return h(
      'button',
      {
        type: 'button',
        'aria-label': `Vapauta tehtävä ${label}`,
        onclick: () => void act(() => unclaimTask(task.key), `Tehtävä ${label} vapautettiin.`),
      },
      'Vapauta',
    );
  }
  if (task.assignee === null) {
    return h(
      'button',
      {
        type: 'button',
        'aria-label': `Ota työn alle: ${label}`,
        onclick: () => void act(() => claimTask(task.key), `Tehtävä ${label} on nyt sinulla.`),
      },
      'Ota työn alle',
    );
  }
  return '';
}
