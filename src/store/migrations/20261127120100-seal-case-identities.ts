import type { Knex } from 'knex';

/**
 * Identity at rest is sealed (AES-256-GCM, src/security/identity-cipher.ts): `full_name_sealed`
 * and `henkilotunnus_sealed` hold ciphertext, and `henkilotunnus_index` a keyed hash (HMAC) that
 * finds a returning client's cases without decrypting anything.
 *
 * The key lives outside the database, so this migration cannot encrypt rows stored in plaintext
 * before it: the service does that at start with the key (`sealPlaintextIdentities`). Until then
 * the plaintext columns stay, nullable; the constraint, NOT VALID so it binds new and changed
 * rows only, makes every write from now on sealed and plaintext-free. The sealing step validates
 * it once no plaintext row is left.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('case_identities', (t) => {
    t.text('full_name_sealed');
    t.text('henkilotunnus_sealed');
    t.text('henkilotunnus_index');
    t.index(['henkilotunnus_index']);
  });
  await knex.raw('ALTER TABLE case_identities ALTER COLUMN full_name DROP NOT NULL, ALTER COLUMN henkilotunnus DROP NOT NULL');
  await knex.raw('DROP INDEX IF EXISTS case_identities_henkilotunnus_index');
  await knex.raw(`ALTER TABLE case_identities ADD CONSTRAINT case_identities_sealed_check CHECK (
    full_name IS NULL AND henkilotunnus IS NULL
    AND full_name_sealed IS NOT NULL AND henkilotunnus_sealed IS NOT NULL AND henkilotunnus_index IS NOT NULL) NOT VALID`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE case_identities DROP CONSTRAINT case_identities_sealed_check');
  await knex.schema.alterTable('case_identities', (t) => {
    t.dropIndex(['henkilotunnus_index']);
    t.dropColumns('full_name_sealed', 'henkilotunnus_sealed', 'henkilotunnus_index');
    t.index(['henkilotunnus']);
  });
}
