import { expect } from 'chai';
import type { Knex } from 'knex';
import type { StageCode } from '../../src/domain/stages.js';
import { closeCase } from '../../src/store/case-repository.js';
import { recordRouting } from '../../src/store/routing-repository.js';
import { enterStage } from '../../src/store/stage-repository.js';
import { activeCasesByStage } from '../../src/store/dashboard/stats.js';
import { migratedKnex, minutes, openTestCase } from './fixtures.js';

describe('stats repository', () => {
  let knex: Knex;

  before(async () => {
    knex = await migratedKnex('store_stats');
  });

  after(async () => {
    await knex.destroy();
  });

  /** Opens a case, routes it and moves it through the given stages. */
  async function caseIn(teamId: string, regionId: string, municipalityCode: string, stages: StageCode[]): Promise<string> {
    const { caseId } = await openTestCase(knex, { municipalityCode });
    await recordRouting(knex, { caseId, teamId, regionId, at: minutes(0), manual: false, jobKey: `${caseId}-r` });
    for (const [i, stage] of stages.entries()) {
      await enterStage(knex, { caseId, stage, at: minutes(i + 1), jobKey: `${caseId}-${i}` });
    }
    return caseId;
  }

  it('should count open cases by their current stage, per region and team', async () => {
    // given two Turku cases in assessment, one Salo case in planning, and a closed Salo case
    await caseIn('turku-keskusta', 'turun-seutu', '853', ['TUEN_TARVE', 'ARVIOINTI']);
    await caseIn('turku-keskusta', 'turun-seutu', '853', ['TUEN_TARVE', 'TYOPARIN_MUODOSTUS', 'ARVIOINTI']);
    await caseIn('salo-somero', 'salon-seutu', '734', ['TUEN_TARVE', 'SUUNNITELMA']);
    const closed = await caseIn('salo-somero', 'salon-seutu', '734', ['TUEN_TARVE', 'TOTEUTUS']);
    await closeCase(knex, { caseId: closed, outcome: 'COMPLETED', at: minutes(30), jobKey: `${closed}-close` });

    // when
    const counts = await activeCasesByStage(knex);

    // then
    expect(counts).to.deep.equal([
      { regionId: 'salon-seutu', teamId: 'salo-somero', stage: 'SUUNNITELMA', activeCases: 1 },
      { regionId: 'turun-seutu', teamId: 'turku-keskusta', stage: 'ARVIOINTI', activeCases: 2 },
    ]);
  });
});
