import type { Knex } from 'knex';
import { HttpProblem } from '../api/problem.js';
import type { Principal } from '../auth/principal.js';
import { authoriseCaseRead, mayReadIdentity } from '../security/case-access.js';
import { PATHWAY_REGISTER } from '../domain/registers.js';
import { logReads, type AuditActor } from '../store/audit-repository.js';
import { getCase, type CaseRow } from '../store/case-repository.js';

/** What of a case is read: the pathway record, or the client's identity. */
export type CaseResource = 'case' | 'case_identities';

/**
 * The one way a route reads a case for a person: 404 when there is no such case, 403 unless the
 * principal may read it (src/security/case-access.ts), and otherwise the read is in the use log,
 * with its basis, before any data leaves. A read that the log did not take does not happen.
 */
export async function readCaseAudited(knex: Knex, principal: Principal, caseId: string, resource: CaseResource): Promise<CaseRow> {
  const found = await getCase(knex, caseId);
  if (!found) throw new HttpProblem(404, `No case '${caseId}'`);
  const access = await authoriseCaseRead(knex, principal, found);
  if (resource === 'case_identities' && !mayReadIdentity(principal.role)) {
    throw new HttpProblem(403, `Role ${principal.role} handles cases without the client's identity`);
  }
  await logReads(knex, [{ actor: auditActorOf(principal), caseId, resource, register: access.register, basis: access.basis, basisDetail: access.basisDetail }]);
  return found;
}

/** The principal as the use log names them. */
export function auditActorOf(principal: Principal): AuditActor {
  return { id: principal.userId, role: principal.role };
}

/**
 * Logs what a user task showed of its cases (the inbox's stage and team, a task's variables):
 * the user sees the task as a member of its candidate group or as its assignee, a work task in
 * the pathway's own register.
 */
export async function logTaskReads(knex: Knex, principal: Principal, caseIds: ReadonlyArray<string | null>, resource: 'inbox' | 'task_variables'): Promise<void> {
  const distinct = [...new Set(caseIds.filter((id): id is string => id !== null))];
  await logReads(
    knex,
    distinct.map((caseId) => ({ actor: auditActorOf(principal), caseId, resource, register: PATHWAY_REGISTER, basis: 'WORK_TASK' as const })),
  );
}
