import type { Knex } from 'knex';
import { AccessDenied } from '../domain/refusals.js';
import { APP_ROLE_LABELS, isTeamRole, type AppRole } from '../auth/app-roles.js';
import type { Principal } from '../auth/principal.js';
import { legalBasisInForce } from '../store/legal-basis-repository.js';
import type { RegisterCode } from '../domain/registers.js';
import type { AccessBasis } from '../store/audit-repository.js';
import type { CaseRow } from '../store/case-repository.js';
import { consentInForce } from '../store/consent-repository.js';
import { listBookings } from '../store/meeting-repository.js';
import { activePair } from '../store/pair-repository.js';

/** Why a read of a case was allowed, as the audit log records it. */
export interface CaseAccess {
  basis: AccessBasis;
  basisDetail: string | null;
  /** The register the data was read from. */
  register: RegisterCode;
}

/**
 * The register each role works in: the nurse in the patient register (HEALTH), the social side,
 * their team lead and the regional group and officials in the social register. Managers and
 * administrators work in neither: they see aggregates and organisation data, never a case.
 */
const READER_REGISTER: Readonly<Record<AppRole, RegisterCode | null>> = {
  NURSE: 'HEALTH',
  SOCIAL_COUNSELLOR: 'SOCIAL',
  SOCIAL_WORKER: 'SOCIAL',
  TEAM_LEAD: 'SOCIAL',
  GROUP_MEMBER: 'SOCIAL',
  OFFICIAL: 'SOCIAL',
  MANAGER: null,
  ADMIN: null,
};

/** The registers in the inessive and the illative, for the refusal's Finnish sentence. */
const IN_REGISTER: Readonly<Record<RegisterCode, string>> = {
  SOCIAL: 'sosiaalihuollon asiakasrekisterissä',
  HEALTH: 'potilasrekisterissä',
};
const INTO_REGISTER: Readonly<Record<RegisterCode, string>> = {
  SOCIAL: 'sosiaalihuollon asiakasrekisteriin',
  HEALTH: 'potilasrekisteriin',
};

/**
 * Whether the role may see the client's name and henkilötunnus of a case it may read: the pair
 * and the team may; the working group and the deciding officials handle the case without them.
 */
export function mayReadIdentity(role: AppRole): boolean {
  return isTeamRole(role);
}

/** The register a role reads into, or null for roles that read no case data. */
export function readerRegister(role: AppRole): RegisterCode | null {
  return READER_REGISTER[role];
}

/** Why a read of a case was refused: the detail of its 403 problem. */
export interface CaseRefusal {
  refused: string;
}

/**
 * Decides whether the principal may read this case, and on what basis; throws AccessDenied
 * saying why not (decideCaseRead).
 */
export async function authoriseCaseRead(knex: Knex, principal: Principal, found: CaseRow, at: Date = new Date()): Promise<CaseAccess> {
  const decision = await decideCaseRead(knex, principal, found, at);
  if ('refused' in decision) throw new AccessDenied(decision.refused);
  return decision;
}

/**
 * Whether the principal may read this case, and on what basis, or why not. Two checks, both
 * needed (Act 703/2023, domain.md §2):
 *
 * 1. a relationship to the case: a caseworker in its active pair (OWN_CASE) or in its team
 *    (WORK_TASK); a working-group member or deciding official of the region whose group has the
 *    case on its agenda (WORK_TASK). Managers and administrators have none.
 * 2. when the case's records are in the other register than the reader's, the client's consent
 *    in force for that direction (CONSENT) or a recorded legal basis (LEGAL_BASIS).
 */
export async function decideCaseRead(
  knex: Knex,
  principal: Principal,
  found: CaseRow,
  at: Date = new Date(),
): Promise<CaseAccess | CaseRefusal> {
  const register = readerRegister(principal.role);
  if (register === null) {
    return { refused: `${APP_ROLE_LABELS[principal.role]} näkee koosteet ja organisaatiotiedot, ei yksittäisiä asioita.` };
  }
  const relationship = await relationshipTo(knex, principal, found);
  if (!relationship) {
    return {
      refused: `Asia ${found.caseId} ei ole tiimisi, työparisi eikä alueellisen työryhmäsi asia. Asian näkevät sen tiimi ja työpari sekä työryhmä, jonka käsittelyyn se on varattu.`,
    };
  }
  if (register === found.register) return { basis: relationship, basisDetail: null, register: found.register };
  const crossing = { caseId: found.caseId, from: found.register, to: register };
  const consent = await consentInForce(knex, { ...crossing, at });
  if (consent) return { basis: 'CONSENT', basisDetail: `consent ${consent.id} (${consent.scope})`, register: found.register };
  const legal = await legalBasisInForce(knex, crossing);
  if (legal) return { basis: 'LEGAL_BASIS', basisDetail: legal.statute, register: found.register };
  return {
    refused: `Asian tiedot ovat ${IN_REGISTER[found.register]}, ja ${APP_ROLE_LABELS[principal.role].toLowerCase()} kirjaa ${INTO_REGISTER[register]}. Tietojen näkeminen vaatii asiakkaan voimassa olevan suostumuksen tai kirjatun laissa säädetyn perusteen; perusteen kirjaa tiedot luovuttavan puolen työntekijä.`,
  };
}

async function relationshipTo(knex: Knex, principal: Principal, found: CaseRow): Promise<'OWN_CASE' | 'WORK_TASK' | undefined> {
  switch (principal.role) {
    case 'NURSE':
    case 'SOCIAL_COUNSELLOR':
    case 'SOCIAL_WORKER':
    case 'TEAM_LEAD': {
      const pair = await activePair(knex, found.caseId);
      if (pair && principal.professionalId && [pair.nurseId, pair.socialWorkerId].includes(principal.professionalId)) return 'OWN_CASE';
      return found.teamId !== null && found.teamId === principal.teamId ? 'WORK_TASK' : undefined;
    }
    case 'GROUP_MEMBER':
    case 'OFFICIAL': {
      const bookings = await listBookings(knex, found.caseId);
      return bookings.some((b) => b.forum.forum === 'REGIONAL_GROUP' && b.forum.regionId === principal.regionId) ? 'WORK_TASK' : undefined;
    }
    case 'MANAGER':
    case 'ADMIN':
      return undefined;
  }
}
