import type { Changeset, EngineTable } from './store/changeset.js';

/** The tables whose records commands name by key. */
const NAMED: EngineTable[] = ['process_instances', 'jobs', 'user_tasks', 'incidents'];
/** About 100 bytes each: a few MB at most. */
const MAX_REMEMBERED = 50_000;

/**
 * The instance tree (root key) of the records that commands name by key, remembered as their rows
 * are committed. A record never moves to another tree, so completing a job the engine created or
 * handed out needs no query to find the tree that holds it. Oldest out first once full; a key not
 * remembered (after a restart, say) is looked up in the database.
 */
export class RecordRoots {
  private readonly roots = new Map<string, string>();

  remember(changes: Changeset): void {
    for (const table of NAMED) {
      for (const row of changes.rows.get(table)?.values() ?? []) this.roots.set(`${table}:${String(row.key)}`, String(row.root_key));
    }
    for (const oldest of this.roots.keys()) {
      if (this.roots.size <= MAX_REMEMBERED) break;
      this.roots.delete(oldest);
    }
  }

  rootOf(table: string, key: string): string | undefined {
    return this.roots.get(`${table}:${key}`);
  }
}
