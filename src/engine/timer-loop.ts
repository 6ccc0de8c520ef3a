import type { EngineParts } from './engine-parts.js';
import type { Timer } from './runtime/entities.js';
import { nextCycleDue } from './runtime/timer-schedule.js';
import { timerFromRow, timerRow } from './store/rows.js';
import { ENGINE_SCHEMA as S } from './store/schema.js';

/** Due timers a pass fires at most; a full pass is followed by another at once. */
const PASS_LIMIT = 500;
/**
 * The longest the loop sleeps even when no timer is due sooner: setTimeout counts on a monotonic
 * clock, so after the system clock is stepped forward a timer would otherwise fire that much late.
 */
const LONGEST_SLEEP_MS = 60_000;

/**
 * Fires due timers. After each pass the loop sleeps until the next active timer is due (at most
 * LONGEST_SLEEP_MS); a transition that creates a timer due sooner wakes it earlier (timerCreated),
 * and the first pass at start fires what fell due while the engine was down. Passes run one after
 * another; timer start events start instances, other timers trigger their element.
 */
export class TimerLoop {
  private loop: NodeJS.Timeout | undefined;
  /** When, on the system clock, the sleeping loop wakes; Infinity while a pass is due or running. */
  private wakeAt = Infinity;
  private pass: Promise<void> | undefined;

  constructor(
    private readonly parts: EngineParts,
    private readonly stopped: () => boolean,
    private readonly report: (error: unknown, context: string) => void,
  ) {}

  /** Timers changed in a way the loop cannot see from a due date (a deployment): a pass now. */
  poke(): void {
    if (this.stopped()) return;
    this.schedule(0);
  }

  /** A committed transition created a timer due at `dueDate`: wakes the loop if that is before it would wake. */
  timerCreated(dueDate: Date): void {
    if (this.stopped()) return;
    this.schedule(dueDate.getTime() - this.parts.clock.now().getTime());
  }

  /** Wakes the loop in `delay` ms unless it already wakes sooner. */
  schedule(delay: number): void {
    const ms = Math.min(Math.max(delay, 0), LONGEST_SLEEP_MS);
    const at = Date.now() + ms;
    if (this.loop && at >= this.wakeAt) return;
    clearTimeout(this.loop);
    this.wakeAt = at;
    this.loop = setTimeout(() => void this.passNow(), ms);
  }

  /** Starts a timer pass now (after any pass in flight) and answers it; the loop goes on from there. */
  passNow(): Promise<void> {
    clearTimeout(this.loop);
    this.loop = undefined;
    this.wakeAt = Infinity;
    this.pass = (this.pass ?? Promise.resolve())
      .then(() => this.fireDueTimers())
      .then(
        (nextIn) => {
          if (!this.stopped()) this.schedule(nextIn);
        },
        (error) => {
          this.report(error, 'timer pass');
          if (!this.stopped()) this.schedule(LONGEST_SLEEP_MS);
        },
      );
    return this.pass;
  }

  /** Stops the loop; answers once the pass in flight, if any, is done. */
  async stop(): Promise<void> {
    clearTimeout(this.loop);
    this.loop = undefined;
    await this.pass;
  }

  /**
   * Fires every timer that is due, including those that fell due while the engine was down;
   * answers in how many ms the next pass is due.
   */
  private async fireDueTimers(): Promise<number> {
    if (this.stopped()) return LONGEST_SLEEP_MS;
    const { pool, clock, messages } = this.parts;
    const now = clock.now();
    messages.expire(now);
    const due = await pool.query(
      `SELECT * FROM ${S}.timers WHERE state = 'ACTIVE' AND due_date <= $1 ORDER BY due_date LIMIT ${PASS_LIMIT}`,
      [now],
    );
    if (due.rows.length > 0) await this.fire(due.rows.map(timerFromRow));
    if (due.rows.length === PASS_LIMIT) return 0;
    // Later than `now`: a due timer this pass could not fire (its tree or definition is gone) is
    // not retried in a tight loop but at the next wake.
    const next = await pool.query(`SELECT min(due_date) AS due_date FROM ${S}.timers WHERE state = 'ACTIVE' AND due_date > $1`, [now]);
    const dueDate = next.rows[0]?.due_date as Date | null | undefined;
    return dueDate ? dueDate.getTime() - clock.now().getTime() : LONGEST_SLEEP_MS;
  }

  private async fire(timers: Timer[]): Promise<void> {
    const { runner } = this.parts;
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
