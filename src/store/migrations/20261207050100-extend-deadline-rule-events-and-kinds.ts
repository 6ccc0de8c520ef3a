import type { Knex } from 'knex';

/**
 * Deadline rules gain the events that start the care guarantee (CARE_NEED_ASSESSED) and SHL 45 §'s
 * implementation time (SERVICE_GRANTED), a kind for proposed targets apart from Varha's own
 * (PROPOSED_TARGET), and `counts_from` for a rule whose time runs from the case's opening although
 * a later event sets it. The lists are frozen here: a migration means the same whatever the code says later.
 */
const EVENTS_BEFORE = ['CASE_OPENED', 'PLAN_MADE', 'SERVICE_EVENT', 'DECISION_NOTIFIED'];
const EVENTS_AFTER = [...EVENTS_BEFORE, 'CARE_NEED_ASSESSED', 'SERVICE_GRANTED'];
const KINDS_BEFORE = ['LAW', 'VARHA_TARGET'];
const KINDS_AFTER = [...KINDS_BEFORE, 'PROPOSED_TARGET'];

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('deadline_rules', (t) => {
    t.text('counts_from');
  });
  await knex.raw("ALTER TABLE deadline_rules ADD CONSTRAINT deadline_rules_counts_from_check CHECK (counts_from IN ('CASE_OPENED'))");
  await replaceCheck(knex, 'deadline_rules_event_check', 'event', EVENTS_AFTER);
  await replaceCheck(knex, 'deadline_rules_kind_check', 'kind', KINDS_AFTER);
}

export async function down(knex: Knex): Promise<void> {
  await replaceCheck(knex, 'deadline_rules_event_check', 'event', EVENTS_BEFORE);
  await replaceCheck(knex, 'deadline_rules_kind_check', 'kind', KINDS_BEFORE);
  await knex.schema.alterTable('deadline_rules', (t) => {
    t.dropColumn('counts_from');
  });
}

async function replaceCheck(knex: Knex, name: string, column: string, values: readonly string[]): Promise<void> {
  await knex.raw('ALTER TABLE deadline_rules DROP CONSTRAINT ??', [name]);
  // DDL takes no bind parameters: the values, this file's own constants, are written in.
  const allowed = values.map((value) => `'${value}'`).join(', ');
  await knex.raw(`ALTER TABLE deadline_rules ADD CONSTRAINT ?? CHECK (?? IN (${allowed}))`, [name, column]);
}
