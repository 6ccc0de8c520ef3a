import type { Knex } from 'knex';
import { PATHWAY_REGISTER, type RegisterCode } from '../domain/registers.js';
import type { StageCode } from '../domain/stages.js';
import { CaseClosedError, lockCase } from './case-lock.js';

/** One stay of a case in a pathway stage. */
export interface StageRow {
  id: number;
  caseId: string;
  stage: StageCode;
  enteredAt: Date;
  leftAt: Date | null;
  enteredJobKey: string;
  leftJobKey: string | null;
  register: RegisterCode;
}

interface StageRecord {
  id: number;
  case_id: string;
  stage: StageCode;
  entered_at: Date;
  left_at: Date | null;
  entered_job_key: string;
  left_job_key: string | null;
  register: RegisterCode;
}

/** A stage change reported by a worker (the stage subprocesses' execution listener jobs, `pathway-stage-enter` and `pathway-stage-leave`). */
export interface StageEvent {
  caseId: string;
  stage: StageCode;
  at: Date;
  jobKey: string;
}

/**
 * Records that the case entered a stage, closing the stage it was in, in one transaction.
 * Replaying the same job key changes nothing and returns the row the first delivery wrote.
 * Throws CaseNotFoundError, or CaseClosedError for a new stage on a closed case.
 */
export async function enterStage(knex: Knex, event: StageEvent): Promise<StageRow> {
  return knex.transaction(async (trx) => {
    const { closed } = await lockCase(trx, event.caseId);
    const replayed = await trx<StageRecord>('stage_history').where({ entered_job_key: event.jobKey }).first();
    if (replayed) return toStageRow(replayed);
    if (closed) throw new CaseClosedError(event.caseId);
    await closeOpenStage(trx, event.caseId, event.at, event.jobKey);
    const [row] = await trx<StageRecord>('stage_history')
      .insert({
        case_id: event.caseId,
        stage: event.stage,
        entered_at: event.at,
        entered_job_key: event.jobKey,
        register: PATHWAY_REGISTER,
      })
      .returning('*');
    return toStageRow(row);
  });
}

/**
 * Records that the case left a stage. Only the open stay in that stage is closed: when the case
 * has already moved on (the next stage's entry arrived first), this is a no-op returning null.
 * Replaying the same job key returns the row it closed.
 */
export async function leaveStage(knex: Knex, event: StageEvent): Promise<StageRow | null> {
  return knex.transaction(async (trx) => {
    await lockCase(trx, event.caseId);
    const replayed = await trx<StageRecord>('stage_history').where({ left_job_key: event.jobKey }).first();
    if (replayed) return toStageRow(replayed);
    const open = await trx<StageRecord>('stage_history').where({ case_id: event.caseId }).whereNull('left_at').first();
    if (!open || open.stage !== event.stage) return null;
    return toStageRow(await closeStay(trx, open.id, event.at, event.jobKey));
  });
}

/**
 * Closes the case's open stage, if any, inside the caller's transaction (which holds the case
 * lock). The end is never put before the start, should a worker's clock lag.
 */
export async function closeOpenStage(trx: Knex.Transaction, caseId: string, at: Date, jobKey: string | null): Promise<void> {
  const open = await trx<StageRecord>('stage_history').where({ case_id: caseId }).whereNull('left_at').first();
  if (open) await closeStay(trx, open.id, at, jobKey);
}

/** The stage the case is in now, or undefined (closed, or not yet started). */
export async function currentStage(knex: Knex, caseId: string): Promise<StageRow | undefined> {
  const row = await knex<StageRecord>('stage_history').where({ case_id: caseId }).whereNull('left_at').first();
  return row && toStageRow(row);
}

/** The case's stages, oldest first. */
export async function stageHistory(knex: Knex, caseId: string): Promise<StageRow[]> {
  const rows = await knex<StageRecord>('stage_history')
    .where({ case_id: caseId })
    .orderBy([{ column: 'entered_at' }, { column: 'id' }]);
  return rows.map(toStageRow);
}

async function closeStay(trx: Knex.Transaction, id: number, at: Date, jobKey: string | null): Promise<StageRecord> {
  const [row] = await trx<StageRecord>('stage_history')
    .where({ id })
    .update({ left_at: trx.raw('greatest(?::timestamptz, entered_at)', [at]), left_job_key: jobKey })
    .returning('*');
  return row;
}

function toStageRow(r: StageRecord): StageRow {
  return {
    id: r.id,
    caseId: r.case_id,
    stage: r.stage,
    enteredAt: r.entered_at,
    leftAt: r.left_at,
    enteredJobKey: r.entered_job_key,
    leftJobKey: r.left_job_key,
    register: r.register,
  };
}
