import { expect } from 'chai';
import type { Knex } from 'knex';
import { getCase } from '../../src/store/case-repository.js';
import { recordRouting, routingHistory } from '../../src/store/routing-repository.js';
import { migratedKnex, minutes, openTestCase } from './fixtures.js';

describe('routing repository', () => {
  let knex: Knex;

  before(async () => {
    knex = await migratedKnex('store_routing');
  });

  after(async () => {
    await knex.destroy();
  });

  describe('#recordRouting', () => {
    it('should record the routing and make it the case’s team and region', async () => {
      // given
      const { caseId } = await openTestCase(knex);

      // when
      const routing = await recordRouting(knex, {
        caseId,
        teamId: 'turku-keskusta',
        regionId: 'turun-seutu',
        at: minutes(1),
        manual: false,
        jobKey: `${caseId}-r`,
      });

      // then
      expect(routing).to.include({ teamId: 'turku-keskusta', manual: false, register: 'SOCIAL' });
      expect(await getCase(knex, caseId)).to.include({ teamId: 'turku-keskusta', regionId: 'turun-seutu' });
    });

    it('should write one row when the same job is delivered again', async () => {
      // given
      const { caseId } = await openTestCase(knex);
      const input = { caseId, teamId: 'turku-keskusta', regionId: 'turun-seutu', at: minutes(1), manual: false, jobKey: `${caseId}-r` };
      const first = await recordRouting(knex, input);

      // when
      const replay = await recordRouting(knex, { ...input, at: minutes(5) });

      // then
      expect(replay).to.deep.equal(first);
      expect(await routingHistory(knex, caseId)).to.have.length(1);
    });

    it('should keep the history when an administrator reassigns the case', async () => {
      // given
      const { caseId } = await openTestCase(knex);
      await recordRouting(knex, {
        caseId,
        teamId: 'turku-keskusta',
        regionId: 'turun-seutu',
        at: minutes(1),
        manual: false,
        jobKey: `${caseId}-r`,
      });

      // when
      await recordRouting(knex, { caseId, teamId: 'turku-lansi', regionId: 'turun-seutu', at: minutes(60), manual: true, jobKey: null });

      // then
      expect((await routingHistory(knex, caseId)).map((r) => [r.teamId, r.manual])).to.deep.equal([
        ['turku-keskusta', false],
        ['turku-lansi', true],
      ]);
      expect((await getCase(knex, caseId))?.teamId).to.equal('turku-lansi');
    });
  });
});
