import { expect } from 'chai';
import type { Knex } from 'knex';
import { randomBytes, randomUUID } from 'node:crypto';
import { createIdentityCipher } from '../../src/security/identity-cipher.js';
import { findCaseIdsByHenkilotunnus, readIdentity, sealPlaintextIdentities } from '../../src/store/identity-repository.js';
import { migrateAppDatabase } from '../../src/store/migrate.js';
import { APP_MIGRATIONS } from '../../src/store/migrations/index.js';
import { createTestKnex } from '../support/postgres.js';

/** The migration that sealing arrived with: rows written before it are plaintext. */
const SEALING_MIGRATION = '20261127120100-seal-case-identities';

describe('identity at rest', () => {
  let knex: Knex;
  const cipher = createIdentityCipher(randomBytes(32));

  before(async () => {
    knex = await createTestKnex('security_identity_at_rest');
  });

  after(async () => {
    await knex.destroy();
  });

  it('should seal identities stored in plaintext before sealing, and refuse plaintext afterwards', async () => {
    // given a database migrated up to just before sealing, with two plaintext identities of one client
    const before = APP_MIGRATIONS.slice(
      0,
      APP_MIGRATIONS.findIndex((m) => m.name === SEALING_MIGRATION),
    );
    for (const { migration } of before) await migration.up(knex);
    // The seed loads only after every migration, so the old rows' municipality goes in by hand.
    await knex('regions').insert({
      id: 'turun-seutu',
      name: 'Turun seutu',
      group_name: 'Turun seudun päihdekuntoutustyöryhmä',
      meeting_calendar: '[]',
    });
    await knex('teams').insert({ id: 'turku-keskusta', name: 'Turku keskusta', region_id: 'turun-seutu', meeting_calendar: '[]' });
    await knex('municipalities').insert({ code: '853', name: 'Turku', region_id: 'turun-seutu', team_id: 'turku-keskusta' });
    const caseIds = [randomUUID(), randomUUID()];
    for (const caseId of caseIds) {
      await knex('cases').insert({ case_id: caseId, municipality_code: '853', opened_at: new Date(), register: 'SOCIAL' });
      await knex('case_identities').insert({ case_id: caseId, full_name: 'Vanha Rivi', henkilotunnus: '131052-308T', register: 'SOCIAL' });
    }
    await knex.schema.createTable('app_migrations', (t) => {
      t.increments('id');
      t.string('name');
      t.integer('batch');
      t.timestamp('migration_time');
    });
    await knex('app_migrations').insert(before.map((m) => ({ name: m.name, batch: 1, migration_time: new Date() })));

    // when the service starts: migrations, then sealing with the key
    await migrateAppDatabase(knex);
    const sealed = await sealPlaintextIdentities(knex, cipher);

    // then
    expect(sealed).to.equal(2);
    const rows = await knex('case_identities').select('*');
    expect(JSON.stringify(rows)).to.not.match(/Vanha|131052/);
    expect(await readIdentity(knex, cipher, caseIds[0])).to.deep.equal({
      caseId: caseIds[0],
      fullName: 'Vanha Rivi',
      henkilotunnus: '131052-308T',
    });
    expect(await findCaseIdsByHenkilotunnus(knex, cipher, '131052-308t')).to.have.members(caseIds);
    expect(await sealPlaintextIdentities(knex, cipher)).to.equal(0);
    const newCase = randomUUID();
    await knex('cases').insert({ case_id: newCase, municipality_code: '853', opened_at: new Date(), register: 'SOCIAL' });
    const plaintext = await knex('case_identities')
      .insert({ case_id: newCase, full_name: 'Uusi', henkilotunnus: '131052-308T', register: 'SOCIAL' })
      .catch((e: Error) => e);
    expect(String(plaintext)).to.match(/case_identities_sealed_check/);
    const update = await knex('case_identities')
      .where({ case_id: caseIds[1] })
      .update({ full_name: 'Uusi' })
      .catch((e: Error) => e);
    expect(String(update)).to.match(/case_identities_sealed_check/);
  });
});
