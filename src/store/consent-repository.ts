import type { Knex } from 'knex';
import { consentCovers, type ConsentScopeCode, type RegisterCode } from '../domain/registers.js';

/** A client's consent to share data between the registers. */
export interface ConsentRow {
  id: number;
  caseId: string;
  scope: ConsentScopeCode;
  givenAt: Date;
  withdrawnAt: Date | null;
  recordedBy: string;
  jobKey: string | null;
  register: RegisterCode;
}

interface ConsentRecord {
  id: number;
  case_id: string;
  scope: ConsentScopeCode;
  given_at: Date;
  withdrawn_at: Date | null;
  recorded_by: string;
  job_key: string | null;
  register: RegisterCode;
}

/** What recording a consent stores. */
export interface RecordConsentInput {
  caseId: string;
  scope: ConsentScopeCode;
  givenAt: Date;
  /** The professional who recorded it. */
  recordedBy: string;
  /** The register the consent is recorded in. */
  register: RegisterCode;
  /** The job's key when a worker records it; replaying it returns the first row. */
  jobKey: string | null;
}

/** Records a consent. Replaying a job key returns the consent the first delivery stored. */
export async function recordConsent(knex: Knex, input: RecordConsentInput): Promise<ConsentRow> {
  const record = {
    case_id: input.caseId,
    scope: input.scope,
    given_at: input.givenAt,
    recorded_by: input.recordedBy,
    job_key: input.jobKey,
    register: input.register,
  };
  if (input.jobKey === null) {
    const [row] = await knex<ConsentRecord>('consents').insert(record).returning('*');
    return toConsentRow(row);
  }
  await knex('consents').insert(record).onConflict('job_key').ignore();
  const [row] = await knex<ConsentRecord>('consents').where({ job_key: input.jobKey });
  return toConsentRow(row);
}

/**
 * Withdraws every consent of the case still in force (the client may, at any time): the ones it
 * withdrew, none when nothing was in force. A withdrawn consent keeps its first withdrawal time.
 */
export async function withdrawConsents(knex: Knex, input: { caseId: string; at: Date }): Promise<ConsentRow[]> {
  const rows = await knex<ConsentRecord>('consents')
    .where({ case_id: input.caseId })
    .whereNull('withdrawn_at')
    .update({ withdrawn_at: input.at })
    .returning('*');
  return rows.map((row) => toConsentRow(row as ConsentRecord)).sort((a, b) => a.id - b.id);
}

/** The case's consents, given or withdrawn, oldest first. */
export async function listConsents(knex: Knex, caseId: string): Promise<ConsentRow[]> {
  const rows = await knex<ConsentRecord>('consents')
    .where({ case_id: caseId })
    .orderBy([{ column: 'given_at' }, { column: 'id' }]);
  return rows.map(toConsentRow);
}

/**
 * The latest consent in force at `at` that lets data of register `from` be read in register `to`,
 * or undefined. The caller still writes the disclosure and use log entries (domain.md §2).
 */
export async function consentInForce(
  knex: Knex,
  input: { caseId: string; from: RegisterCode; to: RegisterCode; at: Date },
): Promise<ConsentRow | undefined> {
  const rows = await knex<ConsentRecord>('consents')
    .where({ case_id: input.caseId })
    .where('given_at', '<=', input.at)
    .where((q) => q.whereNull('withdrawn_at').orWhere('withdrawn_at', '>', input.at))
    .orderBy([{ column: 'given_at' }, { column: 'id' }]);
  return rows
    .filter((c) => consentCovers(c.scope, input.from, input.to))
    .map(toConsentRow)
    .at(-1);
}

function toConsentRow(r: ConsentRecord): ConsentRow {
  return {
    id: r.id,
    caseId: r.case_id,
    scope: r.scope,
    givenAt: r.given_at,
    withdrawnAt: r.withdrawn_at,
    recordedBy: r.recorded_by,
    jobKey: r.job_key,
    register: r.register,
  };
}
