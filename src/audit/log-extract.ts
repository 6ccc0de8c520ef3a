import type { Knex } from 'knex';
import { APP_ROLE_LABELS, APP_ROLES, type AppRole } from '../auth/app-roles.js';
import type { Principal } from '../auth/principal.js';
import type { UserDirectory } from '../auth/users.js';
import { PATHWAY_REGISTER, REGISTER_LABELS, type RegisterCode } from '../domain/registers.js';
import type { IdentityCipher } from '../security/identity-cipher.js';
import { auditTrail, logReads, type AccessBasis, type AuditAction } from '../store/audit-repository.js';
import { findCaseIdsByHenkilotunnus } from '../store/identity-repository.js';
import { auditActorOf } from './case-read.js';

/** Log extracts cover the past two years; older entries need a special reason (domain.md §2). */
export const LOG_EXTRACT_YEARS = 2;

/** Finnish names of the bases, as the client reads them. */
const BASIS_LABELS: Readonly<Record<AccessBasis, string>> = {
  OWN_CASE: 'Asiakkaan oma työntekijä (asiakassuhde)',
  WORK_TASK: 'Työtehtävä asiakkaan asiassa',
  CONSENT: 'Asiakkaan suostumus',
  LEGAL_BASIS: 'Lakiin perustuva tiedonsaantioikeus',
  CLIENT_REQUEST: 'Asiakkaan oma pyyntö',
};

/** Finnish names of the actions. */
const ACTION_LABELS: Readonly<Record<AuditAction, string>> = { READ: 'Luku', INSERT: 'Kirjaus', UPDATE: 'Muutos', DELETE: 'Poisto' };

/** One line of a client's log extract: who processed which data, when, how and why. */
export interface LogExtractLine {
  at: string;
  caseId: string | null;
  actor: { id: string; name: string; role: string; roleLabel: string };
  action: AuditAction;
  actionLabel: string;
  resource: string;
  register: RegisterCode;
  registerLabel: string;
  basis: AccessBasis;
  basisLabel: string;
  basisDetail: string | null;
}

/** The client's log extract (Act 703/2023): every entry of their cases in the period. */
export interface LogExtract {
  /** The client's request it answers (the registry's diary number). */
  requestReference: string;
  from: string;
  to: string;
  cases: number;
  lines: LogExtractLine[];
}

/**
 * Who processed the client's data in the past two years: the client is found by henkilötunnus
 * through the blind index (nothing is decrypted), all of their cases are covered, and the
 * extract itself goes into the log as the requesting official's read on the client's request,
 * naming the request: one entry per case, or one without a case when the extract found none, so
 * a search for a client leaves its trace either way.
 */
export async function clientLogExtract(
  deps: { knex: Knex; identityCipher: IdentityCipher; users: UserDirectory },
  input: { henkilotunnus: string; requestReference: string; requestedBy: Principal; now?: Date },
): Promise<LogExtract> {
  const to = input.now ?? new Date();
  const from = new Date(to);
  from.setFullYear(from.getFullYear() - LOG_EXTRACT_YEARS);
  const caseIds = await findCaseIdsByHenkilotunnus(deps.knex, deps.identityCipher, input.henkilotunnus);
  const entries = await auditTrail(deps.knex, { caseIds, since: from });
  await logReads(
    deps.knex,
    (caseIds.length > 0 ? caseIds : [null]).map((caseId) => ({
      actor: auditActorOf(input.requestedBy),
      caseId,
      resource: 'audit_log',
      register: PATHWAY_REGISTER,
      basis: 'CLIENT_REQUEST' as const,
      basisDetail: input.requestReference,
    })),
  );
  const lines = entries.map((e) => {
    const user = deps.users.byId(e.actorId);
    const role = (APP_ROLES as readonly string[]).includes(e.actorRole) ? APP_ROLE_LABELS[e.actorRole as AppRole] : 'Järjestelmä';
    return {
      at: e.at.toISOString(),
      caseId: e.caseId,
      actor: {
        id: e.actorId,
        name: user?.displayName ?? (e.actorId === 'system' ? 'Sote-työpari (automaattinen käsittely)' : e.actorId),
        role: e.actorRole,
        roleLabel: role,
      },
      action: e.action,
      actionLabel: ACTION_LABELS[e.action],
      resource: e.resource,
      register: e.register,
      registerLabel: REGISTER_LABELS[e.register],
      basis: e.basis,
      basisLabel: BASIS_LABELS[e.basis],
      basisDetail: e.basisDetail,
    };
  });
  return { requestReference: input.requestReference, from: from.toISOString(), to: to.toISOString(), cases: caseIds.length, lines };
}
