import type { Knex } from 'knex';
import { assessmentDueDateOf } from '../domain/deadline-groups.js';
import { computeDeadlines } from '../domain/deadlines.js';
import { finnishDate } from '../domain/finnish-time.js';
import { getCase, type CaseRow } from '../store/case-repository.js';
import { listDeadlineRules } from '../store/org-repository.js';

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
  /**
   * When the needs assessment must have started (SHL 36 §), counted from the case's opening: the
   * pathway's escalation timer waits for it from the start, screening and pairing included.
   */
  assessmentDueDate: string;
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
  if (!found) return undefined;
  const variables = pathwayVariables(found, await assessmentDueDateAtOpening(knex, found));
  return { processInstanceKey: found.processInstanceKey, closed: found.closedAt !== null, variables };
}

/** The case's `assessmentDueDate` as route-case computes it: the first assessment-start deadline from the day it was opened. */
export async function assessmentDueDateAtOpening(knex: Knex, found: Pick<CaseRow, 'caseId' | 'attributes' | 'openedAt'>): Promise<string> {
  const deadlines = computeDeadlines({
    rules: await listDeadlineRules(knex),
    attributes: found.attributes,
    event: 'CASE_OPENED',
    eventDate: finnishDate(found.openedAt),
  });
  return assessmentDueDateOf(found.caseId, deadlines);
}

/**
 * The pseudonymous id, the municipality code and the structured facts the diagram decides on
 * (the screening form opens with them to confirm); never the client's identity.
 */
function pathwayVariables(found: CaseRow, assessmentDueDate: string): PathwayVariables {
  return {
    caseId: found.caseId,
    municipality: found.municipalityCode,
    specialSupportNeed: found.specialSupportNeed,
    assessmentDueDate,
    ...found.attributes,
    ...(found.teamHint ? { teamHint: found.teamHint } : {}),
  };
}
