import type { Knex } from 'knex';

const BEFORE = ['COMPLETED', 'SINGLE_SECTOR_REFERRAL', 'CLIENT_WITHDREW', 'MOVED_AWAY', 'DIED'];
/** The exit reasons of issue 12 point 7: the client cannot be reached, moves to another service, declines the services. */
const AFTER = [...BEFORE, 'NOT_REACHED', 'MOVED_TO_OTHER_SERVICE', 'DECLINED_SERVICES'];

async function allowOutcomes(knex: Knex, outcomes: readonly string[]): Promise<void> {
  await knex.raw('ALTER TABLE cases DROP CONSTRAINT cases_outcome_check');
  // DDL takes no bind parameters; the codes are this file's constants.
  await knex.raw(`ALTER TABLE cases ADD CONSTRAINT cases_outcome_check CHECK (outcome IN (${outcomes.map((o) => `'${o}'`).join(', ')}))`);
}

/** A case may close with the three new exit reasons as its outcome. */
export async function up(knex: Knex): Promise<void> {
  await allowOutcomes(knex, AFTER);
}

export async function down(knex: Knex): Promise<void> {
  await allowOutcomes(knex, BEFORE);
}
