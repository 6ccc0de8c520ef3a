import { Form } from '@bpmn-io/form-js-viewer';
import '@bpmn-io/form-js-viewer/dist/assets/form-js.css';
import { errorMessage } from '../shared/api.js';
import { h, replace } from '../shared/dom.js';
import { shortCaseId } from '../shared/format.js';
import { claimTask, completeTask, getTask, unclaimTask, type TaskDetails } from '../shared/inbox-api.js';
import { startPage, type PageContext } from '../shared/page.js';
import { assigneeBadge, dueDateCell } from '../shared/task-status.js';
import { FinnishFormTexts, useFinnishDatePicker } from './finnish-form-texts.js';
import './task.css';

useFinnishDatePicker();
void startPage({ page: 'task', title: 'Tehtävä', render });

async function render(context: PageContext): Promise<void> {
  const key = context.params[0];
  if (!key) {
    replace(context.main, h('p', { class: 'error', role: 'alert' }, 'Tehtävää ei ole valittu.'), h('a', { href: '/' }, 'Tehtäviin'));
    return;
  }
  try {
    await show(context, await getTask(key));
  } catch (error) {
    replace(
      context.main,
      h('p', { class: 'error', role: 'alert' }, errorMessage(error)),
      h('p', {}, h('a', { href: '/' }, 'Takaisin tehtäviin')),
    );
  }
}

/** `focus`: after claiming, the keyboard user lands in the form; after releasing, on the claim button. */
async function show(context: PageContext, details: TaskDetails, focus?: 'form' | 'claim'): Promise<void> {
  const { task } = details;
  context.setTitle(task.name ?? 'Tehtävä');
  const status = h('div', { role: 'status', 'aria-live': 'polite' });
  const formContainer = h('div', { class: 'task-form', 'aria-label': 'Lomake' });
  const formHeading = h('h2', { id: 'task-form-heading', tabindex: -1 }, 'Lomake');
  const open = task.state === 'CREATED';
  const mine = open && task.assignedToMe;
  const reload = async (action: () => Promise<void>, then: 'form' | 'claim') => {
    try {
      await action();
      await show(context, await getTask(task.key), then);
    } catch (error) {
      status.replaceChildren(h('p', { class: 'error', role: 'alert' }, errorMessage(error)));
    }
  };

  const facts = h(
    'dl',
    { class: 'facts' },
    h('dt', {}, 'Asia'),
    h('dd', {}, task.caseId ? h('a', { class: 'case-id', href: `/case/${task.caseId}` }, shortCaseId(task.caseId)) : '–'),
    h('dt', {}, 'Vaihe'),
    h('dd', {}, task.stage?.label ?? '–'),
    h('dt', {}, 'Tiimi'),
    h('dd', {}, task.team?.name ?? '–'),
    h('dt', {}, 'Määräpäivä'),
    h('dd', {}, dueDateCell(task)),
    h('dt', {}, 'Tila'),
    h('dd', {}, assigneeBadge(task)),
  );
  const claim = !open
    ? null
    : mine
      ? h('button', { type: 'button', onclick: () => void reload(() => unclaimTask(task.key), 'claim') }, 'Vapauta tehtävä')
      : task.assignee === null
        ? h('button', { type: 'button', class: 'primary', onclick: () => void reload(() => claimTask(task.key), 'form') }, 'Ota työn alle')
        : null;
  const complete = h('button', { type: 'button', class: 'primary', disabled: !mine }, 'Merkitse valmiiksi');
  const notice = !open
    ? h('p', { class: 'notice info' }, 'Tehtävä on jo käsitelty. Lomake näytetään sellaisena kuin se lähetettiin.')
    : mine
      ? null
      : h('p', { class: 'notice info' }, 'Ota tehtävä työn alle, niin voit täyttää lomakkeen.');
  replace(
    context.main,
    h('p', {}, h('a', { href: '/' }, '← Tehtäviin')),
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'task-facts' },
      h('h2', { id: 'task-facts' }, 'Tehtävän tiedot'),
      facts,
      h('div', { class: 'actions' }, claim),
    ),
    notice,
    status,
    h('section', { class: 'panel', 'aria-labelledby': 'task-form-heading' }, formHeading, formContainer),
    open ? h('div', { class: 'actions' }, complete) : null,
  );

  // No input debounce (a config key form-js reads but does not type): a value typed just before
  // "Merkitse valmiiksi" must be in what is submitted.
  const options = { container: formContainer, additionalModules: [FinnishFormTexts], debounce: false };
  const form = details.form ? new Form(options) : undefined;
  if (form) {
    await form.importSchema(details.form as Parameters<Form['importSchema']>[0], details.variables);
    form.setProperty('readOnly', !mine);
  } else {
    formContainer.append(h('p', { class: 'muted' }, 'Tehtävällä ei ole lomaketta.'));
  }
  // After claiming, the form's heading takes focus, not its first field: focusing a field opens its
  // date picker, and leaving it untouched then marked it "Kenttä on pakollinen" before anything was typed.
  if (focus === 'form') formHeading.focus();
  if (focus === 'claim' && claim) claim.focus();

  complete.addEventListener('click', async () => {
    const { data, errors } = form ? form.submit() : { data: {}, errors: {} };
    if (Object.keys(errors).length > 0) {
      status.replaceChildren(h('p', { class: 'error', role: 'alert' }, 'Lomakkeessa on puutteita. Korjaa merkityt kentät.'));
      // form-js draws the errors on its next render, after submit() answers.
      await new Promise((resolve) => setTimeout(resolve, 0));
      formContainer.querySelector<HTMLElement>('.fjs-has-errors input, .fjs-has-errors textarea, .fjs-has-errors select')?.focus();
      return;
    }
    complete.disabled = true;
    try {
      await completeTask(task.key, data as Record<string, unknown>);
      // The inbox watches for the done task to leave its list and the case's next one to arrive: search lags behind on a cluster.
      const done = new URLSearchParams({ ...(task.caseId ? { valmis: task.caseId } : {}), tehty: task.key });
      location.assign(`/?${done.toString()}`);
    } catch (error) {
      status.replaceChildren(h('p', { class: 'error', role: 'alert' }, errorMessage(error)));
      complete.disabled = false;
    }
  });
}
