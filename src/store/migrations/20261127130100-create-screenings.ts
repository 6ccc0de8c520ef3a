import type { Knex } from 'knex';

/**
 * The initial screening (alkuselvitys) of a case, as the `record-screening` worker stores it from
 * the screening form: whether the work-pair criteria were met, the consent to share data between
 * the registers (its scope; NONE when the client gave none) and the special need for support.
 * The consent itself, when given, is also a row of `consents`, where reads across registers
 * look for it. A case may be screened more than once in some future diagram, so the job key, not
 * the case, is the unique key.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('screenings', (t) => {
    t.increments('id');
    t.uuid('case_id').notNullable().references('cases.case_id');
    t.boolean('meets_pair_criteria').notNullable();
    t.text('consent_scope').notNullable();
    t.date('consent_date');
    t.boolean('special_support_need').notNullable();
    t.timestamp('screened_at', { useTz: true }).notNullable();
    t.text('job_key').notNullable().unique();
    t.text('register').notNullable();
    t.index(['case_id']);
  });
  await knex.raw(
    "ALTER TABLE screenings ADD CONSTRAINT screenings_consent_scope_check CHECK (consent_scope IN ('SOCIAL_TO_HEALTH', 'HEALTH_TO_SOCIAL', 'BOTH', 'NONE'))",
  );
  await knex.raw(
    "ALTER TABLE screenings ADD CONSTRAINT screenings_consent_date_check CHECK ((consent_scope = 'NONE') = (consent_date IS NULL))",
  );
  await knex.raw("ALTER TABLE screenings ADD CONSTRAINT screenings_register_check CHECK (register IN ('SOCIAL', 'HEALTH'))");
  await knex.raw(
    'CREATE TRIGGER screenings_audit_write AFTER INSERT OR UPDATE OR DELETE ON screenings FOR EACH ROW EXECUTE FUNCTION audit_case_write()',
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('screenings');
}
