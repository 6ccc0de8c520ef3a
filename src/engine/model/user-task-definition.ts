import { requireLatestBinding } from './latest-binding.js';
import { extension, type Moddle } from './moddle.js';
import type { Unsupported } from './rejection.js';
import type { UserTaskDefinition } from './types.js';

export function compileUserTask(e: Moddle, unsupported: Unsupported): UserTaskDefinition {
  if (!extension(e, 'zeebe:UserTask')) {
    throw unsupported(e.id, 'only Camunda user tasks (zeebe:userTask) are supported, not job-worker user tasks');
  }
  const form = extension(e, 'zeebe:FormDefinition');
  const assignment = extension(e, 'zeebe:AssignmentDefinition');
  const schedule = extension(e, 'zeebe:TaskSchedule');
  const priority = extension(e, 'zeebe:PriorityDefinition');
  if (form?.formKey) throw unsupported(e.id, 'embedded form keys are not supported; link a form by formId');
  if (form) requireLatestBinding(e.id, form, unsupported);
  return {
    formId: form?.formId || undefined,
    externalReference: form?.externalReference || undefined,
    assignee: assignment?.assignee || undefined,
    candidateGroups: assignment?.candidateGroups || undefined,
    candidateUsers: assignment?.candidateUsers || undefined,
    dueDate: schedule?.dueDate || undefined,
    followUpDate: schedule?.followUpDate || undefined,
    priority: priority?.priority !== undefined ? String(priority.priority) : undefined,
  };
}
