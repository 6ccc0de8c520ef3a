import type { UserTaskChanges } from '../commands.js';
import type { UserTaskElement } from '../model/types.js';
import type { ElementInstance, UserTask } from './entities.js';
import { evaluateStringList, evaluateValue, FeelError, kindOf } from './feel.js';
import type { Transition } from './transition.js';

/** Camunda user tasks: created with their evaluated assignment, dates, priority and form; assigned and completed by people. */
export class UserTaskBehaviour {
  constructor(private readonly tx: Transition) {}

  create(ei: ElementInstance, element: UserTaskElement): void {
    const tx = this.tx;
    const definition = element.userTask;
    const evaluated = tx.incidents.tryEvaluate(ei, 'EXTRACT_VALUE_ERROR', 'behave', () => {
      const context = tx.context(ei);
      const text = (raw: string | undefined, what: string) => {
        if (raw === undefined) return null;
        const value = evaluateValue(raw, context);
        if (value === null || value === '') return null;
        if (typeof value !== 'string') throw new FeelError(`Expected the ${what} '${raw}' to be a string, but was '${kindOf(value)}'`);
        return value;
      };
      const dateOf = (raw: string | undefined, what: string) => {
        const value = text(raw, what);
        if (value === null) return null;
        const date = new Date(value);
        if (Number.isNaN(date.getTime()))
          throw new FeelError(`Expected the ${what} '${raw}' to be an ISO 8601 date-time, but was '${value}'`);
        return date;
      };
      const priority = definition.priority === undefined ? 50 : Number(evaluateValue(definition.priority, context));
      if (!Number.isInteger(priority) || priority < 0 || priority > 100) {
        throw new FeelError(`Expected the priority '${definition.priority}' to be an integer between 0 and 100`);
      }
      return {
        assignee: text(definition.assignee, 'assignee'),
        candidateGroups: definition.candidateGroups ? evaluateStringList(definition.candidateGroups, context, 'candidate groups') : [],
        candidateUsers: definition.candidateUsers ? evaluateStringList(definition.candidateUsers, context, 'candidate users') : [],
        dueDate: dateOf(definition.dueDate, 'due date'),
        followUpDate: dateOf(definition.followUpDate, 'follow-up date'),
        priority,
      };
    });
    if (!evaluated) return;
    let formKey: string | null = null;
    if (definition.formId) {
      const form = tx.ctx.definitions.latestForms.get(definition.formId);
      if (!form) {
        tx.incidents.raise(
          ei,
          'FORM_NOT_FOUND',
          `Expected to find a form with id '${definition.formId}', but no form with this id is deployed.`,
          'behave',
        );
        return;
      }
      formKey = form.key;
    }
    const tree = tx.treeOf(ei);
    const model = tx.modelOf(ei);
    const task: UserTask = {
      key: tx.ctx.keys.next(),
      ...tx.ownerOf(ei),
      name: element.name || null,
      version: tx.piOf(ei).version,
      processName: model.name,
      state: 'CREATED',
      ...evaluated,
      formKey,
      externalFormReference: definition.externalReference ?? null,
      customHeaders: element.job?.headers ?? {},
      creationDate: tx.now,
      completionDate: null,
    };
    tree.userTasks.set(task.key, task);
    tree.touch(task);
  }

  complete(task: UserTask, variables: Record<string, unknown>): void {
    const tree = this.tx.treeOfKey(task.rootKey);
    task.state = 'COMPLETED';
    task.completionDate = this.tx.now;
    tree.touch(task);
    this.tx.lifecycle.complete(tree.element(task.elementInstanceKey), variables);
  }

  /** Applies a changeset: what it leaves out keeps its value. */
  update(task: UserTask, changes: UserTaskChanges): void {
    if (changes.dueDate !== undefined) task.dueDate = changes.dueDate;
    if (changes.followUpDate !== undefined) task.followUpDate = changes.followUpDate;
    if (changes.candidateGroups !== undefined) task.candidateGroups = changes.candidateGroups;
    if (changes.candidateUsers !== undefined) task.candidateUsers = changes.candidateUsers;
    if (changes.priority !== undefined) task.priority = changes.priority;
    this.tx.treeOfKey(task.rootKey).touch(task);
  }

  assign(task: UserTask, assignee: string | null): void {
    task.assignee = assignee;
    this.tx.treeOfKey(task.rootKey).touch(task);
  }
}
