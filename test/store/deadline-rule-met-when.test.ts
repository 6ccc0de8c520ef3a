import { expect } from 'chai';
import type { Knex } from 'knex';
import * as createOrganisationTables from '../../src/store/migrations/20260301090000-create-organisation-tables.js';
import * as addDeadlineRuleMetWhen from '../../src/store/migrations/20261127160000-add-deadline-rule-met-when.js';
import * as fillDeadlineRuleMetWhen from '../../src/store/migrations/20261127160100-fill-deadline-rule-met-when.js';
import { listDeadlineRules } from '../../src/store/org-repository.js';
import { deadlineRuleRow } from '../../src/store/seed.js';
import { readOrganisationSeed } from '../../src/store/seed-files.js';
import { createTestKnex } from '../support/postgres.js';

/** The organisation tables with the rules the first seeding loaded, before the columns existed. */
async function rulesLoadedBeforeTheChange(label: string): Promise<Knex> {
  const knex = await createTestKnex(label);
  await createOrganisationTables.up(knex);
  const rules = (await readOrganisationSeed()).deadlineRules.map((rule) => {
    const { met_stage: _stage, met_event: _event, ...before } = deadlineRuleRow(rule);
    return before;
  });
  await knex('deadline_rules').insert(rules);
  return knex;
}

describe('migrations add-deadline-rule-met-when and fill-deadline-rule-met-when', () => {
  it('should fill which stage event meets each rule a database loaded before the change holds, as the seed file says', async () => {
    // given
    const knex = await rulesLoadedBeforeTheChange('store_met_when_migration');
    try {
      // when
      await addDeadlineRuleMetWhen.up(knex);
      await fillDeadlineRuleMetWhen.up(knex);

      // then
      const metWhenById = (rules: { id: string; metWhen?: unknown }[]) => Object.fromEntries(rules.map((r) => [r.id, r.metWhen ?? null]));
      const fromFile = metWhenById((await readOrganisationSeed()).deadlineRules);
      expect(Object.values(fromFile).filter((m) => m !== null)).to.have.length(6);
      expect(metWhenById(await listDeadlineRules(knex))).to.deep.equal(fromFile);
    } finally {
      await knex.destroy();
    }
  });

  it('should refuse a stage without its event', async () => {
    // given
    const knex = await rulesLoadedBeforeTheChange('store_met_when_check');
    try {
      await addDeadlineRuleMetWhen.up(knex);

      // when
      const failure = await knex('deadline_rules')
        .where({ id: 'shl-39-suunnitelman-tarkistus' })
        .update({ met_stage: 'SUUNNITELMA' })
        .catch((e: unknown) => e);

      // then
      expect((failure as Error).message).to.include('deadline_rules_met_when_check');
    } finally {
      await knex.destroy();
    }
  });

  it('should leave a rule an operator changed after an earlier version of the migration filled it', async () => {
    // given the columns filled, and one rule since met at another stage's start
    const knex = await rulesLoadedBeforeTheChange('store_met_when_refill');
    try {
      await addDeadlineRuleMetWhen.up(knex);
      await fillDeadlineRuleMetWhen.up(knex);
      await knex('deadline_rules').where({ id: 'shl-36-kiireellinen' }).update({ met_stage: 'SUUNNITELMA', met_event: 'START' });

      // when the fill runs on a database that had it done by the schema migration
      await fillDeadlineRuleMetWhen.up(knex);

      // then
      const rule = (await listDeadlineRules(knex)).find((r) => r.id === 'shl-36-kiireellinen');
      expect(rule?.metWhen).to.deep.equal({ stage: 'SUUNNITELMA', event: 'START' });
    } finally {
      await knex.destroy();
    }
  });
});
