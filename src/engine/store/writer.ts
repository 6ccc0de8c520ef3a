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

/** Order of writes inside a transaction; nothing references across tables, but this keeps logs readable. */
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
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      for (const table of ORDER) {
        const rows = changeset.rows.get(table);
        if (rows?.size) await client.query(this.upsertSql(table), [JSON.stringify([...rows.values()])]);
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  private readonly sqlCache = new Map<EngineTable, string>();

  private upsertSql(table: EngineTable): string {
    const cached = this.sqlCache.get(table);
    if (cached) return cached;
    const columns = this.columns.get(table);
    if (!columns) throw new Error(`engine table ${table} has no columns; was the schema migrated?`);
    const qualified = `${ENGINE_SCHEMA}.${table}`;
    const list = columns.map((c) => `"${c}"`).join(', ');
    const updates = columns.map((c) => `"${c}" = EXCLUDED."${c}"`).join(', ');
    const action = table === 'message_correlations' ? 'DO NOTHING' : `DO UPDATE SET ${updates}`;
    const sql = `INSERT INTO ${qualified} (${list}) SELECT ${list} FROM json_populate_recordset(NULL::${qualified}, $1::json) ON CONFLICT ${CONFLICT[table]} ${action}`;
    this.sqlCache.set(table, sql);
    return sql;
  }
}
