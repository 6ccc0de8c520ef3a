import type { Knex } from 'knex';

/** The case-data tables whose every write the database itself logs (see `audit_case_write`). */
const AUDITED_TABLES = [
  'cases',
  'case_identities',
  'case_routings',
  'stage_history',
  'pair_assignments',
  'consents',
  'deadlines',
  'meeting_bookings',
];

/**
 * The use log (käyttöloki, Act 703/2023; domain.md §2): who processed which case's data, when, in
 * which register, and on what basis. Append-only: a trigger refuses UPDATE, DELETE and TRUNCATE,
 * so not even the service's own database user can rewrite history through SQL.
 *
 * Reads are written by the API, which knows who read and why. Writes are written here, by a
 * trigger on every case-data table, so a write by a worker or a future repository cannot skip
 * the log; the writer names itself with the transaction settings `sote.actor_id`,
 * `sote.actor_role` and `sote.basis` (set by `withAuditActor`), and a write without them is the
 * pathway's own (`system`, a job worker acting in a work task).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('audit_log', (t) => {
    t.bigIncrements('id');
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.text('actor_id').notNullable();
    t.text('actor_role').notNullable();
    // No foreign key: the log outlives anything it mentions.
    t.uuid('case_id');
    t.text('action').notNullable();
    t.text('resource').notNullable();
    t.text('register').notNullable();
    t.text('basis').notNullable();
    t.text('basis_detail');
    t.index(['case_id', 'at']);
    t.index(['actor_id', 'at']);
  });
  await knex.raw("ALTER TABLE audit_log ADD CONSTRAINT audit_log_action_check CHECK (action IN ('READ', 'INSERT', 'UPDATE', 'DELETE'))");
  await knex.raw("ALTER TABLE audit_log ADD CONSTRAINT audit_log_register_check CHECK (register IN ('SOCIAL', 'HEALTH'))");
  await knex.raw(`ALTER TABLE audit_log ADD CONSTRAINT audit_log_basis_check
    CHECK (basis IN ('OWN_CASE', 'WORK_TASK', 'CONSENT', 'LEGAL_BASIS', 'CLIENT_REQUEST'))`);

  await knex.raw(`CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
    END $$`);
  await knex.raw(`CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()`);
  await knex.raw(`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change()`);

  await knex.raw(`CREATE FUNCTION audit_case_write() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      written record;
    BEGIN
      IF TG_OP = 'DELETE' THEN written := OLD; ELSE written := NEW; END IF;
      INSERT INTO audit_log (actor_id, actor_role, case_id, action, resource, register, basis)
      VALUES (
        coalesce(nullif(current_setting('sote.actor_id', true), ''), 'system'),
        coalesce(nullif(current_setting('sote.actor_role', true), ''), 'SYSTEM'),
        written.case_id, TG_OP, TG_TABLE_NAME, written.register,
        coalesce(nullif(current_setting('sote.basis', true), ''), 'WORK_TASK'));
      RETURN NULL;
    END $$`);
  for (const table of AUDITED_TABLES) {
    await knex.raw(`CREATE TRIGGER ?? AFTER INSERT OR UPDATE OR DELETE ON ?? FOR EACH ROW EXECUTE FUNCTION audit_case_write()`, [
      `${table}_audit_write`,
      table,
    ]);
  }
}

export async function down(knex: Knex): Promise<void> {
  for (const table of AUDITED_TABLES) await knex.raw('DROP TRIGGER IF EXISTS ?? ON ??', [`${table}_audit_write`, table]);
  await knex.raw('DROP FUNCTION IF EXISTS audit_case_write()');
  await knex.schema.dropTable('audit_log');
  await knex.raw('DROP FUNCTION IF EXISTS audit_log_refuse_change()');
}
