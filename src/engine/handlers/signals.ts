import type { BroadcastSignal } from '../commands.js';
import type { EngineParts } from '../engine-parts.js';
import type { DefinitionMeta } from '../runtime/definitions.js';
import { ENGINE_SCHEMA as S } from '../store/schema.js';

/**
 * Broadcasting signals, from POST /v2/signals/broadcast or a signal throw or end event: in one
 * transition every open subscription of the name is triggered (catch events, boundary events,
 * event-subprocess starts, each non-interrupting one staying open) and every latest process
 * version with a top-level signal start event of the name gets one new instance.
 */
export class SignalHandler {
  constructor(private readonly parts: EngineParts) {}

  async broadcast(signal: BroadcastSignal): Promise<{ signalKey: string }> {
    const { pool, runner } = this.parts;
    const subs = await pool.query(
      `SELECT key, root_key FROM ${S}.signal_subscriptions WHERE state = 'CREATED' AND signal_name = $1 ORDER BY key`,
      [signal.signalName],
    );
    const starts = this.startsOf(signal.signalName);
    const roots = [...new Set(subs.rows.map((r) => String(r.root_key)))];
    return runner.run(
      roots,
      (tx) => {
        for (const row of subs.rows) {
          const tree = runner.cached(String(row.root_key));
          const subscription = tree?.subscriptions.get(String(row.key));
          // One the broadcast already ended (an interrupting event terminated its owner) is skipped.
          if (!tree || subscription?.kind !== 'signal' || subscription.state !== 'CREATED') continue;
          tx.events.trigger(tree.element(subscription.elementInstanceKey), subscription.elementId, signal.variables);
        }
        for (const { meta, elementId } of starts) tx.instances.create(meta, signal.variables, { startEventId: elementId });
        return { signalKey: tx.ctx.keys.next() };
      },
      { tolerateMissing: true },
    );
  }

  /** The top-level signal start events of the name in the latest version of each process (compiled eagerly). */
  private startsOf(signalName: string): Array<{ meta: DefinitionMeta; elementId: string }> {
    const { definitions } = this.parts;
    return [...definitions.latest.values()].flatMap((key) => {
      const meta = definitions.byKey.get(key);
      if (!meta) return [];
      const model = definitions.model(key);
      return [...model.elements.values()].flatMap((e) =>
        e.kind === 'startEvent' && e.scopeId === model.bpmnProcessId && e.event.kind === 'signal' && e.event.signalName === signalName
          ? [{ meta, elementId: e.id }]
          : [],
      );
    });
  }
}
