import type { ElementModel } from '../model/types.js';
import type { ElementInstance } from './entities.js';
import { startEventOf } from './event-sub-processes.js';
import type { Transition } from './transition.js';

/** BPMN errors: thrown by error end events and job workers, caught by the innermost matching boundary or event subprocess. */
export class ErrorPropagation {
  constructor(private readonly tx: Transition) {}

  throwFromElement(ei: ElementInstance, element: ElementModel): void {
    const code = element.event!.errorCode!;
    if (!this.throwError(ei, code, {})) {
      this.tx.incidents.raise(ei, 'UNHANDLED_ERROR_EVENT', unhandledMessage(code, ''), 'behave');
    }
  }

  /** Finds the innermost catch for an error and hands it over; false when nothing catches it. */
  throwError(from: ElementInstance, errorCode: string, variables: Record<string, unknown>): boolean {
    const tx = this.tx;
    const tree = tx.treeOf(from);
    let current: ElementInstance | undefined = from;
    while (current) {
      const model = tx.modelOf(current);
      const element = tx.elementOf(current);
      if (['PROCESS', 'SUB_PROCESS', 'EVENT_SUB_PROCESS'].includes(current.type)) {
        const starts = element.eventSubProcessIds.map((id) => startEventOf(model, id)).filter((s) => s.event?.kind === 'error');
        const start = bestCatch(starts, errorCode);
        if (start) {
          tx.termination.terminateChildren(current);
          tx.lifecycle.activate(current, start.scopeId!, { trigger: variables, startEventId: start.id, localTrigger: true });
          return true;
        }
      }
      if (current.type !== 'PROCESS' && current.runtime.loopCounter === undefined) {
        const boundaries = element.boundaryIds.map((id) => model.elements.get(id)!).filter((b) => b.event?.kind === 'error');
        const boundary = bestCatch(boundaries, errorCode);
        if (boundary) {
          const scope = tx.scopeOf(current)!;
          tx.termination.terminate(current);
          tx.lifecycle.activate(scope, boundary.id, { trigger: variables, localTrigger: true });
          return true;
        }
      }
      if (current.flowScopeKey) current = tree.elements.get(current.flowScopeKey);
      else {
        const pi = tx.piOf(current);
        current = pi.parentElementInstanceKey ? tree.elements.get(pi.parentElementInstanceKey) : undefined;
      }
    }
    return false;
  }
}

/** Zeebe's incident message for an error nothing catches. */
export function unhandledMessage(code: string, message: string): string {
  return `Expected to throw an error event with the code '${code}' with message '${message}', but it was not caught. No error events are available in the scope.`;
}

/** An exact error-code match wins over a catch-all error event. */
function bestCatch(candidates: ElementModel[], errorCode: string): ElementModel | undefined {
  return candidates.find((c) => c.event?.errorCode === errorCode) ?? candidates.find((c) => c.event?.errorCode === undefined);
}
