import { expect } from 'chai';
import knexFactory, { type Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { PATHWAY_REGISTER } from '../../src/domain/registers.js';
import { getCase, openCase } from '../../src/store/case-repository.js';
import { migrateAppDatabase } from '../../src/store/migrate.js';
import { eventually } from '../support/eventually.js';
import { createTestDatabase } from '../support/postgres.js';
import { startTestService, type TestService } from '../support/service.js';

/** A day: long enough that no periodic pass runs during a test. */
const NEVER_MS = '86400000';

/** The service runs the reconciler by itself: once as it starts, then on its interval. */
describe('intake reconciler in the service', () => {
  let databaseUrl: string;
  let knex: Knex;
  let t: TestService | undefined;

  beforeEach(async () => {
    databaseUrl = await createTestDatabase('intake_service');
    knex = knexFactory({ client: 'pg', connection: databaseUrl, pool: { min: 0, max: 2 } });
    await migrateAppDatabase(knex);
  });

  afterEach(async () => {
    await t?.close();
    t = undefined;
    await knex.destroy();
  });

  /** Records a case whose process never started, `minutesAgo` minutes ago. */
  async function strandedCase(minutesAgo: number): Promise<string> {
    const caseId = randomUUID();
    await openCase(knex, { caseId, municipalityCode: '853', openedAt: new Date(), register: PATHWAY_REGISTER });
    await knex('cases')
      .where({ case_id: caseId })
      .update({ pathway_requested_at: knex.raw('now() - make_interval(mins => ?)', [minutesAgo]) });
    return caseId;
  }

  const attachedKey = (caseId: string) => async () => (await getCase(knex, caseId))?.processInstanceKey ?? undefined;

  it('should give a case stranded before the start its pathway as the service starts', async () => {
    // given a case a crashed process left without its pathway
    const caseId = await strandedCase(10);

    // when the service starts on that database, with no periodic pass due
    t = await startTestService({ DATABASE_URL: databaseUrl, INTAKE_RECONCILE_INTERVAL_MS: NEVER_MS });

    // then
    const key = await eventually('the pathway attached', attachedKey(caseId));
    expect(key).to.match(/^\d+$/);
  });

  it('should give a case stranded while running its pathway on the next periodic pass', async () => {
    // given a running service whose start pass is over
    t = await startTestService({ DATABASE_URL: databaseUrl, INTAKE_RECONCILE_INTERVAL_MS: '1000' });
    await t.service.intakeReconciler.runOnce();

    // when a case is stranded afterwards
    const caseId = await strandedCase(10);

    // then a periodic pass finds it
    const key = await eventually('the pathway attached', attachedKey(caseId), { within: 5000 });
    expect(key).to.match(/^\d+$/);
  });
});
