import { elementIn, isActivity, isContainer } from '../model/element-lookup.js';
import type { EventElement, EventOfKind } from '../model/types.js';
import type { ElementInstance } from './entities.js';
import { startEventOf } from './event-sub-processes.js';
import type { Transition } from './transition.js';

/** BPMN errors: thrown by error end events and job workers, caught by the innermost matching boundary or event subprocess. */
export class ErrorPropagation {
  constructor(private readonly tx: Transition) {}

  throwFromElement(ei: ElementInstance, event: EventOfKind<'error'>): void {
    const code = event.errorCode;
    if (code === undefined) throw new Error(`error end event ${ei.elementId} throws no error code`);
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
      if (isContainer(element) && current.type !== 'MULTI_INSTANCE_BODY') {
        const start = bestCatch(
          element.eventSubProcessIds.map((id) => startEventOf(model, id)),
          errorCode,
        );
        if (start?.scopeId) {
          tx.termination.terminateChildren(current);
          tx.lifecycle.activate(current, start.scopeId, { trigger: variables, startEventId: start.id, localTrigger: true });
          return true;
        }
      }
      const scope = tx.scopeOf(current);
      if (scope && isActivity(element) && current.runtime.loopCounter === undefined) {
        const boundaries = element.boundaryIds.map((id) => elementIn(model, id));
        const boundary = bestCatch(
          boundaries.filter((b) => b.kind === 'boundaryEvent'),
          errorCode,
        );
        if (boundary) {
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
function bestCatch<E extends EventElement>(candidates: E[], errorCode: string): E | undefined {
  const catching = candidates.filter((c) => c.event.kind === 'error');
  const codeOf = (c: E) => (c.event.kind === 'error' ? c.event.errorCode : undefined);
  return catching.find((c) => codeOf(c) === errorCode) ?? catching.find((c) => codeOf(c) === undefined);
}
