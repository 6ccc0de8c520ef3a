/** The rows one command wrote, snapshotted when the command ended, ready to be upserted. */
export type EngineTable =
  | 'process_instances'
  | 'element_instances'
  | 'variables'
  | 'jobs'
  | 'user_tasks'
  | 'incidents'
  | 'timers'
  | 'message_subscriptions'
  | 'signal_subscriptions'
  | 'messages'
  | 'message_correlations'
  | 'sequence_flows'
  | 'process_definitions'
  | 'forms'
  | 'deployments';

export type Row = Record<string, unknown>;

export class Changeset {
  readonly rows = new Map<EngineTable, Map<string, Row>>();

  put(table: EngineTable, id: string, row: Row): void {
    let rows = this.rows.get(table);
    if (!rows) this.rows.set(table, (rows = new Map()));
    rows.set(id, row);
  }

  get empty(): boolean {
    return this.rows.size === 0;
  }

  /** Adds another changeset's rows; later rows of the same id win, as they are newer. */
  merge(other: Changeset): void {
    for (const [table, rows] of other.rows) for (const [id, row] of rows) this.put(table, id, row);
  }
}
