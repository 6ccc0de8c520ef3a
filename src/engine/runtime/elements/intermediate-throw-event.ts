import { compileEventDefinition } from '../../model/event-definition.js';
import type { IntermediateThrowEventElement } from '../../model/types.js';
import type { ElementUnit } from './element-unit.js';
import { eventUnitOf } from './events/index.js';
import { throwSignal } from './events/signal.js';
import { jobExpressions, jobOf } from './job.js';

/** A none throw event passes, a message throw event's job publishes the message, a signal throw event broadcasts, a link throw jumps to its catch (as it leaves). */
export const intermediateThrowEventUnit: ElementUnit<IntermediateThrowEventElement> = {
  compile: (e, common, { root, unsupported }) => ({
    ...common,
    event: compileEventDefinition(e, root, unsupported),
    job: jobOf(e, unsupported),
  }),
  validate({ id, scopeId, event, job }, { process, unsupported }) {
    if (event.kind === 'message' && !job) {
      throw unsupported(id, 'a message throw event needs a zeebe:taskDefinition (its job publishes the message)');
    }
    if (!['none', 'message', 'signal', 'link'].includes(event.kind)) throw unsupported(id, `${event.kind} throw events are not supported`);
    if (event.kind === 'link' && !process.linkTargets.has(`${scopeId}#${event.linkName}`)) {
      throw unsupported(id, `no link catch event named '${event.linkName}' in the same scope`);
    }
  },
  expressions: (element) => [...eventUnitOf(element.event).expressions(element.event), ...jobExpressions(element.job)],
  activate(tx, ei, element) {
    if (element.job) return tx.jobs.createElementJob(ei, element.job);
    if (element.event.kind === 'signal' && !throwSignal(tx, ei, element.event)) return;
    tx.lifecycle.complete(ei, ei.runtime.trigger);
  },
};
