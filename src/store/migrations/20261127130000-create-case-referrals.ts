import type { Knex } from 'knex';

/**
 * The referral that opened a case (lähete / yhteydenotto): where it came from and why. Kept in the
 * app database only, never in engine variables: the reason is free text about the client. One per
 * case, written with the case in one transaction; every write is logged like other case data.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('case_referrals', (t) => {
    t.uuid('case_id').primary().references('cases.case_id');
    t.text('source').notNullable();
    t.text('reason').notNullable();
    /** When the matter became pending (vireilletulo): the deadlines count from its day. */
    t.timestamp('received_at', { useTz: true }).notNullable();
    t.text('register').notNullable();
  });
  await knex.raw("ALTER TABLE case_referrals ADD CONSTRAINT case_referrals_register_check CHECK (register IN ('SOCIAL', 'HEALTH'))");
  await knex.raw(
    'CREATE TRIGGER case_referrals_audit_write AFTER INSERT OR UPDATE OR DELETE ON case_referrals FOR EACH ROW EXECUTE FUNCTION audit_case_write()',
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('case_referrals');
}
