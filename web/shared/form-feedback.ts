import { ApiError, errorMessage } from './api.js';
import { h } from './dom.js';
import { finnishFieldMessage } from './finnish-messages.js';

/**
 * Shows the outcome of a save inside `form`: a confirmation, or the API's refusal with each
 * invalid field's message beside the control whose `data-field` names it (aria-invalid and
 * aria-describedby, so a screen reader reads it with the field).
 */
export function showOutcome(
  form: HTMLElement,
  status: HTMLElement,
  outcome: { ok: string } | { error: unknown } | { refused: { field: string; detail: string }[] },
): void {
  for (const old of form.querySelectorAll('.field-error')) old.remove();
  for (const control of form.querySelectorAll('[aria-invalid]')) {
    control.removeAttribute('aria-invalid');
    control.removeAttribute('aria-describedby');
  }
  if ('ok' in outcome) {
    status.replaceChildren(h('span', { class: 'saved' }, outcome.ok));
    return;
  }
  if ('refused' in outcome) {
    for (const problem of outcome.refused) markField(form, problem.field, problem.detail);
    status.replaceChildren(h('span', { class: 'error', role: 'alert' }, 'Tarkista merkityt kentät.'));
    return;
  }
  const { error } = outcome;
  const unplaced: string[] = [];
  for (const fieldError of error instanceof ApiError ? error.errors : []) {
    if (!markField(form, fieldError.field, finnishFieldMessage(fieldError.detail)))
      unplaced.push(`${fieldError.field}: ${fieldError.detail}`);
  }
  const placed = error instanceof ApiError && error.errors.length > 0 && unplaced.length === 0;
  const general = placed
    ? 'Tallennus hylättiin: tarkista merkityt kentät.'
    : error instanceof ApiError && error.status === 409
      ? `Muutosta ei voitu tehdä: ${error.detail}`
      : errorMessage(error);
  status.replaceChildren(
    h('span', { class: 'error', role: 'alert' }, unplaced.length > 0 ? `${general} (${unplaced.join('; ')})` : general),
  );
}

/** Puts `message` beside the control whose `data-field` is `fieldName`; false when the form has none. */
function markField(form: HTMLElement, fieldName: string, message: string): boolean {
  const control = form.querySelector<HTMLElement>(`[data-field="${CSS.escape(fieldName)}"]`);
  if (!control) return false;
  const id = `${control.id || fieldName.replaceAll('.', '-')}-error`;
  control.setAttribute('aria-invalid', 'true');
  control.setAttribute('aria-describedby', id);
  control.after(h('span', { class: 'field-error', id }, message));
  return true;
}

/** Runs a save: disables the button meanwhile and shows the outcome. */
export async function saving(
  form: HTMLElement,
  status: HTMLElement,
  button: HTMLButtonElement,
  work: () => Promise<string>,
): Promise<void> {
  button.disabled = true;
  try {
    showOutcome(form, status, { ok: await work() });
  } catch (error) {
    showOutcome(form, status, { error });
  } finally {
    button.disabled = false;
  }
}

/** Saves with `work` when the form is submitted (Enter in a field, or its submit button). */
export function saveOnSubmit(form: HTMLFormElement, status: HTMLElement, button: HTMLButtonElement, work: () => Promise<string>): void {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void saving(form, status, button, work);
  });
}

/** A labelled control. */
export function field(id: string, label: string, control: HTMLElement): HTMLElement {
  return h('div', { class: 'field' }, h('label', { for: id }, label), control);
}
