import type { Knex } from 'knex';

/**
 * Sign-in sessions of the app's own pages. The cookie carries a random token; only its SHA-256
 * is stored, so a copy of this table cannot be used to sign in. Not case data: no register.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('sessions', (t) => {
    t.text('token_hash').primary();
    t.text('user_id').notNullable();
    t.text('csrf_token').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.index(['expires_at']);
    t.index(['user_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('sessions');
}
