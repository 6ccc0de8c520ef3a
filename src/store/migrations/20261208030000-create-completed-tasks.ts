import type { Knex } from 'knex';

/**
 * The case's history of work: each user task completed through the app, by whom and when. The
 * engine's search keeps completed tasks only as long as its history is retained, and names the
 * assignee, not the app's user; the completion route records it here in the transaction it completes
 * the task in. The task key is unique, so a completion that is answered twice records once.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('completed_tasks', (t) => {
    t.increments('id');
    t.uuid('case_id').notNullable().references('cases.case_id');
    t.text('user_task_key').notNullable().unique();
    t.text('element_id').notNullable();
    t.text('name');
    t.text('completed_by_id').notNullable();
    t.text('completed_by_role').notNullable();
    t.text('completed_by_professional_id');
    t.timestamp('completed_at', { useTz: true }).notNullable();
    t.text('register').notNullable();
    t.index(['case_id', 'completed_at']);
  });
  await knex.raw("ALTER TABLE completed_tasks ADD CONSTRAINT completed_tasks_register_check CHECK (register IN ('SOCIAL', 'HEALTH'))");
  await knex.raw(
    'CREATE TRIGGER completed_tasks_audit_write AFTER INSERT OR UPDATE OR DELETE ON completed_tasks FOR EACH ROW EXECUTE FUNCTION audit_case_write()',
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('completed_tasks');
}
