import type { Knex } from 'knex';

/**
 * How a screening reached its work-pair decision: what the two criteria of the model decide
 * (`criteria_indicated`: both substance treatment and special substance services to be assessed,
 * or institutional rehabilitation or housing services considered) and, when the team member
 * decided otherwise, the reason they gave (`criteria_override_reason`). `meets_pair_criteria`
 * stays the decision the pathway took. Screenings recorded before this change knew only the
 * decision: both columns stay null for them.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('screenings', (t) => {
    t.boolean('criteria_indicated');
    t.text('criteria_override_reason');
  });
  await knex.raw(
    'ALTER TABLE screenings ADD CONSTRAINT screenings_criteria_override_check CHECK (criteria_indicated IS NULL OR (criteria_indicated = meets_pair_criteria) = (criteria_override_reason IS NULL))',
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('screenings', (t) => {
    t.dropChecks(['screenings_criteria_override_check']);
    t.dropColumn('criteria_override_reason');
    t.dropColumn('criteria_indicated');
  });
}
