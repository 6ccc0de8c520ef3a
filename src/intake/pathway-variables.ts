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
