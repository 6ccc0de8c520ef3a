import type { ElementInstance, Incident, IncidentType, ProcessInstance } from './entities.js';
import { FeelError } from './feel.js';
import type { Transition } from './transition.js';

/** Which lifecycle step an element retries once its incident is resolved. */
export type RetryStep = NonNullable<ElementInstance['runtime']['retry']>;

/** Incidents: raised where an evaluation or a job fails for good, resolved by retrying the step that failed. */
export class Incidents {
  constructor(private readonly tx: Transition) {}

  /**
   * Runs an evaluation; if it fails, raises an incident on the element that remembers which step
   * to retry on resolution, and answers undefined.
   */
  tryEvaluate<T>(ei: ElementInstance, type: IncidentType, retry: RetryStep, fn: () => T): T | undefined {
    try {
      return fn();
    } catch (error) {
      if (!(error instanceof FeelError)) throw error;
      this.raise(ei, type, error.message, retry);
      return undefined;
    }
  }

  raise(ei: ElementInstance, type: IncidentType, message: string, retry: RetryStep, jobKey: string | null = null): void {
    const tx = this.tx;
    const tree = tx.treeOf(ei);
    const incident: Incident = {
      key: tx.ctx.keys.next(),
      ...tx.ownerOf(ei),
      errorType: type,
      errorMessage: message,
      state: 'ACTIVE',
      jobKey,
      creationTime: tx.now,
    };
    tree.incidents.set(incident.key, incident);
    tree.touch(incident);
    ei.incidentKey = incident.key;
    ei.runtime.retry = retry;
    tree.touch(ei);
    const pi = tx.piOf(ei);
    pi.hasIncident = true;
    tree.touch(pi);
  }

  resolve(incident: Incident): void {
    const tx = this.tx;
    const tree = tx.treeOfKey(incident.rootKey);
    incident.state = 'RESOLVED';
    tree.touch(incident);
    const ei = tree.element(incident.elementInstanceKey);
    ei.incidentKey = null;
    const retry = ei.runtime.retry;
    delete ei.runtime.retry;
    tree.touch(ei);
    this.refreshIncidentFlag(tx.piOf(ei));
    const job = incident.jobKey ? tree.jobs.get(incident.jobKey) : undefined;
    if (job && !job.endedAt) {
      if (job.state === 'ERROR_THROWN') {
        job.state = 'CREATED';
        job.errorCode = null;
      }
      job.activatable = job.retries > 0;
      job.retryAt = null;
      job.deadline = null;
      tree.touch(job);
      if (job.activatable) tx.effects.jobTypes.add(job.type);
      return;
    }
    if (retry === 'activate') tx.later(() => tx.lifecycle.runActivation(ei));
    else if (retry === 'complete') tx.later(() => tx.lifecycle.runCompletion(ei));
    else tx.later(() => tx.lifecycle.behave(ei, tx.elementOf(ei)));
  }

  refreshIncidentFlag(pi: ProcessInstance): void {
    const tree = this.tx.treeOfKey(pi.rootKey);
    const has = [...tree.incidents.values()].some((i) => i.processInstanceKey === pi.key && i.state === 'ACTIVE');
    if (pi.hasIncident !== has) {
      pi.hasIncident = has;
      tree.touch(pi);
    }
  }
}
