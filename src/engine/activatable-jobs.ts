import type pg from 'pg';
import type { Changeset, Row } from './store/changeset.js';
import { ENGINE_SCHEMA as S } from './store/schema.js';

/** An activatable job as its committed row says: the tree holding it and when it is free (epoch ms; 0 when now). */
interface Entry {
  key: bigint;
  rootKey: string;
  processDefinitionId: string;
  freeAt: number;
}

/**
 * The activatable jobs of every type as committed to the database (its `jobs_activatable`
 * index, held in memory): read once at start, then kept by the rows of every commit. One
 * engine process owns its database, so the commits it sees are all there are, and job
 * activation needs no query to find candidates or the time the next one becomes free.
 */
export class ActivatableJobs {
  private readonly byType = new Map<string, Map<string, Entry>>();

  async load(pool: pg.Pool): Promise<void> {
    const result = await pool.query(`SELECT key, root_key, type, bpmn_process_id, deadline, retry_at FROM ${S}.jobs WHERE activatable`);
    for (const row of result.rows) this.put(row);
  }

  /** Takes the job rows a commit wrote; later rows of a job replace earlier ones. */
  remember(changes: Changeset): void {
    for (const row of changes.rows.get('jobs')?.values() ?? []) {
      if (row.activatable) this.put(row);
      else this.byType.get(String(row.type))?.delete(String(row.key));
    }
  }

  /**
   * The (key, root key) of up to `max` jobs of this type free at `now`, lowest keys first, as the
   * database's index orders them; with `processDefinitionIds`, only jobs of those processes.
   */
  candidates(type: string, now: Date, max: number, processDefinitionIds?: readonly string[]): Array<{ key: string; rootKey: string }> {
    const at = now.getTime();
    const free = [...(this.byType.get(type)?.values() ?? [])].filter(
      (entry) => entry.freeAt <= at && (!processDefinitionIds || processDefinitionIds.includes(entry.processDefinitionId)),
    );
    free.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return free.slice(0, max).map((entry) => ({ key: entry.key.toString(), rootKey: entry.rootKey }));
  }

  /** When (engine clock, epoch ms) the earliest job of this type (of these processes, if given) becomes free, `now` for one free already; undefined when none is activatable. */
  earliestFree(type: string, now: Date, processDefinitionIds?: readonly string[]): number | undefined {
    let earliest: number | undefined;
    for (const entry of this.byType.get(type)?.values() ?? []) {
      if (processDefinitionIds && !processDefinitionIds.includes(entry.processDefinitionId)) continue;
      const at = Math.max(entry.freeAt, now.getTime());
      if (earliest === undefined || at < earliest) earliest = at;
    }
    return earliest;
  }

  private put(row: Row): void {
    const type = String(row.type);
    let jobs = this.byType.get(type);
    if (!jobs) this.byType.set(type, (jobs = new Map()));
    const key = String(row.key);
    jobs.set(key, {
      key: BigInt(key),
      rootKey: String(row.root_key),
      processDefinitionId: String(row.bpmn_process_id),
      freeAt: Math.max(epochOf(row.deadline), epochOf(row.retry_at)),
    });
  }
}

/** A row's timestamp (a Date read from the database, an ISO string written to it) as epoch ms; 0 when unset. */
function epochOf(value: unknown): number {
  if (value === null || value === undefined) return 0;
  return value instanceof Date ? value.getTime() : new Date(value as string).getTime();
}
