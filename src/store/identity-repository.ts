import type { Knex } from 'knex';
import type { RegisterCode } from '../domain/registers.js';
import type { IdentityCipher, PlainIdentity, SealedIdentity } from '../security/identity-cipher.js';

/** Who the client is, in the clear. Shown only to authorised roles; the caller audits every read. */
export interface CaseIdentity extends PlainIdentity {
  caseId: string;
}

interface IdentityRecord {
  case_id: string;
  full_name: string | null;
  henkilotunnus: string | null;
  full_name_sealed: string | null;
  henkilotunnus_sealed: string | null;
  henkilotunnus_index: string | null;
}

/** Stores a sealed identity for the case (within the caller's transaction). */
export async function insertSealedIdentity(
  knex: Knex,
  input: { caseId: string; register: RegisterCode; sealed: SealedIdentity },
): Promise<void> {
  await knex('case_identities').insert({
    case_id: input.caseId,
    full_name_sealed: input.sealed.fullNameSealed,
    henkilotunnus_sealed: input.sealed.henkilotunnusSealed,
    henkilotunnus_index: input.sealed.henkilotunnusIndex,
    register: input.register,
  });
}

/**
 * The client's identity, decrypted. The read model never joins it into other queries: whoever
 * calls this must have checked the reader's role and must write the audit entry (domain.md §2).
 */
export async function readIdentity(knex: Knex, cipher: IdentityCipher, caseId: string): Promise<CaseIdentity | undefined> {
  const row = await knex<IdentityRecord>('case_identities').where({ case_id: caseId }).first();
  if (!row?.full_name_sealed || !row.henkilotunnus_sealed) return undefined;
  return { caseId, ...cipher.open(caseId, { fullNameSealed: row.full_name_sealed, henkilotunnusSealed: row.henkilotunnus_sealed }) };
}

/** The ids of every case of the client with this henkilötunnus, found by its blind index. */
export async function findCaseIdsByHenkilotunnus(knex: Knex, cipher: IdentityCipher, henkilotunnus: string): Promise<string[]> {
  const rows = await knex('case_identities')
    .where({ henkilotunnus_index: cipher.index(henkilotunnus) })
    .select<{ case_id: string }[]>('case_id');
  return rows.map((r) => r.case_id);
}

/**
 * Encrypts the identities stored in plaintext before sealing existed, one transaction for all,
 * then validates the constraint that no plaintext is left. Runs at every start; with nothing to
 * seal it only re-validates. Returns how many rows it sealed.
 */
export async function sealPlaintextIdentities(knex: Knex, cipher: IdentityCipher): Promise<number> {
  return knex.transaction(async (trx) => {
    const plain = await trx<IdentityRecord>('case_identities').whereNotNull('full_name').orWhereNotNull('henkilotunnus').forUpdate();
    for (const row of plain) {
      const sealed = cipher.seal(row.case_id, { fullName: row.full_name ?? '', henkilotunnus: row.henkilotunnus ?? '' });
      await trx('case_identities').where({ case_id: row.case_id }).update({
        full_name: null,
        henkilotunnus: null,
        full_name_sealed: sealed.fullNameSealed,
        henkilotunnus_sealed: sealed.henkilotunnusSealed,
        henkilotunnus_index: sealed.henkilotunnusIndex,
      });
    }
    await trx.raw('ALTER TABLE case_identities VALIDATE CONSTRAINT case_identities_sealed_check');
    return plain.length;
  });
}
