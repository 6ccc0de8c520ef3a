import type { CorrelateMessage, PublishMessage } from '../commands.js';
import { DEFAULT_TENANT, type EngineParts } from '../engine-parts.js';
import { EngineRejection } from '../errors.js';
import type { BufferedMessage } from '../runtime/entities.js';
import { messageFromRow, messageRow } from '../store/rows.js';
import { ENGINE_SCHEMA as S } from '../store/schema.js';

/** Publishing and correlating messages, and the buffer of live messages that outlasts restarts. */
export class MessageHandler {
  constructor(private readonly parts: EngineParts) {}

  /** Refills the in-memory buffer with the messages still alive, and the processes each already reached. */
  async restore(): Promise<void> {
    const { pool, clock, messages } = this.parts;
    const now = clock.now();
    const live = await pool.query(`SELECT * FROM ${S}.messages WHERE expires_at > $1`, [now]);
    if (live.rows.length > 0) {
      const correlations = await pool.query(
        `SELECT message_key, bpmn_process_id FROM ${S}.message_correlations WHERE message_key = ANY($1)`,
        [live.rows.map((r) => r.key)],
      );
      for (const row of live.rows) {
        const to = correlations.rows.filter((c) => String(c.message_key) === String(row.key)).map((c) => c.bpmn_process_id);
        messages.add(messageFromRow(row, to));
      }
    }
  }

  async publish(message: PublishMessage): Promise<{ messageKey: string }> {
    const result = await this.deliver(
      message.name,
      message.correlationKey,
      message.variables,
      message.timeToLive,
      message.messageId ?? null,
    );
    return { messageKey: result.messageKey };
  }

  async correlate(message: CorrelateMessage): Promise<{ messageKey: string; processInstanceKey: string }> {
    const result = await this.deliver(message.name, message.correlationKey, message.variables, 0, null, true);
    if (!result.processInstanceKey) {
      throw EngineRejection.notFound(
        `Expected to find at least one subscription or message start event for message '${message.name}' with correlation key '${message.correlationKey}', but found none`,
      );
    }
    return { messageKey: result.messageKey, processInstanceKey: result.processInstanceKey };
  }

  /**
   * Publishes a message in one transition: to one open subscription per process id and to every
   * message start event whose correlation key is free (MessageCorrelation.startByMessage), and
   * buffers it for its time to live.
   */
  private async deliver(
    name: string,
    correlationKey: string,
    variables: Record<string, unknown>,
    ttl: number,
    messageId: string | null,
    firstOnly = false,
  ) {
    const { pool, clock, messages, definitions, runner, keys } = this.parts;
    const now = clock.now();
    if (messageId && messages.isDuplicate(name, messageId, now)) {
      throw EngineRejection.alreadyExists(
        `Expected to publish a new message with id '${messageId}', but a message with that id was already published`,
      );
    }
    const subs = await pool.query(
      `SELECT key, root_key, bpmn_process_id FROM ${S}.message_subscriptions WHERE state = 'CREATED' AND message_name = $1 AND correlation_key = $2 ORDER BY key`,
      [name, correlationKey],
    );
    const starts = definitions.messageStarts(name);
    for (const start of starts) await definitions.ensureModel(start.meta.key);
    const roots = [...new Set(subs.rows.map((r) => String(r.root_key)))];
    let processInstanceKey: string | undefined;
    let messageKey = '';
    await runner.run(
      roots,
      (tx) => {
        const message: BufferedMessage = {
          key: keys.next(),
          name,
          correlationKey,
          messageId,
          variables,
          publishedAt: tx.now,
          expiresAt: new Date(tx.now.getTime() + Math.max(ttl, 0)),
          tenantId: DEFAULT_TENANT,
          correlatedTo: new Set(),
        };
        messageKey = message.key;
        for (const row of subs.rows) {
          if (message.correlatedTo.has(row.bpmn_process_id) || (firstOnly && processInstanceKey)) continue;
          const tree = runner.cached(String(row.root_key));
          const subscription = tree?.subscriptions.get(String(row.key));
          if (subscription?.kind !== 'message' || subscription.state !== 'CREATED') continue;
          tx.correlation.correlate(subscription, message);
          processInstanceKey ??= subscription.processInstanceKey;
        }
        for (const start of starts) {
          if (message.correlatedTo.has(start.meta.bpmnProcessId) || (firstOnly && processInstanceKey)) continue;
          const pi = tx.correlation.startByMessage(start, message);
          if (pi) processInstanceKey ??= pi.key;
        }
        tx.changeset.put('messages', message.key, messageRow(message));
        if (ttl > 0) runner.afterCommit(() => messages.add(message));
      },
      { tolerateMissing: true },
    );
    return { messageKey, processInstanceKey };
  }
}
