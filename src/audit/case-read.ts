import { APP_ROLE_LABELS } from '../auth/app-roles.js';
import type { Knex } from 'knex';
import { AccessDenied, NotFound } from '../domain/refusals.js';
import type { Principal } from '../auth/principal.js';
import { authoriseCaseRead, decideCaseRead, mayReadIdentity, type CaseAccess } from '../security/case-access.js';
import { logReads, type AuditActor } from '../store/audit-repository.js';
import { getCase, type CaseRow } from '../store/case-repository.js';

/** What of a case is read: the pathway record, the client's identity, or what a user task's form shows of it. */
export type CaseResource = 'case' | 'case_identities' | 'task_variables';

/**
 * The one way a route reads a case for a person: 404 when there is no such case, 403 unless the
 * principal may read it (src/security/case-access.ts), and otherwise the read is in the use log,
 * with its basis, before any data leaves. A read that the log did not take does not happen.
 */
export async function readCaseAudited(knex: Knex, principal: Principal, caseId: string, resource: CaseResource): Promise<CaseRow> {
  const { found, access } = await checkCaseRead(knex, principal, caseId, resource);
  await logReads(knex, [
    { actor: auditActorOf(principal), caseId, resource, register: access.register, basis: access.basis, basisDetail: access.basisDetail },
  ]);
  return found;
}

/**
 * readCaseAudited's check without the read: for a route that acts on what it may read (claims or
 * completes a case's task) and shows nothing of it.
 */
export async function checkCaseRead(
  knex: Knex,
  principal: Principal,
  caseId: string,
  resource: CaseResource,
): Promise<{ found: CaseRow; access: CaseAccess }> {
  const found = await getCase(knex, caseId);
  if (!found) throw new NotFound(`No case '${caseId}'`);
  const access = await authoriseCaseRead(knex, principal, found);
  if (resource === 'case_identities' && !mayReadIdentity(principal.role)) {
    throw new AccessDenied(`${APP_ROLE_LABELS[principal.role]} käsittelee asioita ilman asiakkaan henkilötietoja.`);
  }
  return { found, access };
}

/** The principal as the use log names them. */
export function auditActorOf(principal: Principal): AuditActor {
  return { id: principal.userId, role: principal.role };
}

/**
 * Of these cases, the ones the principal may read, each read logged with its basis; the others
 * are left out without a trace (nothing of them is shown). For lists, such as the inbox's tasks
 * with their case's stage and team, or the case list, that show only what the reader may read.
 */
export async function readableCasesAudited(
  knex: Knex,
  principal: Principal,
  caseIds: readonly string[],
  resource: ListResource,
): Promise<Set<string>> {
  const readable = await readableCases(knex, principal, caseIds);
  await logListReads(knex, principal, readable, [...readable.keys()], resource);
  return new Set(readable.keys());
}

/** The lists that show cases: the inbox (a task's case, stage and team) and the case list. */
export type ListResource = 'inbox' | 'case_list';

/** How the principal may read a case (register and basis), for those of the cases they may read. */
export type ReadableCases = ReadonlyMap<string, CaseAccess>;

/**
 * Of these cases, the ones the principal may read and on what basis, nothing logged: for a list
 * that counts what the reader may read but shows a page of it, logging only that page's reads
 * (logListReads).
 */
export async function readableCases(knex: Knex, principal: Principal, caseIds: readonly string[]): Promise<ReadableCases> {
  const readable = new Map<string, CaseAccess>();
  for (const caseId of new Set(caseIds)) {
    const found = await getCase(knex, caseId);
    const decision = found ? await decideCaseRead(knex, principal, found) : undefined;
    if (decision && !('refused' in decision)) readable.set(caseId, decision);
  }
  return readable;
}

/** Logs the reads of the shown cases, each on the basis readableCases found, in one insert. */
export async function logListReads(
  knex: Knex,
  principal: Principal,
  readable: ReadableCases,
  shown: readonly string[],
  resource: ListResource,
): Promise<void> {
  const reads = [...new Set(shown)].flatMap((caseId) => {
    const access = readable.get(caseId);
    return access
      ? [
          {
            actor: auditActorOf(principal),
            caseId,
            resource,
            register: access.register,
            basis: access.basis,
            basisDetail: access.basisDetail,
          },
        ]
      : [];
  });
  await logReads(knex, reads);
}
