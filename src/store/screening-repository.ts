import type { Knex } from 'knex';
import type { CaseAttributeCode } from '../domain/case-attributes.js';
import type { ComputedDeadline } from '../domain/deadlines.js';
import { finnishInstant } from '../domain/finnish-time.js';
import type { LocalDate } from '../domain/local-date.js';
import type { PairCriteriaOverrideReason } from '../domain/pair-criteria.js';
import { PATHWAY_REGISTER, type ConsentScopeCode, type RegisterCode } from '../domain/registers.js';
import { lockCase } from './case-lock.js';
import { CASE_ATTRIBUTE_COLUMNS } from './case-repository.js';
import { recordConsent } from './consent-repository.js';
import { recordDeadlines } from './deadline-repository.js';

/** The consent scope a screening records: a scope of consent, or NONE when the client gave none. */
export type ScreenedConsentScope = ConsentScopeCode | 'NONE';

/** A case's initial screening (alkuselvitys). */
export interface ScreeningRow {
  id: number;
  caseId: string;
  meetsPairCriteria: boolean;
  /** What the model's criterion decided from the screening's answers; null for screenings recorded before it was derived. */
  criteriaIndicated: boolean | null;
  /** Why the team member decided otherwise than the criterion; null when they did not. */
  criteriaOverrideReason: PairCriteriaOverrideReason | null;
  consentScope: ScreenedConsentScope;
  consentDate: LocalDate | null;
  specialSupportNeed: boolean;
  screenedAt: Date;
  jobKey: string;
  register: RegisterCode;
}

interface ScreeningRecord {
  id: number;
  case_id: string;
  meets_pair_criteria: boolean;
  criteria_indicated: boolean | null;
  criteria_override_reason: PairCriteriaOverrideReason | null;
  consent_scope: ScreenedConsentScope;
  consent_date: string | null;
  special_support_need: boolean;
  screened_at: Date;
  job_key: string;
  register: RegisterCode;
}

/** What the screening form decided, as the `record-screening` job hands it over. */
export interface RecordScreeningInput {
  caseId: string;
  meetsPairCriteria: boolean;
  criteriaIndicated: boolean;
  criteriaOverrideReason: PairCriteriaOverrideReason | null;
  consentScope: ScreenedConsentScope;
  /** The day the client consented; null exactly when the scope is NONE. */
  consentDate: LocalDate | null;
  specialSupportNeed: boolean;
  /** The attributes the screening found that the case did not have yet: set on the case. */
  foundAttributes: readonly CaseAttributeCode[];
  /** The deadlines those attributes start (from the case's opening), recorded under the job key. */
  newDeadlines: readonly Pick<ComputedDeadline, 'ruleId' | 'dueAt' | 'register'>[];
  at: Date;
  jobKey: string;
}

/**
 * Records a screening in one transaction: the screening row; the consent, when the client gave
 * one, as a consent record in force from the start of its day (Finnish time); the special need
 * for support the screening confirmed, on the case, where the pairing reads it; and the
 * attributes it found, on the case, with the deadlines they start. Replaying the job key changes
 * nothing and returns the first delivery's row.
 */
export async function recordScreening(knex: Knex, input: RecordScreeningInput): Promise<ScreeningRow> {
  return knex.transaction(async (trx) => {
    await lockCase(trx, input.caseId);
    const replayed: ScreeningRecord | undefined = await screeningsQuery(trx).where({ job_key: input.jobKey }).first();
    if (replayed) return toScreeningRow(replayed);
    await trx('screenings').insert({
      case_id: input.caseId,
      meets_pair_criteria: input.meetsPairCriteria,
      criteria_indicated: input.criteriaIndicated,
      criteria_override_reason: input.criteriaOverrideReason,
      consent_scope: input.consentScope,
      consent_date: input.consentDate,
      special_support_need: input.specialSupportNeed,
      screened_at: input.at,
      job_key: input.jobKey,
      register: PATHWAY_REGISTER,
    });
    if (input.consentScope !== 'NONE' && input.consentDate !== null) {
      await recordConsent(trx, {
        caseId: input.caseId,
        scope: input.consentScope,
        givenAt: finnishInstant(input.consentDate, '00:00'),
        recordedBy: SCREENING_RECORDER,
        register: PATHWAY_REGISTER,
        jobKey: input.jobKey,
      });
    }
    const found = Object.fromEntries(input.foundAttributes.map((a) => [CASE_ATTRIBUTE_COLUMNS[a], true]));
    await trx('cases')
      .where({ case_id: input.caseId })
      .update({ ...found, special_support_need: input.specialSupportNeed });
    await recordDeadlines(trx, { caseId: input.caseId, jobKey: input.jobKey, deadlines: input.newDeadlines });
    return toScreeningRow(await screeningsQuery(trx).where({ job_key: input.jobKey }).first());
  });
}

/**
 * Who a consent recorded from the screening form is recorded by: the form, as the worker cannot
 * know which professional completed the task (the engine's task history can).
 */
export const SCREENING_RECORDER = 'alkuselvitys';

/** The case's screenings, oldest first. */
export async function listScreenings(knex: Knex, caseId: string): Promise<ScreeningRow[]> {
  const rows: ScreeningRecord[] = await screeningsQuery(knex).where({ case_id: caseId }).orderBy('id');
  return rows.map(toScreeningRow);
}

function screeningsQuery(knex: Knex): Knex.QueryBuilder {
  return (
    knex('screenings')
      .select(
        'id',
        'case_id',
        'meets_pair_criteria',
        'criteria_indicated',
        'criteria_override_reason',
        'consent_scope',
        'special_support_need',
        'screened_at',
        'job_key',
        'register',
      )
      // A DATE read as text stays a calendar date; pg would turn it into a midnight in the server's zone.
      .select(knex.raw("to_char(consent_date, 'YYYY-MM-DD') as consent_date"))
  );
}

function toScreeningRow(r: ScreeningRecord): ScreeningRow {
  return {
    id: r.id,
    caseId: r.case_id,
    meetsPairCriteria: r.meets_pair_criteria,
    criteriaIndicated: r.criteria_indicated,
    criteriaOverrideReason: r.criteria_override_reason,
    consentScope: r.consent_scope,
    consentDate: r.consent_date,
    specialSupportNeed: r.special_support_need,
    screenedAt: r.screened_at,
    jobKey: r.job_key,
    register: r.register,
  };
}
