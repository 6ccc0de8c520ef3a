import type { Knex } from 'knex';
import type { ServiceLanguage } from '../domain/service-language.js';
import type { CaseAttributeCode, CaseAttributes } from '../domain/case-attributes.js';
import type { OutcomeCode } from '../domain/outcomes.js';
import type { RegisterCode } from '../domain/registers.js';
import type { SealedIdentity } from '../security/identity-cipher.js';
import { CaseNotFoundError, lockCase } from './case-lock.js';
import { insertSealedIdentity } from './identity-repository.js';
import { releaseActivePair } from './pair-repository.js';
import { insertReferral, type Referral } from './referral-repository.js';
import { releaseResponsibleSocialWorker } from './responsible-social-worker-repository.js';
import { closeOpenStage } from './stage-repository.js';

/** A case on the pathway, without identity. */
export interface CaseRow {
  caseId: string;
  municipalityCode: string;
  teamId: string | null;
  regionId: string | null;
  openedAt: Date;
  closedAt: Date | null;
  outcome: OutcomeCode | null;
  processInstanceKey: string | null;
  /** Another team serving the municipality that the referring unit named, or null. */
  teamHint: string | null;
  specialSupportNeed: boolean;
  attributes: Required<CaseAttributes>;
  serviceLanguage: ServiceLanguage;
  register: RegisterCode;
}

/** What opening a case records. */
export interface OpenCaseInput {
  /** Pseudonymous id, also the only client reference the engine sees. */
  caseId: string;
  municipalityCode: string;
  openedAt: Date;
  /** The register of the referral that opened the case. */
  register: RegisterCode;
  specialSupportNeed?: boolean;
  attributes?: CaseAttributes;
  /** Finnish unless the client chose Swedish. */
  serviceLanguage?: ServiceLanguage;
  /** Sealed by the caller with the identity cipher: plaintext never reaches the database. */
  identity?: SealedIdentity;
  /** The referral that opened the case; received when the case was opened (`openedAt`). */
  referral?: Referral;
  /** Another team serving the municipality that the referring unit named: a start variable of the pathway. */
  teamHint?: string | null;
  processInstanceKey?: string | null;
}

interface CaseRecord {
  case_id: string;
  municipality_code: string;
  team_id: string | null;
  region_id: string | null;
  opened_at: Date;
  closed_at: Date | null;
  outcome: OutcomeCode | null;
  process_instance_key: string | null;
  team_hint: string | null;
  special_support_need: boolean;
  urgent: boolean;
  age_over_75: boolean;
  highest_care_allowance: boolean;
  child_with_special_support: boolean;
  pregnant: boolean;
  age_under_23: boolean;
  age_23_or_over: boolean;
  service_language: ServiceLanguage;
  register: RegisterCode;
}

/**
 * Opens a case, and stores its sealed identity in `case_identities` and its referral in
 * `case_referrals` when given, in one transaction.
 * Idempotent by case id: opening the same case again returns the stored case unchanged.
 */
export async function openCase(knex: Knex, input: OpenCaseInput): Promise<CaseRow> {
  return knex.transaction(async (trx) => {
    const attributes = input.attributes ?? {};
    const record: Omit<CaseRecord, 'team_id' | 'region_id' | 'closed_at' | 'outcome'> = {
      case_id: input.caseId,
      municipality_code: input.municipalityCode,
      opened_at: input.openedAt,
      process_instance_key: input.processInstanceKey ?? null,
      team_hint: input.teamHint ?? null,
      special_support_need: input.specialSupportNeed ?? false,
      urgent: attributes.urgent ?? false,
      age_over_75: attributes.ageOver75 ?? false,
      highest_care_allowance: attributes.highestCareAllowance ?? false,
      child_with_special_support: attributes.childWithSpecialSupport ?? false,
      pregnant: attributes.pregnant ?? false,
      age_under_23: attributes.ageUnder23 ?? false,
      age_23_or_over: attributes.age23OrOver ?? false,
      service_language: input.serviceLanguage ?? 'fi',
      register: input.register,
    };
    const inserted = await trx('cases').insert(record).onConflict('case_id').ignore().returning('case_id');
    if (inserted.length > 0 && input.identity) {
      await insertSealedIdentity(trx, { caseId: input.caseId, register: input.register, sealed: input.identity });
    }
    if (inserted.length > 0 && input.referral) {
      await insertReferral(trx, { caseId: input.caseId, ...input.referral, receivedAt: input.openedAt, register: input.register });
    }
    return requireCase(trx, input.caseId);
  });
}

/** The case, or undefined. */
export async function getCase(knex: Knex, caseId: string): Promise<CaseRow | undefined> {
  const row = await knex<CaseRecord>('cases').where({ case_id: caseId }).first();
  return row && toCaseRow(row);
}

/** The case; throws CaseNotFoundError. */
export async function requireCase(knex: Knex, caseId: string): Promise<CaseRow> {
  const found = await getCase(knex, caseId);
  if (!found) throw new CaseNotFoundError(caseId);
  return found;
}

/**
 * Links the case to its process instance. Setting the same key again is a no-op; a different key
 * for a linked case is an error, as a case runs in one instance.
 */
export async function attachProcessInstance(knex: Knex, caseId: string, processInstanceKey: string): Promise<CaseRow> {
  const updated = await knex('cases')
    .where({ case_id: caseId })
    .where((q) => q.whereNull('process_instance_key').orWhere('process_instance_key', processInstanceKey))
    .update({ process_instance_key: processInstanceKey });
  const found = await requireCase(knex, caseId);
  if (updated === 0) throw new Error(`case ${caseId} already runs in process instance ${found.processInstanceKey}`);
  return found;
}

/** What closing a case records. */
export interface CloseCaseInput {
  caseId: string;
  outcome: OutcomeCode;
  at: Date;
  jobKey: string;
}

/**
 * Closes the case with its outcome, in one transaction: releases the active pair (their caseload
 * drops), closes the open stage and stamps the case. Closing a closed case (a replayed job, or
 * the withdrawal message racing the normal end) changes nothing and returns it as it is.
 */
export async function closeCase(knex: Knex, input: CloseCaseInput): Promise<CaseRow> {
  return knex.transaction(async (trx) => {
    const { closed } = await lockCase(trx, input.caseId);
    if (!closed) {
      await releaseActivePair(trx, input.caseId, input.at);
      await releaseResponsibleSocialWorker(trx, input.caseId, input.at);
      await closeOpenStage(trx, input.caseId, input.at, input.jobKey);
      await trx('cases').where({ case_id: input.caseId }).update({ closed_at: input.at, outcome: input.outcome });
    }
    return requireCase(trx, input.caseId);
  });
}

/** The column of `cases` holding each attribute. */
export const CASE_ATTRIBUTE_COLUMNS: Readonly<Record<CaseAttributeCode, string>> = {
  urgent: 'urgent',
  ageOver75: 'age_over_75',
  highestCareAllowance: 'highest_care_allowance',
  childWithSpecialSupport: 'child_with_special_support',
  pregnant: 'pregnant',
  ageUnder23: 'age_under_23',
  age23OrOver: 'age_23_or_over',
};

function toCaseRow(r: CaseRecord): CaseRow {
  return {
    caseId: r.case_id,
    municipalityCode: r.municipality_code,
    teamId: r.team_id,
    regionId: r.region_id,
    openedAt: r.opened_at,
    closedAt: r.closed_at,
    outcome: r.outcome,
    processInstanceKey: r.process_instance_key,
    teamHint: r.team_hint,
    specialSupportNeed: r.special_support_need,
    attributes: {
      urgent: r.urgent,
      ageOver75: r.age_over_75,
      highestCareAllowance: r.highest_care_allowance,
      childWithSpecialSupport: r.child_with_special_support,
      pregnant: r.pregnant,
      ageUnder23: r.age_under_23,
      age23OrOver: r.age_23_or_over,
    },
    serviceLanguage: r.service_language,
    register: r.register,
  };
}
