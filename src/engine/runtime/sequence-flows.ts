import type { ElementModel } from '../model/types.js';
import type { ElementInstance } from './entities.js';
import { evaluateFeel, FeelError } from './feel.js';
import { canReachAny } from './reachability.js';
import type { Transition } from './transition.js';

/**
 * Tokens along sequence flows: which flows a gateway takes, where a completed element's token goes,
 * how parallel and inclusive joins wait for their arrivals, and when a scope has nothing left to do.
 */
export class SequenceFlows {
  constructor(private readonly tx: Transition) {}

  decide(ei: ElementInstance, element: ElementModel): void {
    const tx = this.tx;
    const [only, ...others] = element.outgoing;
    // A single flow is taken unevaluated only without a condition: Zeebe evaluates a lone conditional flow too.
    if (!only || (others.length === 0 && !only.condition)) {
      ei.runtime.takenFlows = element.outgoing.map((f) => f.id);
      return tx.lifecycle.complete(ei);
    }
    const chosen = tx.incidents.tryEvaluate(ei, 'CONDITION_ERROR', 'behave', () => {
      const context = tx.context(ei);
      const conditional = element.outgoing.filter((f) => f.id !== element.defaultFlowId);
      const taken: string[] = [];
      for (const flow of conditional) {
        if (evaluateFeel(flow.condition!, context) === true) {
          taken.push(flow.id);
          if (element.kind === 'exclusiveGateway') break;
        }
      }
      if (taken.length === 0 && element.defaultFlowId) taken.push(element.defaultFlowId);
      if (taken.length === 0) {
        throw new FeelError(`Expected at least one condition to evaluate to true, or to have a default flow (gateway '${element.id}')`);
      }
      return taken;
    });
    if (!chosen) return;
    ei.runtime.takenFlows = chosen;
    tx.lifecycle.complete(ei);
  }

  /** A completed element's token moves on: along its taken flows, to a link target, or it ends the scope. */
  leave(ei: ElementInstance): void {
    const tx = this.tx;
    const scope = tx.scopeOf(ei)!;
    if (scope.type === 'MULTI_INSTANCE_BODY') return tx.multiInstance.innerCompleted(scope, ei);
    const element = tx.elementOf(ei);
    const model = tx.modelOf(ei);
    if (element.kind === 'endEvent' && element.event?.kind === 'terminate') {
      tx.termination.terminateChildren(scope);
    } else if (element.kind === 'intermediateThrowEvent' && element.event?.kind === 'link') {
      tx.lifecycle.activate(scope, model.linkTargets.get(`${element.scopeId}#${element.event.linkName}`)!);
    } else if (element.kind === 'eventBasedGateway') {
      const chosen = ei.runtime.takenFlows![0];
      const flow = element.outgoing.find((f) => f.id === chosen)!;
      this.recordFlow(scope, flow.id);
      tx.lifecycle.activate(scope, flow.targetId, { trigger: ei.runtime.trigger ?? {} });
    } else {
      const flows = ei.runtime.takenFlows ?? element.outgoing.map((f) => f.id);
      for (const flowId of flows) this.arrive(scope, element.outgoing.find((f) => f.id === flowId)!.targetId, flowId);
    }
    tx.later(() => this.checkScope(scope));
  }

  private arrive(scope: ElementInstance, targetId: string, flowId: string): void {
    const tx = this.tx;
    this.recordFlow(scope, flowId);
    const target = tx.modelOf(scope).elements.get(targetId)!;
    const joining = (target.kind === 'parallelGateway' || target.kind === 'inclusiveGateway') && target.incoming.length > 1;
    if (!joining) {
      tx.lifecycle.activate(scope, targetId);
      return;
    }
    const arrivals = (scope.runtime.arrivals ??= {});
    const waiting = (arrivals[targetId] ??= {});
    waiting[flowId] = (waiting[flowId] ?? 0) + 1;
    tx.treeOf(scope).touch(scope);
    if (target.kind === 'parallelGateway' && target.incoming.every((f) => (waiting[f.id] ?? 0) > 0)) {
      this.consumeJoin(scope, target);
    }
  }

  /** Taken sequence flows are kept, as Zeebe's SEQUENCE_FLOW_TAKEN records are: for coverage and path views. */
  private recordFlow(scope: ElementInstance, flowId: string): void {
    const key = this.tx.ctx.keys.next();
    this.tx.changeset.put('sequence_flows', key, {
      key,
      root_key: scope.rootKey,
      process_instance_key: scope.processInstanceKey,
      definition_key: scope.definitionKey,
      bpmn_process_id: scope.bpmnProcessId,
      flow_id: flowId,
      taken_at: this.tx.now.toISOString(),
    });
  }

  private consumeJoin(scope: ElementInstance, gateway: ElementModel): void {
    const waiting = scope.runtime.arrivals![gateway.id];
    for (const flowId of Object.keys(waiting)) {
      waiting[flowId] -= 1;
      if (waiting[flowId] <= 0) delete waiting[flowId];
    }
    if (Object.keys(waiting).length === 0) delete scope.runtime.arrivals![gateway.id];
    this.tx.treeOf(scope).touch(scope);
    this.tx.lifecycle.activate(scope, gateway.id);
  }

  /** Fires inclusive joins no token can reach any more, and completes a scope with nothing left to do. */
  private checkScope(scope: ElementInstance): void {
    if (scope.state !== 'ACTIVE' || scope.runtime.phase !== 'ACTIVATED' || scope.type === 'MULTI_INSTANCE_BODY') return;
    const tx = this.tx;
    const tree = tx.treeOf(scope);
    const model = tx.modelOf(scope);
    const arrivals = scope.runtime.arrivals ?? {};
    for (const gatewayId of Object.keys(arrivals)) {
      const gateway = model.elements.get(gatewayId)!;
      if (gateway.kind !== 'inclusiveGateway') continue;
      const sources = [...tree.childrenOf(scope.key).map((c) => c.elementId), ...Object.keys(arrivals).filter((id) => id !== gatewayId)];
      if (!canReachAny(model, sources, gatewayId)) this.consumeJoin(scope, gateway);
    }
    const waiting = Object.keys(scope.runtime.arrivals ?? {}).length > 0;
    if (tree.childrenOf(scope.key).length === 0 && !waiting) tx.lifecycle.complete(scope);
  }
}
