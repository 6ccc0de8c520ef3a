import type { Knex } from 'knex';

/**
 * Recorded legal bases for reading a case's data across the registers without the client's
 * consent (tiedonsaantioikeus, domain.md §2: e.g. a social worker's right to necessary data for
 * a needs assessment despite refusals). Each names the statute, the direction and who recorded it
 * and why; it ends when revoked. Rows are never deleted: the basis of a past read stays provable.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('legal_bases', (t) => {
    t.increments('id');
    t.uuid('case_id').notNullable().references('cases.case_id');
    t.text('from_register').notNullable();
    t.text('to_register').notNullable();
    t.text('statute').notNullable();
    t.text('reason').notNullable();
    t.text('recorded_by').notNullable();
    t.timestamp('recorded_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('revoked_at', { useTz: true });
    t.text('register').notNullable();
    t.index(['case_id']);
  });
  await knex.raw(`ALTER TABLE legal_bases ADD CONSTRAINT legal_bases_registers_check CHECK (
    from_register IN ('SOCIAL', 'HEALTH') AND to_register IN ('SOCIAL', 'HEALTH') AND from_register <> to_register
    AND register IN ('SOCIAL', 'HEALTH'))`);
  await knex.raw(
    'CREATE TRIGGER legal_bases_audit_write AFTER INSERT OR UPDATE OR DELETE ON legal_bases FOR EACH ROW EXECUTE FUNCTION audit_case_write()',
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('legal_bases');
}
