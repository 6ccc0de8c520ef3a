import type { Knex } from 'knex';

/**
 * Failed sign-ins of the last window, per username and per client address, in the database so
 * that every app process counts the same failures. Rows older than the window are swept at each
 * sign-in; a successful sign-in removes its username's. Not case data: no register.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('sign_in_failures', (t) => {
    t.bigIncrements('id');
    t.text('scope').notNullable().checkIn(['account', 'address']);
    t.text('key').notNullable();
    t.timestamp('failed_at', { useTz: true }).notNullable();
    t.index(['scope', 'key', 'failed_at']);
    t.index(['failed_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('sign_in_failures');
}
