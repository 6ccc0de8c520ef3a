import { h } from './dom.js';
import { formatDate } from './format.js';
import type { InboxTask } from './inbox-api.js';

/** Who has the task: me, nobody yet, or a colleague. */
export function assigneeBadge(task: InboxTask): HTMLElement {
  if (task.assignedToMe) return h('span', { class: 'badge mine' }, 'Minulla');
  if (task.assignee === null) return h('span', { class: 'badge' }, 'Vapaa');
  return h('span', { class: 'badge' }, `Työn alla: ${task.assigneeName ?? task.assignee}`);
}

/**
 * The due date, with "myöhässä" in words (not only in colour) when it has passed, and saying so
 * when it is the case's deadline rather than the task's own.
 */
export function dueDateCell(task: InboxTask): HTMLElement {
  if (!task.dueDate) return h('span', { class: 'muted' }, 'Ei määräpäivää');
  const source = task.dueDateSource === 'deadline' ? h('span', { class: 'muted' }, ' (asian määräaika)') : null;
  if (!task.overdue) return h('span', {}, formatDate(task.dueDate), source);
  return h('span', { class: 'overdue' }, formatDate(task.dueDate), source, ' ', h('span', { class: 'badge overdue' }, 'Myöhässä'));
}
