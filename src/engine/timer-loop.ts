import type { EngineParts } from './engine-parts.js';
import type { Timer } from './runtime/entities.js';
import { nextCycleDue } from './runtime/timer-schedule.js';
import { timerFromRow, timerRow } from './store/rows.js';
import { ENGINE_SCHEMA as S } from './store/schema.js';

const TIMER_POLL_MS = 100;

/**
 * Fires due timers: a pass every TIMER_POLL_MS, and one at once whenever timers change. Passes run
 * one after another; timer start events start instances, other timers trigger their element.
 */
export class TimerLoop {
  private loop: NodeJS.Timeout | undefined;
  private pass: Promise<void> | undefined;

  constructor(
    private readonly parts: EngineParts,
    private readonly stopped: () => boolean,
    private readonly report: (error: unknown, context: string) => void,
  ) {}

  /** Timers changed: a pass now rather than at the next poll. */
  poke(): void {
    if (this.stopped()) return;
    this.schedule(0);
  }

  schedule(delay: number): void {
    clearTimeout(this.loop);
    this.loop = setTimeout(() => void this.passNow(), delay);
  }

  /** Starts a timer pass now (after any pass in flight) and answers it; the loop goes on from there. */
  passNow(): Promise<void> {
    clearTimeout(this.loop);
    this.pass = (this.pass ?? Promise.resolve())
      .then(() => this.fireDueTimers())
      .catch((error) => this.report(error, 'timer pass'))
      .finally(() => {
        if (!this.stopped()) this.schedule(TIMER_POLL_MS);
      });
    return this.pass;
  }

  /** Stops polling; answers once the pass in flight, if any, is done. */
  async stop(): Promise<void> {
    clearTimeout(this.loop);
    await this.pass;
  }

  /** Fires every timer that is due, including those that fell due while the engine was down. */
  private async fireDueTimers(): Promise<void> {
    if (this.stopped()) return;
    const { pool, clock, messages, runner } = this.parts;
    const now = clock.now();
    messages.expire(now);
    const due = await pool.query(`SELECT * FROM ${S}.timers WHERE state = 'ACTIVE' AND due_date <= $1 ORDER BY due_date LIMIT 500`, [now]);
    if (due.rows.length === 0) return;
    const timers = due.rows.map(timerFromRow);
    for (const timer of timers.filter((t) => t.rootKey === null)) await this.fireStartTimer(timer);
    const roots = [...new Set(timers.filter((t) => t.rootKey !== null).map((t) => t.rootKey!))];
    if (roots.length === 0) return;
    await runner.run(
      roots,
      (tx) => {
        for (const t of timers) {
          if (t.rootKey === null) continue;
          const timer = tx.treeOfKey(t.rootKey).timers.get(t.key);
          if (timer && timer.state === 'ACTIVE' && timer.dueDate <= tx.now) tx.events.fireTimer(timer);
        }
      },
      { tolerateMissing: true },
    );
  }

  private async fireStartTimer(timer: Timer): Promise<void> {
    const { definitions, runner, keys } = this.parts;
    const meta = definitions.byKey.get(timer.definitionKey);
    if (!meta) return;
    await definitions.ensureModel(meta.key);
    await runner.run([], (tx) => {
      tx.instances.create(meta, {}, { startEventId: timer.elementId });
      tx.changeset.put('timers', timer.key, timerRow({ ...timer, state: 'TRIGGERED' }));
      if (timer.repetitions !== 0) {
        const next: Timer = {
          ...timer,
          key: keys.next(),
          dueDate: nextCycleDue(timer.spec, tx.now),
          repetitions: timer.repetitions < 0 ? -1 : timer.repetitions - 1,
          state: 'ACTIVE',
        };
        tx.changeset.put('timers', next.key, timerRow(next));
      }
    });
  }
}
