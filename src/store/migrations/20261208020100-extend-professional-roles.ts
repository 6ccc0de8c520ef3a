import type { Knex } from 'knex';

/**
 * The other members of a local team the model names (S1; issue 14 point 4): lääkäri, terveydenhoitaja, lähihoitaja,
 * johtava sosiaalityöntekijä and kokemusasiantuntija. Written out, as the table's first migration wrote its list.
 */
const BEFORE = ['NURSE', 'SOCIAL_COUNSELLOR', 'SOCIAL_WORKER', 'TEAM_LEAD', 'CONSULTANT'];
const AFTER = [...BEFORE, 'DOCTOR', 'PUBLIC_HEALTH_NURSE', 'PRACTICAL_NURSE', 'LEAD_SOCIAL_WORKER', 'EXPERIENCE_EXPERT'];

async function allowRoles(knex: Knex, roles: readonly string[]): Promise<void> {
  await knex.raw('ALTER TABLE professionals DROP CONSTRAINT professionals_role_check');
  await knex.raw(
    `ALTER TABLE professionals ADD CONSTRAINT professionals_role_check CHECK (role IN (${roles.map((r) => `'${r}'`).join(', ')}))`,
  );
}

export async function up(knex: Knex): Promise<void> {
  await allowRoles(knex, AFTER);
}

export async function down(knex: Knex): Promise<void> {
  await allowRoles(knex, BEFORE);
}
