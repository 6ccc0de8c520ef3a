import type { Knex } from 'knex';

/**
 * The responsible sosiaalityöntekijä of a client with a special need for support (SHL 42 §),
 * beside the work pair rather than in it: one active per case, each assignment kept, the job key
 * unique so a redelivered job changes nothing. Every write goes to the use log like the pair's.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('responsible_social_workers', (t) => {
    t.increments('id');
    t.uuid('case_id').notNullable().references('cases.case_id');
    t.text('professional_id').notNullable().references('professionals.id');
    t.timestamp('assigned_at', { useTz: true }).notNullable();
    t.timestamp('released_at', { useTz: true });
    // Named by the team's social-side lead, when no sosiaalityöntekijä was available by the rules.
    t.boolean('manual').notNullable();
    t.text('job_key').notNullable().unique();
    t.text('register').notNullable();
    t.index(['case_id']);
    t.index(['professional_id']);
  });
  await knex.raw(
    'CREATE UNIQUE INDEX responsible_social_workers_one_active ON responsible_social_workers (case_id) WHERE released_at IS NULL',
  );
  await knex.raw(
    'ALTER TABLE responsible_social_workers ADD CONSTRAINT responsible_social_workers_order_check CHECK (released_at IS NULL OR released_at >= assigned_at)',
  );
  await knex.raw(
    "ALTER TABLE responsible_social_workers ADD CONSTRAINT responsible_social_workers_register_check CHECK (register IN ('SOCIAL', 'HEALTH'))",
  );
  await knex.raw(
    'CREATE TRIGGER responsible_social_workers_audit_write AFTER INSERT OR UPDATE OR DELETE ON responsible_social_workers FOR EACH ROW EXECUTE FUNCTION audit_case_write()',
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('responsible_social_workers');
}
