import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { JobContext } from '../../src/jobs/definition.js';
import { createWorkerDeps } from '../../src/jobs/deps.js';
import type { WorkerDeps } from '../../src/jobs/ports.js';
import { openCase, type CaseRow } from '../../src/store/case-repository.js';
import { migrateAppDatabase } from '../../src/store/migrate.js';
import { testCaseInput, type TestCaseOverrides } from '../support/identity-cipher.js';
import { createTestKnex } from '../support/postgres.js';

/** Tuesday 10 March 2026, 11:00 in Finland: the instant the tests' clock shows. */
export const NOW = new Date('2026-03-10T09:00:00Z');

/** A fresh database with the read model migrated and the organisation seeded. */
export async function workerKnex(label: string): Promise<Knex> {
  const knex = await createTestKnex(label);
  await migrateAppDatabase(knex);
  return knex;
}

/** The real repositories on the test database, with a clock stopped at `at`. */
export function depsAt(knex: Knex, at: Date = NOW): WorkerDeps {
  return createWorkerDeps(knex, { now: () => at });
}

let lastJobKey = 2251799813690000n;

/** A job as the runtime describes it to a handler; a new job key unless one is given. */
export function jobContext(overrides: Partial<JobContext> = {}): JobContext {
  return {
    jobKey: String(++lastJobKey),
    processInstanceKey: '2251799813685249',
    elementId: 'task',
    elementInstanceKey: '2251799813685250',
    listenerEventType: 'UNSPECIFIED',
    retries: 3,
    customHeaders: {},
    ...overrides,
  };
}

/** Opens a Turku case, opened at NOW, with a new id; override what the test is about. */
export async function openTestCase(knex: Knex, overrides: TestCaseOverrides = {}): Promise<CaseRow> {
  return openCase(knex, testCaseInput({ caseId: randomUUID(), municipalityCode: '853', openedAt: NOW, register: 'SOCIAL' }, overrides));
}

/** Counts the rows of a table, optionally of one case. */
export async function countRows(knex: Knex, table: string, caseId?: string): Promise<number> {
  const [{ count }] = await knex(table)
    .modify((q) => {
      if (caseId !== undefined) q.where({ case_id: caseId });
    })
    .count<{ count: string }[]>('* as count');
  return Number(count);
}

/** Runs a promise that should reject and answers the error. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection, but the promise resolved');
}
