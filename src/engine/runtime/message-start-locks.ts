import type pg from 'pg';
import { ENGINE_SCHEMA } from '../store/schema.js';

/**
 * Zeebe's rule for message start events: while an instance of a process that a message with
 * correlation key K started is active, no other message with key K starts that process. The truth
 * is the `start_correlation_key` of active rows in `process_instances`; this set mirrors it so a
 * transition can check and take a lock synchronously, and is rebuilt from those rows at start.
 */
export class MessageStartLocks {
  private readonly held = new Set<string>();

  async load(pool: pg.Pool): Promise<void> {
    const result = await pool.query(
      `SELECT bpmn_process_id, start_correlation_key FROM ${ENGINE_SCHEMA}.process_instances WHERE state = 'ACTIVE' AND start_correlation_key IS NOT NULL`,
    );
    for (const row of result.rows) this.held.add(lockId(row.bpmn_process_id, row.start_correlation_key));
  }

  isHeld(bpmnProcessId: string, correlationKey: string): boolean {
    return this.held.has(lockId(bpmnProcessId, correlationKey));
  }

  acquire(bpmnProcessId: string, correlationKey: string): void {
    this.held.add(lockId(bpmnProcessId, correlationKey));
  }

  release(bpmnProcessId: string, correlationKey: string): void {
    this.held.delete(lockId(bpmnProcessId, correlationKey));
  }

  get size(): number {
    return this.held.size;
  }
}

function lockId(bpmnProcessId: string, correlationKey: string): string {
  return `${bpmnProcessId}\u0000${correlationKey}`;
}
