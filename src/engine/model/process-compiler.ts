import { compileElement } from './element-compiler.js';
import { IGNORED, KINDS } from './element-kinds.js';
import { isActivity, isContainer } from './element-lookup.js';
import { validateElement } from './element-validation.js';
import { extension, stripEquals, type Moddle } from './moddle.js';
import { reject, type Unsupported } from './rejection.js';
import type { RootDefinitions } from './root-definitions.js';
import type { ContainerElement, ElementModel, FlowModel, ProcessModel } from './types.js';

/** Compiles one executable process: walks its (nested) elements, links flows and boundaries, then validates. */
export class ProcessCompiler {
  private readonly elements = new Map<string, ElementModel>();
  private readonly moddleElements = new Map<string, Moddle>();
  private readonly flows: FlowModel[] = [];
  private readonly linkTargets = new Map<string, string>();
  private readonly unsupported: Unsupported;

  constructor(
    private readonly process: Moddle,
    private readonly resourceName: string,
    private readonly root: RootDefinitions,
  ) {
    this.unsupported = (id, reason) => reject(resourceName, `element '${id}' of process '${process.id}': ${reason}`);
  }

  compile(): ProcessModel {
    const p = this.process;
    if (!p.id) throw reject(this.resourceName, 'has a process without an id');
    const root = compileElement(p, 'process', null, this.root, this.unsupported);
    if (root.kind !== 'process') throw new Error(`process ${p.id} compiled as a ${root.kind}`);
    this.elements.set(p.id, root);
    this.walk(p.flowElements ?? [], root);
    this.link();
    const linked = { elements: this.elements, linkTargets: this.linkTargets };
    for (const element of this.elements.values()) validateElement(element, linked, this.unsupported);
    const topLevel = [...this.elements.values()].flatMap((e) => (e.scopeId === p.id && e.kind === 'startEvent' ? [e] : []));
    const versionTag = extension(p, 'zeebe:VersionTag')?.value ?? null;
    const noneStart = topLevel.find((e) => e.event.kind === 'none');
    return {
      bpmnProcessId: p.id,
      name: p.name ?? null,
      versionTag,
      elements: this.elements,
      root,
      messageStarts: topLevel.flatMap(({ id, event }) => (event.kind === 'message' ? [{ id, message: event.message }] : [])),
      timerStarts: topLevel.flatMap(({ id, event }) => (event.kind === 'timer' ? [{ id, timer: event.timer }] : [])),
      hasStartForm: Boolean(noneStart && extension(this.moddleElements.get(noneStart.id), 'zeebe:FormDefinition')),
      linkTargets: this.linkTargets,
    };
  }

  private walk(flowElements: Moddle[], scope: ContainerElement): void {
    for (const e of flowElements) {
      if (e.$type === 'bpmn:SequenceFlow') {
        this.flows.push({
          id: e.id,
          name: e.name ?? '',
          sourceId: e.sourceRef?.id,
          targetId: e.targetRef?.id,
          condition: e.conditionExpression ? stripEquals(e.conditionExpression.body ?? '') : undefined,
        });
        continue;
      }
      if (IGNORED.has(e.$type)) continue;
      let kind = KINDS[e.$type];
      if (!kind) throw this.unsupported(e.id, `${e.$type.replace('bpmn:', '')} elements are not supported`);
      if (kind === 'subProcess' && e.triggeredByEvent) kind = 'eventSubProcess';
      if (this.elements.has(e.id)) throw this.unsupported(e.id, 'the id is used twice');
      const model = compileElement(e, kind, scope.id, this.root, this.unsupported);
      this.elements.set(e.id, model);
      this.moddleElements.set(e.id, e);
      if (isContainer(model)) this.walk(e.flowElements ?? [], model);
      if (model.kind === 'eventSubProcess') scope.eventSubProcessIds.push(e.id);
      if (model.kind === 'startEvent' && model.event.kind === 'none') {
        if (scope.noneStartId) throw this.unsupported(e.id, `'${scope.id}' has more than one none start event`);
        scope.noneStartId = e.id;
      }
      if (model.kind === 'intermediateCatchEvent' && model.event.kind === 'link') {
        this.linkTargets.set(`${scope.id}#${model.event.linkName}`, e.id);
      }
    }
  }

  private link(): void {
    for (const flow of this.flows) {
      const source = this.elements.get(flow.sourceId);
      const target = this.elements.get(flow.targetId);
      if (!source || !target) throw this.unsupported(flow.id, 'the sequence flow must connect two flow nodes');
      if (source.scopeId !== target.scopeId) {
        throw this.unsupported(flow.id, 'a sequence flow cannot cross a subprocess border');
      }
      source.outgoing.push(flow);
      target.incoming.push(flow);
    }
    for (const element of this.elements.values()) {
      if (element.kind === 'boundaryEvent') {
        const host = this.elements.get(element.attachedToId);
        if (!host || !isActivity(host)) throw this.unsupported(element.id, 'the boundary event is attached to an unknown activity');
        host.boundaryIds.push(element.id);
        element.scopeId = host.scopeId;
      }
    }
  }
}
