import type { Knex } from 'knex';
import { getCase, type CaseRow } from '../store/case-repository.js';

/** The start variables of a case's pathway; the names are the diagram's (process-application/README.md). */
export interface PathwayVariables {
  [name: string]: unknown;
  caseId: string;
  municipality: string;
  specialSupportNeed: boolean;
  urgent: boolean;
  ageOver75: boolean;
  highestCareAllowance: boolean;
  childWithSpecialSupport: boolean;
  pregnant: boolean;
  teamHint?: string;
}

/** A case as far as starting its pathway is concerned. */
export interface CaseToStart {
  processInstanceKey: string | null;
  closed: boolean;
  variables: PathwayVariables;
}

/**
 * The case's start facts, read afresh: called after the case's start lock is taken, it sees
 * whatever a competing start committed before letting the lock go.
 */
export async function readCaseToStart(knex: Knex, caseId: string): Promise<CaseToStart | undefined> {
  const found = await getCase(knex, caseId);
  return found && { processInstanceKey: found.processInstanceKey, closed: found.closedAt !== null, variables: pathwayVariables(found) };
}

/**
 * The pseudonymous id, the municipality code and the structured facts the diagram decides on
 * (the screening form opens with them to confirm); never the client's identity.
 */
function pathwayVariables(found: CaseRow): PathwayVariables {
  return {
    caseId: found.caseId,
    municipality: found.municipalityCode,
    specialSupportNeed: found.specialSupportNeed,
    ...found.attributes,
    ...(found.teamHint ? { teamHint: found.teamHint } : {}),
  };
}

/**
 * Open cases without a process instance whose pathway was last asked of the engine more than
 * `graceMs` ago, longest waiting first.
 */
export async function listCasesWithoutPathway(knex: Knex, graceMs: number, limit: number): Promise<string[]> {
  const rows: Array<{ case_id: string }> = await knex('cases')
    .select('case_id')
    .whereNull('process_instance_key')
    .whereNull('closed_at')
    .where('pathway_requested_at', '<', knex.raw('now() - make_interval(secs => ?)', [graceMs / 1000]))
    .orderBy('pathway_requested_at')
    .limit(limit);
  return rows.map((r) => r.case_id);
}

/**
 * Stamps the moment the case's pathway is asked of the engine again, committed at once (outside
 * the caller's transaction): should the process stop before attaching a key, the next attempt
 * waits the grace period from here, long enough for a search to see what this attempt started.
 */
export async function markPathwayRequested(knex: Knex, caseId: string): Promise<void> {
  await knex('cases').where({ case_id: caseId }).update({ pathway_requested_at: knex.fn.now() });
}
