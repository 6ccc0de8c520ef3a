import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { openCase, type CaseRow } from '../../src/store/case-repository.js';
import { migrateAppDatabase } from '../../src/store/migrate.js';
import { testCaseInput, type TestCaseOverrides } from '../support/identity-cipher.js';
import { createTestKnex } from '../support/postgres.js';

/** A fresh database with the read model migrated and the organisation seeded. */
export async function migratedKnex(label: string): Promise<Knex> {
  const knex = await createTestKnex(label);
  await migrateAppDatabase(knex);
  return knex;
}

/** Opens a Turku case with a new id; override what the test is about. */
export async function openTestCase(knex: Knex, overrides: TestCaseOverrides = {}): Promise<CaseRow> {
  return openCase(
    knex,
    testCaseInput(
      { caseId: randomUUID(), municipalityCode: '853', openedAt: new Date('2026-03-10T09:00:00Z'), register: 'SOCIAL' },
      overrides,
    ),
  );
}

/** Counts a table's rows. */
export async function countRows(knex: Knex, table: string): Promise<number> {
  const [{ count }] = await knex(table).count<{ count: string }[]>('* as count');
  return Number(count);
}

/** A time a number of minutes after 10 March 2026 09:00 UTC, for ordering events in tests. */
export function minutes(n: number): Date {
  return new Date(Date.parse('2026-03-10T09:00:00Z') + n * 60_000);
}
