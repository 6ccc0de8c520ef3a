import type { ElementInstance } from './entities.js';
import type { Transition } from './transition.js';

/** Terminating element instances: their children, called processes, timers, subscriptions, jobs, user tasks and incidents go with them. */
export class Termination {
  constructor(private readonly tx: Transition) {}

  terminate(ei: ElementInstance): void {
    if (ei.state !== 'ACTIVE') return;
    const tx = this.tx;
    const tree = tx.treeOf(ei);
    for (const child of tree.childrenOf(ei.key)) this.terminate(child);
    if (ei.type === 'CALL_ACTIVITY') {
      for (const pi of tree.processInstances.values()) {
        if (pi.parentElementInstanceKey === ei.key && pi.state === 'ACTIVE') this.terminate(tree.element(pi.key));
      }
    }
    tx.events.closeOwned(ei);
    for (const job of tree.jobs.values()) {
      if (job.elementInstanceKey === ei.key && !job.endedAt) {
        job.state = 'CANCELED';
        job.activatable = false;
        job.endedAt = tx.now;
        tree.touch(job);
      }
    }
    for (const task of tree.userTasks.values()) {
      if (task.elementInstanceKey === ei.key && task.state === 'CREATED') {
        task.state = 'CANCELED';
        task.completionDate = tx.now;
        tree.touch(task);
      }
    }
    for (const incident of tree.incidents.values()) {
      if (incident.elementInstanceKey === ei.key && incident.state === 'ACTIVE') {
        incident.state = 'RESOLVED';
        tree.touch(incident);
      }
    }
    ei.state = 'TERMINATED';
    ei.runtime.phase = 'TERMINATED';
    ei.incidentKey = null;
    ei.endDate = tx.now;
    tree.detach(ei);
    tree.touch(ei);
    if (ei.type === 'PROCESS') {
      const pi = tx.piOf(ei);
      pi.state = 'TERMINATED';
      pi.endDate = tx.now;
      pi.hasIncident = false;
      tree.touch(pi);
      if (!pi.parentElementInstanceKey) {
        tx.effects.endedInstances.set(pi.key, { completed: false, variables: {} });
        tx.correlation.releaseStartLock(pi);
      }
    } else {
      tx.incidents.refreshIncidentFlag(tx.piOf(ei));
    }
  }

  terminateChildren(scope: ElementInstance): void {
    for (const child of this.tx.treeOf(scope).childrenOf(scope.key)) this.terminate(child);
    if (scope.runtime.arrivals) {
      delete scope.runtime.arrivals;
      this.tx.treeOf(scope).touch(scope);
    }
  }
}
