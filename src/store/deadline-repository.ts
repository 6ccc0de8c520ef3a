import type { Knex } from 'knex';
import type { ComputedDeadline } from '../domain/deadlines.js';
import type { RegisterCode } from '../domain/registers.js';

/** A deadline running on a case. */
export interface DeadlineRow {
  id: number;
  caseId: string;
  ruleId: string;
  dueAt: Date;
  metAt: Date | null;
  breachedAt: Date | null;
  createdJobKey: string;
  notifiedJobKey: string | null;
  register: RegisterCode;
}

interface DeadlineRecord {
  id: number;
  case_id: string;
  rule_id: string;
  due_at: Date;
  met_at: Date | null;
  breached_at: Date | null;
  created_job_key: string;
  notified_job_key: string | null;
  register: RegisterCode;
}

/**
 * Stores the deadlines one job computed (`computeDeadlines`). One statement, so all or none;
 * replaying the job key inserts nothing more and returns the rows the first delivery stored.
 */
export async function recordDeadlines(
  knex: Knex,
  input: { caseId: string; jobKey: string; deadlines: readonly Pick<ComputedDeadline, 'ruleId' | 'dueAt' | 'register'>[] },
): Promise<DeadlineRow[]> {
  if (input.deadlines.length > 0) {
    await knex('deadlines')
      .insert(
        input.deadlines.map((d) => ({
          case_id: input.caseId,
          rule_id: d.ruleId,
          due_at: d.dueAt,
          created_job_key: input.jobKey,
          register: d.register,
        })),
      )
      .onConflict(['created_job_key', 'rule_id'])
      .ignore();
  }
  const rows = await knex<DeadlineRecord>('deadlines')
    .where({ created_job_key: input.jobKey })
    .orderBy([{ column: 'due_at' }, { column: 'id' }]);
  return rows.map(toDeadlineRow);
}

/**
 * Marks the case's unmet deadlines of these rules as met (the assessment started, the plan was
 * reviewed). Already-met rows keep their first time, so a replay changes nothing. The deadlines
 * the same job started are left out: a new plan meets the review that was due and starts the next,
 * and a redelivery must not meet the one it started.
 */
export async function markDeadlinesMet(
  knex: Knex,
  input: { caseId: string; ruleIds: readonly string[]; at: Date; jobKey: string },
): Promise<DeadlineRow[]> {
  const rows = await knex<DeadlineRecord>('deadlines')
    .where({ case_id: input.caseId })
    .whereIn('rule_id', input.ruleIds)
    .whereNot({ created_job_key: input.jobKey })
    .whereNull('met_at')
    .update({ met_at: input.at })
    .returning('*');
  return rows.map(toDeadlineRow);
}

/**
 * Records that a deadline was missed and the escalation sent by the job with this key. Only the
 * first notification counts; a replay, or a deadline already met, is left as it is. Returns the
 * deadline as stored.
 */
export async function markDeadlineBreached(
  knex: Knex,
  input: { deadlineId: number; at: Date; jobKey: string },
): Promise<DeadlineRow | undefined> {
  await knex('deadlines')
    .where({ id: input.deadlineId })
    .whereNull('notified_job_key')
    .whereNull('met_at')
    .update({ breached_at: input.at, notified_job_key: input.jobKey });
  const row = await knex<DeadlineRecord>('deadlines').where({ id: input.deadlineId }).first();
  return row && toDeadlineRow(row);
}

/** The case's deadlines, earliest due first. */
export async function listDeadlines(knex: Knex, caseId: string): Promise<DeadlineRow[]> {
  const rows = await knex<DeadlineRecord>('deadlines')
    .where({ case_id: caseId })
    .orderBy([{ column: 'due_at' }, { column: 'id' }]);
  return rows.map(toDeadlineRow);
}

function toDeadlineRow(r: DeadlineRecord): DeadlineRow {
  return {
    id: r.id,
    caseId: r.case_id,
    ruleId: r.rule_id,
    dueAt: r.due_at,
    metAt: r.met_at,
    breachedAt: r.breached_at,
    createdJobKey: r.created_job_key,
    notifiedJobKey: r.notified_job_key,
    register: r.register,
  };
}
