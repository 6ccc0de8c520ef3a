import { JOB_ELEMENT_KINDS } from './element-kinds.js';
import { validateExpressions } from './expression-validation.js';
import { validateEventGateway, validateOutgoingFlows } from './flow-validation.js';
import { prototypeSegmentOf } from '../runtime/variable-names.js';
import type { Moddle } from './moddle.js';
import type { Unsupported } from './rejection.js';
import type { RootDefinitions } from './root-definitions.js';
import type { ElementModel } from './types.js';

/** What a linked process offers its validation: every element, its moddle source and its link catch events. */
export interface LinkedProcess {
  elements: ReadonlyMap<string, ElementModel>;
  moddleElements: ReadonlyMap<string, Moddle>;
  /** `${scopeId}#${linkName}` → the link catch event's id. */
  linkTargets: ReadonlyMap<string, string>;
}

/** Rejects the elements a linked process holds that the engine cannot run as written. */
export class ElementValidator {
  constructor(
    private readonly process: LinkedProcess,
    private readonly root: RootDefinitions,
    private readonly unsupported: Unsupported,
  ) {}

  validate(e: ElementModel): void {
    const unsupported = this.unsupported;
    const event = e.event;
    for (const name of variableNamesWritten(e)) {
      const segment = prototypeSegmentOf(name);
      if (segment)
        throw unsupported(e.id, `the variable '${name}' names '${segment}', which may not be a variable name or a segment of one`);
    }
    if (JOB_ELEMENT_KINDS.has(e.kind) && !e.job && !e.script) {
      throw unsupported(e.id, 'the task needs a zeebe:taskDefinition with a job type');
    }
    if (e.kind === 'businessRuleTask' && !e.job) throw unsupported(e.id, 'DMN decisions are not supported');
    if (e.job && !e.job.type) throw unsupported(e.id, 'the job type must not be empty');
    if ((e.kind === 'intermediateThrowEvent' || e.kind === 'endEvent') && event?.kind === 'message' && !e.job) {
      throw unsupported(e.id, 'a message throw event needs a zeebe:taskDefinition (its job publishes the message)');
    }
    if (e.kind === 'startEvent') this.validateStart(e);
    if (e.kind === 'endEvent' && event?.kind === 'error' && !event.errorCode) {
      throw unsupported(e.id, 'an error end event needs an error with an errorCode');
    }
    if (e.kind === 'endEvent' && !['none', 'error', 'terminate', 'message'].includes(event?.kind ?? 'none')) {
      throw unsupported(e.id, `${event?.kind} end events are not supported`);
    }
    if (e.kind === 'intermediateCatchEvent' && !['timer', 'message', 'link'].includes(event?.kind ?? 'none')) {
      throw unsupported(e.id, 'an intermediate catch event needs a timer, message or link definition');
    }
    if (e.kind === 'intermediateThrowEvent' && !['none', 'message', 'link'].includes(event?.kind ?? 'none')) {
      throw unsupported(e.id, `${event?.kind} throw events are not supported`);
    }
    if (e.kind === 'boundaryEvent') {
      if (!['timer', 'message', 'error'].includes(event?.kind ?? 'none')) {
        throw unsupported(e.id, 'a boundary event needs a timer, message or error definition');
      }
      if (event?.kind === 'error' && !e.interrupting) throw unsupported(e.id, 'error boundary events are always interrupting');
    }
    if (event?.kind === 'message' && e.kind !== 'startEvent' && !event.message?.correlationKey && !e.job) {
      throw unsupported(e.id, 'the message needs a zeebe:subscription correlationKey');
    }
    if (e.kind === 'receiveTask') this.validateReceiveTask(e);
    if (e.kind === 'intermediateThrowEvent' && event?.kind === 'link') {
      if (!this.process.linkTargets.has(`${e.scopeId}#${event.linkName}`)) {
        throw unsupported(e.id, `no link catch event named '${event.linkName}' in the same scope`);
      }
    }
    if (e.kind === 'subProcess' && !e.noneStartId) throw unsupported(e.id, 'an embedded subprocess needs one none start event');
    if (e.kind === 'eventSubProcess' && e.noneStartId) {
      throw unsupported(e.id, 'an event subprocess needs a timer, message or error start event');
    }
    if (e.kind === 'eventBasedGateway') validateEventGateway(e, this.process.elements, unsupported);
    validateOutgoingFlows(e, unsupported);
    validateExpressions(e, unsupported);
  }

  private validateStart(e: ElementModel): void {
    const scope = e.scopeId ? this.process.elements.get(e.scopeId) : undefined;
    const kind = e.event?.kind ?? 'none';
    if (scope?.kind === 'eventSubProcess') {
      if (!['timer', 'message', 'error'].includes(kind)) {
        throw this.unsupported(e.id, 'an event subprocess start event needs a timer, message or error definition');
      }
      if (kind === 'error' && !e.interrupting) throw this.unsupported(e.id, 'error start events are always interrupting');
      if (kind === 'message' && !e.event?.message?.correlationKey) {
        throw this.unsupported(e.id, 'the message needs a zeebe:subscription correlationKey');
      }
      return;
    }
    if (scope?.kind === 'subProcess' && kind !== 'none') {
      throw this.unsupported(e.id, 'an embedded subprocess starts with a none start event');
    }
    if (!['none', 'timer', 'message'].includes(kind)) throw this.unsupported(e.id, `${kind} start events are not supported here`);
  }

  /** A receive task waits like a message catch event, so the runtime sees it as one. */
  private validateReceiveTask(e: ElementModel): void {
    const m = this.process.moddleElements.get(e.id)?.messageRef;
    const message = m ? this.root.messages.get(m.id) : undefined;
    if (!message?.name || !message.correlationKey) {
      throw this.unsupported(e.id, 'a receive task needs a message with a name and a zeebe:subscription correlationKey');
    }
    e.event = { kind: 'message', message };
  }
}

/** Every variable name or mapping target an element writes to. */
function variableNamesWritten(e: ElementModel): string[] {
  return [
    ...e.inputs.map((m) => m.target),
    ...e.outputs.map((m) => m.target),
    ...(e.script ? [e.script.resultVariable] : []),
    ...[e.loop?.inputElement, e.loop?.outputCollection].filter((name): name is string => name !== undefined),
  ];
}
