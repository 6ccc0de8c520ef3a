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
  'messages',
  'message_correlations',
  'sequence_flows',
];

interface Pending {
  changeset: Changeset;
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * Group commit: changesets that arrive while a transaction is in flight are merged into the next
 * one, so many concurrent commands share one fsync, as Zeebe batches its log appends. A command is
 * acknowledged only when the transaction holding its rows has committed.
 *
 * A commit is one statement, one round trip: an upsert per table as data-modifying WITH queries,
 * which PostgreSQL runs atomically as the statement's own transaction.
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
    return new Promise((resolve, reject) => {
      this.queue.push({ changeset, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      const merged = new Changeset();
      for (const p of batch) merged.merge(p.changeset);
      try {
        await this.write(merged);
        for (const p of batch) p.resolve();
      } catch (error) {
        for (const p of batch) p.reject(error as Error);
      }
    }
    this.flushing = false;
  }

  private async write(changeset: Changeset): Promise<void> {
    const tables = ORDER.filter((table) => changeset.rows.get(table)?.size);
    if (tables.length === 0) return;
    const rows = tables.map((table) => JSON.stringify([...changeset.rows.get(table)!.values()]));
    await this.pool.query(this.commitSql(tables), rows);
  }

  private readonly sqlCache = new Map<string, string>();

  /** One statement upserting the rows of these tables, the rows of the nth as JSON in parameter $n. */
  private commitSql(tables: EngineTable[]): string {
    const id = tables.join(' ');
    const cached = this.sqlCache.get(id);
    if (cached) return cached;
    const upserts = tables.map((table, i) => this.upsertSql(table, i + 1));
    const sql = upserts.length === 1 ? upserts[0] : `WITH ${upserts.map((u, i) => `w${i + 1} AS (${u})`).join(', ')} SELECT 1`;
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
