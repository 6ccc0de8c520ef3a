import type { JobDefinition, ListenerDefinition } from '../model/types.js';
import type { ElementInstance, Job } from './entities.js';
import { evaluateString, evaluateValue, FeelError } from './feel.js';
import { unhandledMessage } from './error-propagation.js';
import type { Transition } from './transition.js';
import { propagateVariables, setLocalVariables } from './variables.js';

/** Jobs for service-like elements and execution listeners, and what workers do with them: activate, complete, fail, throw, update. */
export class JobBehaviour {
  constructor(private readonly tx: Transition) {}

  createElementJob(ei: ElementInstance, definition: JobDefinition): void {
    this.createJob(ei, definition.type, definition.retries, definition.headers, 'BPMN_ELEMENT', 'UNSPECIFIED');
  }

  createListenerJob(ei: ElementInstance, listener: ListenerDefinition, event: 'START' | 'END'): void {
    this.createJob(ei, listener.type, listener.retries, {}, 'EXECUTION_LISTENER', event);
  }

  private createJob(
    ei: ElementInstance,
    typeExpression: string,
    retriesExpression: string,
    headers: Record<string, string>,
    kind: Job['kind'],
    listenerEventType: Job['listenerEventType'],
  ): void {
    const tx = this.tx;
    const retry = ei.runtime.phase === 'ACTIVATING' ? 'activate' : ei.runtime.phase === 'COMPLETING' ? 'complete' : 'behave';
    const evaluated = tx.incidents.tryEvaluate(ei, 'EXTRACT_VALUE_ERROR', retry, () => {
      const context = tx.context(ei);
      const type = evaluateString(typeExpression, context, 'job type');
      const retries = Number(evaluateValue(retriesExpression, context));
      if (!Number.isInteger(retries)) throw new FeelError(`Expected the job retries '${retriesExpression}' to be an integer`);
      return { type, retries };
    });
    if (!evaluated) return;
    const tree = tx.treeOf(ei);
    const job: Job = {
      key: tx.ctx.keys.next(),
      ...tx.ownerOf(ei),
      type: evaluated.type,
      version: tx.piOf(ei).version,
      state: 'CREATED',
      kind,
      listenerEventType,
      retries: evaluated.retries,
      worker: null,
      deadline: null,
      retryAt: null,
      errorMessage: null,
      errorCode: null,
      customHeaders: headers,
      activatable: evaluated.retries > 0,
      createdAt: tx.now,
      endedAt: null,
    };
    tree.jobs.set(job.key, job);
    tree.touch(job);
    if (job.activatable) tx.effects.jobTypes.add(job.type);
    else
      tx.incidents.raise(
        ei,
        kind === 'BPMN_ELEMENT' ? 'JOB_NO_RETRIES' : 'EXECUTION_LISTENER_NO_RETRIES',
        'No more retries left.',
        'behave',
        job.key,
      );
  }

  activate(job: Job, worker: string, timeoutMs: number): void {
    job.worker = worker;
    job.deadline = new Date(this.tx.now.getTime() + timeoutMs);
    job.retryAt = null;
    this.tx.treeOfKey(job.rootKey).touch(job);
  }

  complete(job: Job, variables: Record<string, unknown>): void {
    const tx = this.tx;
    const tree = tx.treeOfKey(job.rootKey);
    this.end(job, 'COMPLETED');
    const ei = tree.element(job.elementInstanceKey);
    if (job.kind === 'EXECUTION_LISTENER') {
      ei.runtime.listenerIndex += 1;
      tree.touch(ei);
      // As Zeebe documents: a start listener's variables are local to its element, an end
      // listener's are propagated from the element's parent scope, as output mappings are.
      if (job.listenerEventType === 'START') {
        setLocalVariables(tree, tx.ctx.keys, ei, variables);
        tx.later(() => tx.lifecycle.runActivation(ei));
      } else {
        propagateVariables(tree, tx.ctx.keys, tx.scopeOf(ei) ?? ei, variables);
        tx.later(() => tx.lifecycle.runCompletion(ei));
      }
      return;
    }
    tx.lifecycle.complete(ei, variables);
  }

  fail(job: Job, failure: { retries: number; errorMessage: string; retryBackOff: number; variables: Record<string, unknown> }): void {
    const tx = this.tx;
    const tree = tx.treeOfKey(job.rootKey);
    const ei = tree.element(job.elementInstanceKey);
    setLocalVariables(tree, tx.ctx.keys, ei, failure.variables);
    job.state = 'FAILED';
    job.retries = failure.retries;
    job.errorMessage = failure.errorMessage || null;
    job.worker = null;
    job.deadline = null;
    job.retryAt = failure.retryBackOff > 0 ? new Date(tx.now.getTime() + failure.retryBackOff) : null;
    job.activatable = failure.retries > 0;
    tree.touch(job);
    if (job.activatable) {
      tx.effects.jobTypes.add(job.type);
      return;
    }
    const type = job.kind === 'BPMN_ELEMENT' ? 'JOB_NO_RETRIES' : 'EXECUTION_LISTENER_NO_RETRIES';
    tx.incidents.raise(ei, type, failure.errorMessage || 'No more retries left.', 'behave', job.key);
  }

  throwError(job: Job, error: { errorCode: string; errorMessage: string; variables: Record<string, unknown> }): void {
    const tx = this.tx;
    const tree = tx.treeOfKey(job.rootKey);
    const ei = tree.element(job.elementInstanceKey);
    job.state = 'ERROR_THROWN';
    job.errorCode = error.errorCode;
    job.errorMessage = error.errorMessage || null;
    job.activatable = false;
    job.deadline = null;
    tree.touch(job);
    if (tx.errors.throwError(ei, error.errorCode, error.variables)) {
      job.endedAt = tx.now;
      return;
    }
    tx.incidents.raise(ei, 'UNHANDLED_ERROR_EVENT', unhandledMessage(error.errorCode, error.errorMessage), 'behave', job.key);
  }

  updateRetries(job: Job, retries: number): void {
    const tx = this.tx;
    job.retries = retries;
    job.state = 'RETRIES_UPDATED';
    const incident = [...tx.treeOfKey(job.rootKey).incidents.values()].some((i) => i.jobKey === job.key && i.state === 'ACTIVE');
    job.activatable = retries > 0 && !incident && job.errorCode === null;
    tx.treeOfKey(job.rootKey).touch(job);
    if (job.activatable) tx.effects.jobTypes.add(job.type);
  }

  updateTimeout(job: Job, timeoutMs: number): void {
    job.deadline = new Date(this.tx.now.getTime() + timeoutMs);
    this.tx.treeOfKey(job.rootKey).touch(job);
  }

  private end(job: Job, state: Job['state']): void {
    job.state = state;
    job.activatable = false;
    job.endedAt = this.tx.now;
    this.tx.treeOfKey(job.rootKey).touch(job);
  }
}
