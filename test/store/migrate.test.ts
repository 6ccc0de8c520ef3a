import { readdirSync } from 'node:fs';
import { expect } from 'chai';
import type { Knex } from 'knex';
import { APP_MIGRATIONS_TABLE, migrateAppDatabase } from '../../src/store/migrate.js';
import { APP_MIGRATIONS } from '../../src/store/migrations/index.js';
import { createTestKnex } from '../support/postgres.js';

describe('migrateAppDatabase', () => {
  let knex: Knex;

  beforeEach(async () => {
    knex = await createTestKnex('store_migrate');
  });

  afterEach(async () => {
    await knex.destroy();
  });

  it('should list every migration file once, oldest first, each with a timestamp of its own', () => {
    const names = APP_MIGRATIONS.map((m) => m.name);
    const files = readdirSync('src/store/migrations')
      .filter((file) => /^\d{14}-.*\.ts$/.test(file))
      .map((file) => file.replace(/\.ts$/, ''));
    const stamps = names.map((name) => name.slice(0, 14));
    expect(names).to.deep.equal([...files].sort());
    expect(new Set(stamps).size, 'two migrations share a timestamp').to.equal(stamps.length);
  });

  it('should create every table of the read model on an empty database', async () => {
    // given an empty database

    // when
    const applied = await migrateAppDatabase(knex);

    // then
    expect(applied).to.deep.equal(APP_MIGRATIONS.map((m) => m.name));
    const tables = await knex('information_schema.tables').where({ table_schema: 'public' }).pluck('table_name');
    expect(tables).to.include.members([
      'regions',
      'teams',
      'professionals',
      'municipalities',
      'municipality_alternative_teams',
      'deadline_rules',
      'cases',
      'case_identities',
      'case_routings',
      'stage_history',
      'pair_assignments',
      // The responsible social worker beside the pair (SHL 42 §).
      'responsible_social_workers',
      'consents',
      'deadlines',
      'meeting_bookings',
      APP_MIGRATIONS_TABLE,
    ]);
  });

  it('should load the organisation seed on first start', async () => {
    // given an empty database

    // when
    await migrateAppDatabase(knex);

    // then
    const count = async (table: string) => Number((await knex(table).count<{ count: string }[]>('* as count'))[0].count);
    expect(await count('regions')).to.equal(5);
    expect(await count('municipalities')).to.equal(27);
    expect(await count('teams')).to.equal(12);
    expect(await count('deadline_rules')).to.be.at.least(7);
  });

  it('should apply nothing the second time', async () => {
    // given
    await migrateAppDatabase(knex);

    // when
    const applied = await migrateAppDatabase(knex);

    // then
    expect(applied).to.deep.equal([]);
  });

  it('should put a register column with a check on every case-data table', async () => {
    // given
    await migrateAppDatabase(knex);

    // when
    const tables = await knex('information_schema.columns')
      .where({ table_schema: 'public', column_name: 'register', is_nullable: 'NO' })
      .pluck('table_name');

    // then
    expect(tables).to.have.members([
      'cases',
      'case_identities',
      'case_routings',
      'stage_history',
      'pair_assignments',
      'responsible_social_workers',
      'consents',
      'deadlines',
      'meeting_bookings',
      'case_referrals',
      'screenings',
      // Recorded legal bases for reading across registers (src/store/legal-basis-repository.ts).
      'legal_bases',
      // The tasks done through the app, by whom (src/store/completed-task-repository.ts).
      'completed_tasks',
      'deadline_rules',
      // The use log: each entry names the register of what was processed.
      'audit_log',
    ]);
  });

  it('should leave the engine schema alone', async () => {
    // given
    await knex.raw('CREATE SCHEMA engine');
    await knex.raw('CREATE TABLE engine.jobs (key bigint primary key)');

    // when
    await migrateAppDatabase(knex);

    // then
    const engineTables = await knex('information_schema.tables').where({ table_schema: 'engine' }).pluck('table_name');
    expect(engineTables).to.deep.equal(['jobs']);
  });
});
