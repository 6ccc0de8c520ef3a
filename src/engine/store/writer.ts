import type pg from 'pg';
import { ENGINE_SCHEMA } from './schema.js';
import { Changeset, type EngineTable } from './changeset.js';

/** Conflict targets of the tables; message_correlations never changes once written. */
const CONFLICT: Record<EngineTable, string> = {
  process_instances: '(key)',
  element_instances: '(key)',
  variables: '(key)',
  jobs: '(key)',
  user_tasks: '(key)',
  incidents: '(key)',
  timers: '(key)',
  message_subscriptions: '(key)',
  signal_subscriptions: '(key)',
  messages: '(key)',
  message_correlations: '(message_key, bpmn_process_id)',
  sequence_flows: '(key)',
  process_definitions: '(key)',
  forms: '(key)',
  deployments: '(key)',
};

/** Columns the database sets on insert and keeps: an upsert of the engine's row must not name them. */
const STAMPED_BY_THE_DATABASE = new Set(['first_written_at']);

/** Order of the tables in a commit's statement; nothing references across tables, but this keeps logs readable. */
const ORDER: EngineTable[] = [
  'deployments',
  'process_definitions',
  'forms',
  'process_instances',
  'element_instances',
  'variables',
  'jobs',
  'user_tasks',
  'incidents',
  'timers',
  'message_subscriptions',
  'signal_subscriptions',
  'messages',
  'message_correlations',
  'sequence_flows',
];

/**
 * Rows of another part of the service that ride the engine's group commit, as the /v2 use log's
 * do: written in the statement that carries the engine's rows of the same tick, so they cost no
 * round trip or transaction of their own. The statement's queries share one snapshot: a
 * companion's lookups see what earlier commits wrote, not the engine rows written beside it.
 */
export interface CommitCompanion {
  /** Names it in the statement cache; one per kind of row. */
  readonly name: string;
  /** A data-modifying statement for a WITH query, reading its rows from the JSON array in `rows` (e.g. `$3::json`). */
  insertSql(rows: string): string;
}

interface Pending {
  changeset?: Changeset;
  companion?: { of: CommitCompanion; row: unknown };
  resolve: () => void;
  reject: (error: Error) => void;
}

/** What one tick writes: the engine's rows merged, and the companions' rows in the order they came. */
interface Tick {
  changeset: Changeset;
  companions: Map<CommitCompanion, unknown[]>;
}

/**
 * Group commit: changesets and companion rows that arrive while a transaction is in flight are
 * merged into the next one, so many concurrent commands share one fsync, as Zeebe batches its log
 * appends. A command is acknowledged only when the transaction holding its rows has committed.
 *
 * A commit is one statement, one round trip: an upsert per table and an insert per companion as
 * data-modifying WITH queries, which PostgreSQL runs atomically as the statement's own
 * transaction. When a statement carrying both fails, the engine's rows and the companions' are
 * written again apart, so neither fails for the other's sake.
 */
export class ChangeWriter {
  private queue: Pending[] = [];
  private flushing = false;
  private readonly columns = new Map<EngineTable, string[]>();

  constructor(private readonly pool: pg.Pool) {}

  async init(): Promise<void> {
    const result = await this.pool.query(
      `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = $1 ORDER BY ordinal_position`,
      [ENGINE_SCHEMA],
    );
    for (const row of result.rows) {
      if (STAMPED_BY_THE_DATABASE.has(row.column_name)) continue;
      const list = this.columns.get(row.table_name) ?? [];
      list.push(row.column_name);
      this.columns.set(row.table_name, list);
    }
  }

  commit(changeset: Changeset): Promise<void> {
    if (changeset.empty) return Promise.resolve();
    return this.enqueue({ changeset });
  }

  /** Writes a companion's row with the next tick; resolves once it is committed. */
  append(companion: CommitCompanion, row: unknown): Promise<void> {
    return this.enqueue({ companion: { of: companion, row } });
  }

  private enqueue(item: Omit<Pending, 'resolve' | 'reject'>): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ ...item, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      const engine = batch.filter((p) => p.changeset);
      const companions = batch.filter((p) => p.companion);
      if (engine.length > 0 && companions.length > 0) {
        const written = await this.settle(batch);
        if (written) continue;
        await this.settle(engine);
        await this.settle(companions);
      } else {
        await this.settle(batch);
      }
    }
    this.flushing = false;
  }

  /**
   * Writes the batch in one statement and settles its callers. A failed batch of both kinds is
   * left unsettled (false) for the caller to write apart.
   */
  private async settle(batch: Pending[]): Promise<boolean> {
    const tick = tickOf(batch);
    try {
      await this.write(tick);
    } catch (error) {
      if (tick.companions.size > 0 && !tick.changeset.empty) return false;
      for (const p of batch) p.reject(error as Error);
      return true;
    }
    for (const p of batch) p.resolve();
    return true;
  }

  private async write(tick: Tick): Promise<void> {
    const tables = ORDER.filter((table) => tick.changeset.rows.get(table)?.size);
    const companions = [...tick.companions.keys()];
    if (tables.length === 0 && companions.length === 0) return;
    const rows = [
      ...tables.map((table) => JSON.stringify([...tick.changeset.rows.get(table)!.values()])),
      ...companions.map((companion) => JSON.stringify(tick.companions.get(companion))),
    ];
    await this.pool.query(this.commitSql(tables, companions), rows);
  }

  private readonly sqlCache = new Map<string, string>();

  /** One statement upserting the rows of these tables and inserting the companions', the rows of the nth as JSON in parameter $n. */
  private commitSql(tables: EngineTable[], companions: CommitCompanion[]): string {
    const id = [...tables, ...companions.map((c) => `+${c.name}`)].join(' ');
    const cached = this.sqlCache.get(id);
    if (cached) return cached;
    const parts = [
      ...tables.map((table, i) => this.upsertSql(table, i + 1)),
      ...companions.map((companion, i) => companion.insertSql(`$${tables.length + i + 1}::json`)),
    ];
    const sql = parts.length === 1 ? parts[0] : `WITH ${parts.map((u, i) => `w${i + 1} AS (${u})`).join(', ')} SELECT 1`;
    this.sqlCache.set(id, sql);
    return sql;
  }
  private upsertSql(table: EngineTable, parameter: number): string {
    const columns = this.columns.get(table);
    if (!columns) throw new Error(`engine table ${table} has no columns; was the schema migrated?`);
    const qualified = `${ENGINE_SCHEMA}.${table}`;
    const list = columns.map((c) => `"${c}"`).join(', ');
    const updates = columns.map((c) => `"${c}" = EXCLUDED."${c}"`).join(', ');
    const action = table === 'message_correlations' ? 'DO NOTHING' : `DO UPDATE SET ${updates}`;
    return `INSERT INTO ${qualified} (${list}) SELECT ${list} FROM json_populate_recordset(NULL::${qualified}, $${parameter}::json) ON CONFLICT ${CONFLICT[table]} ${action}`;
  }
}

function tickOf(batch: Pending[]): Tick {
  const tick: Tick = { changeset: new Changeset(), companions: new Map() };
  for (const p of batch) {
    if (p.changeset) tick.changeset.merge(p.changeset);
    if (p.companion) {
      const rows = tick.companions.get(p.companion.of) ?? [];
      rows.push(p.companion.row);
      tick.companions.set(p.companion.of, rows);
    }
  }
  return tick;
}
