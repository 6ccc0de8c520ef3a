import type { UserTaskChanges } from '../commands.js';
import type { EngineParts } from '../engine-parts.js';
import { EngineRejection } from '../errors.js';
import type { UserTask } from '../runtime/entities.js';
import type { Transition } from '../runtime/transition.js';

/** People's commands on user tasks: assign, unassign, update, complete. */
export class UserTaskHandler {
  constructor(private readonly parts: EngineParts) {}

  assign(userTaskKey: string, assignment: { assignee: string; allowOverride: boolean }): Promise<void> {
    return this.withTask(userTaskKey, 'assign', (tx, task) => {
      if (!assignment.allowOverride && task.assignee && task.assignee !== assignment.assignee) {
        throw EngineRejection.invalidState(
          `Expected to assign user task with key '${userTaskKey}', but it is already assigned to '${task.assignee}' and allowOverride is false`,
        );
      }
      tx.userTasks.assign(task, assignment.assignee);
    });
  }

  unassign(userTaskKey: string): Promise<void> {
    return this.withTask(userTaskKey, 'unassign', (tx, task) => tx.userTasks.assign(task, null));
  }

  update(userTaskKey: string, changes: UserTaskChanges): Promise<void> {
    return this.withTask(userTaskKey, 'update', (tx, task) => tx.userTasks.update(task, changes));
  }

  complete(userTaskKey: string, variables: Record<string, unknown>): Promise<void> {
    return this.withTask(userTaskKey, 'complete', (tx, task) => tx.userTasks.complete(task, variables));
  }

  private async withTask(key: string, verb: string, fn: (tx: Transition, task: UserTask) => void): Promise<void> {
    const { runner } = this.parts;
    const rootKey = await runner.rootOf('user_tasks', key, 'user task');
    await runner.run([rootKey], (tx) => {
      const task = tx.treeOfKey(rootKey).userTasks.get(key);
      if (!task)
        throw EngineRejection.notFound(
          `Command rejected: Expected to ${verb} user task with key '${key}', but no such user task was found`,
        );
      fn(tx, task);
    });
  }
}
