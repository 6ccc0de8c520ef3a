import { errorMessage } from '../shared/api.js';
import { h, replace } from '../shared/dom.js';
import { shortCaseId } from '../shared/format.js';
import { claimTask, listInbox, unclaimTask, type InboxTask } from '../shared/inbox-api.js';
import { startPage, type PageContext } from '../shared/page.js';
import { assigneeBadge, dueDateCell } from '../shared/task-status.js';

/** After a task is completed the next one of its case may take a moment: the workers run in between. */
const NEXT_TASK_POLL_MS = 1000;
const NEXT_TASK_POLLS = 15;

void startPage({ page: 'inbox', title: 'Tehtävät', render });

async function render({ main }: PageContext): Promise<void> {
  const completedCase = new URLSearchParams(location.search).get('valmis');
  const status = h('div', { role: 'status', 'aria-live': 'polite' });
  const list = h('div');
  const reload = h('button', { type: 'button' }, 'Päivitä lista');
  replace(main, h('div', { class: 'actions' }, reload), status, list);

  const refresh = async (): Promise<InboxTask[]> => {
    const tasks = await listInbox();
    replace(
      list,
      tasks.length === 0 ? h('p', { class: 'muted' }, 'Ei avoimia tehtäviä sinulle tai ryhmillesi.') : taskTable(tasks, completedCase, act),
    );
    return tasks;
  };
  reload.addEventListener('click', () => {
    status.replaceChildren();
    refresh().catch((error: unknown) => status.replaceChildren(h('p', { class: 'error', role: 'alert' }, errorMessage(error))));
  });
  const act = async (action: () => Promise<void>, done: string) => {
    try {
      await action();
      status.replaceChildren(h('p', { class: 'notice' }, done));
    } catch (error) {
      status.replaceChildren(h('p', { class: 'error', role: 'alert' }, errorMessage(error)));
    }
    await refresh();
  };

  try {
    const tasks = await refresh();
    if (completedCase) await awaitNextTask(completedCase, tasks, status, refresh);
  } catch (error) {
    replace(list, h('p', { class: 'error', role: 'alert' }, errorMessage(error)));
  }
}

/** Tells that the task was done and watches for the case's next task to arrive in this inbox. */
async function awaitNextTask(caseId: string, first: InboxTask[], status: HTMLElement, refresh: () => Promise<InboxTask[]>): Promise<void> {
  status.replaceChildren(h('p', { class: 'notice' }, 'Tehtävä on tehty.'));
  let tasks = first;
  for (let i = 0; i < NEXT_TASK_POLLS && !tasks.some((t) => t.caseId === caseId); i++) {
    await new Promise((resolve) => setTimeout(resolve, NEXT_TASK_POLL_MS));
    tasks = await refresh();
  }
  const next = tasks.find((t) => t.caseId === caseId);
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
      h('td', {}, task.team?.name ?? '–'),
      h('td', {}, dueDateCell(task)),
      h('td', {}, assigneeBadge(task)),
      h('td', {}, claimButton(task, act)),
    ),
  );
  return h(
    'table',
    { class: 'inbox' },
    h('caption', {}, `Avoimet tehtävät (${tasks.length})`),
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
