import { elementIn } from '../model/element-lookup.js';
import type { ElementModel } from '../model/types.js';
import type { ElementInstance } from './entities.js';
import { canReachAny } from './reachability.js';
import type { Transition } from './transition.js';

/**
 * Tokens along sequence flows: where a completed element's token goes,
 * how parallel and inclusive joins wait for their arrivals, and when a scope has nothing left to do.
 */
export class SequenceFlows {
  constructor(private readonly tx: Transition) {}

  /** A completed element's token moves on: along its taken flows, to a link target, or it ends the scope. */
  leave(ei: ElementInstance): void {
    const tx = this.tx;
    const scope = tx.scopeOf(ei);
    if (!scope) throw new Error(`${ei.elementId} has no scope to leave into`);
    if (scope.type === 'MULTI_INSTANCE_BODY') return tx.multiInstance.innerCompleted(scope, ei);
    const element = tx.elementOf(ei);
    const model = tx.modelOf(ei);
    const taken = ei.runtime.takenFlows;
    if (element.kind === 'endEvent' && element.event.kind === 'terminate') {
      tx.termination.terminateChildren(scope);
    } else if (element.kind === 'intermediateThrowEvent' && element.event.kind === 'link') {
      const target = model.linkTargets.get(`${element.scopeId}#${element.event.linkName}`);
      if (!target) throw new Error(`link ${element.event.linkName} of ${element.id} has no catch event`);
      tx.lifecycle.activate(scope, target);
    } else if (element.kind === 'eventBasedGateway') {
      for (const flow of element.outgoing.filter((f) => taken?.includes(f.id))) {
        this.recordFlow(scope, flow.id);
        tx.lifecycle.activate(scope, flow.targetId, { trigger: ei.runtime.trigger ?? {} });
      }
    } else {
      const flows = taken ? element.outgoing.filter((f) => taken.includes(f.id)) : element.outgoing;
      for (const flow of flows) this.arrive(scope, flow.targetId, flow.id);
    }
    tx.later(() => this.checkScope(scope));
  }

  private arrive(scope: ElementInstance, targetId: string, flowId: string): void {
    const tx = this.tx;
    this.recordFlow(scope, flowId);
    const target = elementIn(tx.modelOf(scope), targetId);
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
    const arrivals = scope.runtime.arrivals ?? {};
    const waiting = arrivals[gateway.id] ?? {};
    for (const flowId of Object.keys(waiting)) {
      waiting[flowId] -= 1;
      if (waiting[flowId] <= 0) delete waiting[flowId];
    }
    if (Object.keys(waiting).length === 0) delete arrivals[gateway.id];
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
      const gateway = elementIn(model, gatewayId);
      if (gateway.kind !== 'inclusiveGateway') continue;
      const sources = [...tree.childrenOf(scope.key).map((c) => c.elementId), ...Object.keys(arrivals).filter((id) => id !== gatewayId)];
      if (!canReachAny(model, sources, gatewayId)) this.consumeJoin(scope, gateway);
    }
    const waiting = Object.keys(scope.runtime.arrivals ?? {}).length > 0;
    if (tree.childrenOf(scope.key).length === 0 && !waiting) tx.lifecycle.complete(scope);
  }
}
