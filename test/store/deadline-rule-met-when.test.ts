import { expect } from 'chai';
import type { Knex } from 'knex';
import * as createOrganisationTables from '../../src/store/migrations/20260301090000-create-organisation-tables.js';
import * as addDeadlineRuleMetWhen from '../../src/store/migrations/20261127160000-add-deadline-rule-met-when.js';
import * as fillDeadlineRuleMetWhen from '../../src/store/migrations/20261127160100-fill-deadline-rule-met-when.js';
import * as extendDeadlineRuleEventsAndKinds from '../../src/store/migrations/20261207050100-extend-deadline-rule-events-and-kinds.js';
import * as reviseSeededDeadlineRules from '../../src/store/migrations/20261207050200-revise-seeded-deadline-rules.js';
import * as reviseDeadlineRulesMetWhen from '../../src/store/migrations/20261207080000-revise-deadline-rules-met-when.js';
import { listDeadlineRules } from '../../src/store/org-repository.js';
import { deadlineRuleRow } from '../../src/store/seed.js';
import { readOrganisationSeed } from '../../src/store/seed-files.js';
import { createTestKnex } from '../support/postgres.js';

/** The organisation tables with the rules the first seeding loaded, before the columns existed. */
const OLD_EVENTS: readonly string[] = ['CASE_OPENED', 'PLAN_MADE', 'SERVICE_EVENT', 'DECISION_NOTIFIED'];
const SEEDED_NAMES: Readonly<Record<string, string>> = {
  'shl-36-arvioinnin-aloitus-tavoite': 'Palvelutarpeen arvioinnin aloitus viipymättä (Varhan tavoite: 7 arkipäivää)',
  'shl-39-suunnitelman-tarkistus': 'Asiakassuunnitelman tarkistus (Varhan tavoite: 3 kuukautta)',
};

async function rulesLoadedBeforeTheChange(label: string): Promise<Knex> {
  const knex = await createTestKnex(label);
  await createOrganisationTables.up(knex);
  // The rules as the seed had them then: no stage events, no counts_from, and the targets still Varha's.
  const rules = (await readOrganisationSeed()).deadlineRules
    .filter((rule) => OLD_EVENTS.includes(rule.event))
    .map((rule) => {
      const { met_stage: _stage, met_event: _event, counts_from: _countsFrom, ...before } = deadlineRuleRow(rule);
      return {
        ...before,
        kind: before.kind === 'PROPOSED_TARGET' ? 'VARHA_TARGET' : before.kind,
        name: SEEDED_NAMES[rule.id] ?? before.name,
      };
    });
  await knex('deadline_rules').insert(rules);
  return knex;
}

describe('migrations add-deadline-rule-met-when and fill-deadline-rule-met-when', () => {
  it('should fill which stage event meets each rule a database loaded before the change holds, and its kind and name, as the seed file says', async () => {
    // given
    const knex = await rulesLoadedBeforeTheChange('store_met_when_migration');
    try {
      // when
      await addDeadlineRuleMetWhen.up(knex);
      await fillDeadlineRuleMetWhen.up(knex);
      await extendDeadlineRuleEventsAndKinds.up(knex);
      await reviseSeededDeadlineRules.up(knex);
      await reviseDeadlineRulesMetWhen.up(knex);

      // then
      const loaded = await listDeadlineRules(knex);
      const asTheFileSays = (await readOrganisationSeed()).deadlineRules.filter((rule) => loaded.some((r) => r.id === rule.id));
      expect(asTheFileSays.filter((rule) => rule.metWhen)).to.have.length(7);
      expect(loaded).to.deep.equal(asTheFileSays.sort((a, b) => a.id.localeCompare(b.id)));
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
      await extendDeadlineRuleEventsAndKinds.up(knex);
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

describe('migration revise-deadline-rules-met-when', () => {
  it('should meet SHL 36 § at the assessment’s start, TervHL 51 § at its end and SHL 45 § when implementation starts, leaving an operator’s change', async () => {
    // given the rules as the earlier migrations left them, SHL 45 § seeded without its met event, and one rule an operator moved
    const knex = await rulesLoadedBeforeTheChange('store_met_when_revise');
    try {
      await addDeadlineRuleMetWhen.up(knex);
      await fillDeadlineRuleMetWhen.up(knex);
      await extendDeadlineRuleEventsAndKinds.up(knex);
      await reviseSeededDeadlineRules.up(knex);
      const shl45 = (await readOrganisationSeed()).deadlineRules.find((rule) => rule.id === 'shl-45-toimeenpano-3-kk')!;
      await knex('deadline_rules').insert({ ...deadlineRuleRow(shl45), met_stage: null, met_event: null });
      await knex('deadline_rules').where({ id: 'shl-36-kiireellinen' }).update({ met_stage: 'TYOPARIN_MUODOSTUS', met_event: 'END' });

      // when
      await reviseDeadlineRulesMetWhen.up(knex);

      // then
      const metWhen = Object.fromEntries((await listDeadlineRules(knex)).map((r) => [r.id, r.metWhen]));
      expect(metWhen).to.deep.include({
        'shl-36-kiireellinen': { stage: 'TYOPARIN_MUODOSTUS', event: 'END' },
        'shl-36-arvioinnin-aloitus-tavoite': { stage: 'ARVIOINTI', event: 'START' },
        'shl-36-seitseman-arkipaivaa': { stage: 'ARVIOINTI', event: 'START' },
        'shl-36-kolme-kuukautta-lapsi': { stage: 'ARVIOINTI', event: 'END' },
        'tervhl-51-hoidon-tarpeen-arvio': { stage: 'ARVIOINTI', event: 'END' },
        'shl-45-toimeenpano-3-kk': { stage: 'TOTEUTUS', event: 'START' },
      });
    } finally {
      await knex.destroy();
    }
  });
});
