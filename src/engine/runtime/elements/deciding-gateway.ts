import type { DecidingGatewayElement } from '../../model/types.js';
import { evaluateFeel, FeelError } from '../feel.js';
import type { ElementUnit } from './element-unit.js';

/** An exclusive gateway takes the first flow whose condition holds, an inclusive one every such flow; else the default flow. */
export const decidingGatewayUnit: ElementUnit<DecidingGatewayElement> = {
  compile: (e, common) => ({ ...common, defaultFlowId: e.default?.id }),
  validate({ id, outgoing, defaultFlowId }, { unsupported }) {
    if (outgoing.length < 2) return;
    for (const flow of outgoing) {
      if (flow.id !== defaultFlowId && flow.condition === undefined) {
        throw unsupported(flow.id, `a flow leaving the gateway '${id}' needs a condition or must be its default flow`);
      }
    }
  },
  activate(tx, ei, element) {
    const [only, ...others] = element.outgoing;
    // A single flow is taken unevaluated only without a condition: Zeebe evaluates a lone conditional flow too.
    if (!only || (others.length === 0 && !only.condition)) {
      ei.runtime.takenFlows = element.outgoing.map((f) => f.id);
      return tx.lifecycle.complete(ei);
    }
    const chosen = tx.incidents.tryEvaluate(ei, 'CONDITION_ERROR', 'behave', () => {
      const context = tx.context(ei);
      const taken: string[] = [];
      for (const flow of element.outgoing) {
        if (flow.id === element.defaultFlowId || flow.condition === undefined) continue;
        if (evaluateFeel(flow.condition, context) === true) {
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
  },
};
