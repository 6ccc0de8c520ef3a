import type { BufferedMessage } from './entities.js';

/**
 * Published messages still within their time to live. Kept in memory (and in the messages table)
 * so a subscription opened mid-command can correlate synchronously.
 */
export class MessageBuffer {
  private readonly byName = new Map<string, BufferedMessage[]>();

  add(message: BufferedMessage): void {
    const list = this.byName.get(message.name) ?? [];
    list.push(message);
    this.byName.set(message.name, list);
  }

  /** The oldest live message for this subscription that its process has not yet received. */
  findFor(name: string, correlationKey: string, bpmnProcessId: string, now: Date): BufferedMessage | undefined {
    return this.byName
      .get(name)
      ?.find((m) => m.correlationKey === correlationKey && m.expiresAt > now && !m.correlatedTo.has(bpmnProcessId));
  }

  /** The oldest live message with one of these names and this key that has not yet started or reached the process. */
  findStartFor(names: string[], correlationKey: string, bpmnProcessId: string, now: Date): BufferedMessage | undefined {
    const candidates = names
      .map((name) => this.findFor(name, correlationKey, bpmnProcessId, now))
      .filter((m): m is BufferedMessage => m !== undefined);
    return candidates.sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime())[0];
  }

  isDuplicate(name: string, messageId: string, now: Date): boolean {
    return Boolean(this.byName.get(name)?.some((m) => m.messageId === messageId && m.expiresAt > now));
  }

  /** Drops expired messages; returns how many. */
  expire(now: Date): number {
    let dropped = 0;
    for (const [name, list] of this.byName) {
      const live = list.filter((m) => m.expiresAt > now);
      dropped += list.length - live.length;
      if (live.length) this.byName.set(name, live);
      else this.byName.delete(name);
    }
    return dropped;
  }
}
