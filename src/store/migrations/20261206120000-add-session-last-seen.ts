import type { Knex } from 'knex';

/**
 * When a session was last used, for the idle timeout beside the absolute one. Sessions open at
 * this change count as seen now, so nobody is signed out by the migration itself.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('sessions', (t) => {
    t.timestamp('last_seen_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('sessions', (t) => {
    t.dropColumn('last_seen_at');
  });
}
