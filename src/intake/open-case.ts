import type { Knex } from 'knex';
import type { ServiceLanguage } from '../domain/service-language.js';
import { randomUUID } from 'node:crypto';
import type { CamundaClient } from '../camunda-client.js';
import { ageAttributesOn } from '../domain/age-bands.js';
import type { CaseAttributes } from '../domain/case-attributes.js';
import { finnishDate } from '../domain/finnish-time.js';
import { birthDateOf } from '../domain/henkilotunnus.js';
import type { LocalDate } from '../domain/local-date.js';
import { PATHWAY_REGISTER } from '../domain/registers.js';
import { InvalidInput } from '../domain/refusals.js';
import { findMunicipality } from '../domain/routing.js';
import type { IdentityCipher } from '../security/identity-cipher.js';
import { withAuditActor, type AuditActor } from '../store/audit-repository.js';
import { openCase } from '../store/case-repository.js';
import { listMunicipalities } from '../store/org-repository.js';
import { PathwayEngineError } from './pathway-engine.js';
import { startCasePathway } from './start-pathway.js';

/** A referral as a team's caseworker records it, already checked for shape. */
export interface Referral {
  /** Official code ('853') or Finnish or Swedish name. */
  municipality: string | number;
  referral: { source: string; reason: string; receivedAt?: string };
  attributes: CaseAttributes;
  specialSupportNeed: boolean;
  serviceLanguage: ServiceLanguage;
  teamHint?: string;
  identity: { name: string; henkilotunnus: string };
}

/** The case was recorded, but the engine did not start its pathway; the reconciler will. */
export class PathwayNotStarted extends Error {
  constructor(
    readonly caseId: string,
    override readonly cause: unknown,
  ) {
    super(`The case was recorded as ${caseId}, but its pathway did not start`);
    this.name = 'PathwayNotStarted';
  }
}

/**
 * Opens a case from a referral: records it with its sealed identity and referral, then starts
 * its pathway with the case's facts as variables (never the identity), so the screening form
 * opens with the intake's answers to confirm. The case is committed before the process starts,
 * since its first jobs record stages on the row at once; should the start fail or the process
 * stop in between, the intake reconciler (reconciler.ts) starts it later.
 */
export async function openCaseFromReferral(
  deps: { knex: Knex; camunda: CamundaClient; identityCipher: IdentityCipher },
  referral: Referral,
  actor: AuditActor,
): Promise<{ caseId: string; processInstanceKey: string }> {
  const municipality = findMunicipality(referral.municipality, await listMunicipalities(deps.knex));
  if (!municipality)
    throw new InvalidInput([{ field: 'municipality', detail: `no municipality '${referral.municipality}' in Varsinais-Suomi` }]);
  const caseId = randomUUID();
  const openedAt = referral.referral.receivedAt ? new Date(referral.referral.receivedAt) : new Date();
  await withAuditActor(deps.knex, actor, 'WORK_TASK', (trx) =>
    openCase(trx, {
      caseId,
      municipalityCode: municipality.code,
      openedAt,
      register: PATHWAY_REGISTER,
      specialSupportNeed: referral.specialSupportNeed,
      serviceLanguage: referral.serviceLanguage,
      attributes: withAgeBands(referral.attributes, referral.identity.henkilotunnus, finnishDate(openedAt)),
      identity: deps.identityCipher.seal(caseId, { fullName: referral.identity.name, henkilotunnus: referral.identity.henkilotunnus }),
      referral: { source: referral.referral.source, reason: referral.referral.reason },
      teamHint: referral.teamHint,
    }),
  );
  const processInstanceKey = await startCasePathway(deps, caseId).catch((error: unknown) => {
    if (error instanceof PathwayEngineError) throw new PathwayNotStarted(caseId, error.cause);
    throw error;
  });
  return { caseId, processInstanceKey };
}

/**
 * The referral's attributes with the age bands its henkilötunnus gives on the day the matter became
 * pending; a declared `ageOver75` stays, since the referrer may know more than the code says.
 */
function withAgeBands(attributes: CaseAttributes, henkilotunnus: string, openedOn: LocalDate): CaseAttributes {
  const birthDate = birthDateOf(henkilotunnus);
  if (!birthDate) return attributes;
  const ages = ageAttributesOn(birthDate, openedOn);
  return { ...attributes, ...ages, ageOver75: attributes.ageOver75 === true || ages.ageOver75 };
}
