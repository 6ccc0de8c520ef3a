import { compileEventDefinition } from '../../model/event-definition.js';
import type { EndEventElement } from '../../model/types.js';
import type { ElementUnit } from './element-unit.js';
import { eventUnitOf } from './events/index.js';
import { throwSignal } from './events/signal.js';
import { jobExpressions, jobOf } from './job.js';

/** An error end event throws; a message end event has its job, a signal end event broadcasts; other end events just complete (a terminate one terminates as it leaves). */
export const endEventUnit: ElementUnit<EndEventElement> = {
  compile: (e, common, { root, unsupported }) => ({
    ...common,
    event: compileEventDefinition(e, root, unsupported),
    job: jobOf(e, unsupported),
  }),
  validate({ id, event, job }, { unsupported }) {
    if (event.kind === 'message' && !job) {
      throw unsupported(id, 'a message throw event needs a zeebe:taskDefinition (its job publishes the message)');
    }
    if (event.kind === 'error' && !event.errorCode) throw unsupported(id, 'an error end event needs an error with an errorCode');
    if (!['none', 'error', 'terminate', 'message', 'signal'].includes(event.kind))
      throw unsupported(id, `${event.kind} end events are not supported`);
  },
  expressions: (element) => [...eventUnitOf(element.event).expressions(element.event), ...jobExpressions(element.job)],
  activate(tx, ei, element) {
    if (element.event.kind === 'error') return tx.errors.throwFromElement(ei, element.event);
    if (element.job) return tx.jobs.createElementJob(ei, element.job);
    if (element.event.kind === 'signal' && !throwSignal(tx, ei, element.event)) return;
    tx.lifecycle.complete(ei);
  },
};
