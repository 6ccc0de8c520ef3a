import { expect } from 'chai';
import type { Knex } from 'knex';
import { BusinessError } from '../../src/jobs/definition.js';
import { closeCase } from '../../src/store/case-repository.js';
import { activePair, assignPair, pairHistory } from '../../src/store/pair-repository.js';
import { responsibleSocialWorkerHistory } from '../../src/store/responsible-social-worker-repository.js';
import { handle } from '../../workers/assign-responsible-social-worker.js';
import { depsAt, jobContext, NOW, openTestCase, rejectionOf, workerKnex } from './fixtures.js';

const TEAM = 'turku-keskusta';

describe('worker assign-responsible-social-worker', () => {
  let knex: Knex;

  before(async () => {
    knex = await workerKnex('workers_assign_responsible_social_worker');
  });

  after(async () => {
    await knex.destroy();
  });

  /** A Turku case whose pair is a nurse and a sosiaaliohjaaja. */
  async function pairedCase(): Promise<string> {
    const { caseId } = await openTestCase(knex, { specialSupportNeed: true });
    await assignPair(knex, {
      caseId,
      nurseId: 'p-turku-keskusta-sh1',
      socialWorkerId: 'p-turku-keskusta-so1',
      at: NOW,
      jobKey: null,
      manual: false,
    });
    return caseId;
  }

  describe('#handle', () => {
    it('should add the team’s sosiaalityöntekijä beside the pair, leaving the pair as it is', async () => {
      // given
      const caseId = await pairedCase();
      const job = jobContext();

      // when
      const output = await handle({ caseId, teamId: TEAM }, depsAt(knex), job);

      // then
      expect(output).to.deep.equal({ responsibleSocialWorkerId: 'p-turku-keskusta-st1' });
      const [row] = await responsibleSocialWorkerHistory(knex, caseId);
      expect(row).to.include({
        professionalId: 'p-turku-keskusta-st1',
        manual: false,
        jobKey: job.jobKey,
        releasedAt: null,
        register: 'SOCIAL',
      });
      expect(await pairHistory(knex, caseId)).to.have.length(1);
      expect(await activePair(knex, caseId)).to.include({ socialWorkerId: 'p-turku-keskusta-so1' });
    });

    it('should add one when the same job is delivered twice', async () => {
      // given
      const caseId = await pairedCase();
      const job = jobContext();

      // when
      const [first, second] = await Promise.all([
        handle({ caseId, teamId: TEAM }, depsAt(knex), job),
        handle({ caseId, teamId: TEAM }, depsAt(knex), job),
      ]);

      // then
      expect(second).to.deep.equal(first);
      expect(await responsibleSocialWorkerHistory(knex, caseId)).to.have.length(1);
    });

    it('should raise NO_SOCIAL_WORKER_AVAILABLE with the team’s social workers as options when none is free', async () => {
      // given the team's only sosiaalityöntekijä on leave
      const caseId = await pairedCase();
      await knex('professionals').where({ id: 'p-turku-keskusta-st1' }).update({ absent_until: '2026-03-31' });
      try {
        // when
        const error = await rejectionOf(handle({ caseId, teamId: TEAM }, depsAt(knex), jobContext()));

        // then
        expect(error).to.be.instanceOf(BusinessError).and.include({ code: 'NO_SOCIAL_WORKER_AVAILABLE' });
        expect((error as BusinessError).variables).to.deep.equal({
          responsibleSocialWorkerProblem: null,
          responsibleSocialWorkerOptions: [{ label: 'Lauri Nurmi (Sosiaalityöntekijä)', value: 'p-turku-keskusta-st1' }],
        });
        expect(await responsibleSocialWorkerHistory(knex, caseId)).to.deep.equal([]);
      } finally {
        await knex('professionals').where({ id: 'p-turku-keskusta-st1' }).update({ absent_until: null });
      }
    });

    it('should take the one the social-side lead named, and send a sosiaaliohjaaja back naming the field', async () => {
      // given
      const caseId = await pairedCase();

      // when
      const refused = await rejectionOf(
        handle({ caseId, teamId: TEAM, manualResponsibleSocialWorkerId: 'p-turku-keskusta-so2' }, depsAt(knex), jobContext()),
      );
      const named = await handle(
        { caseId, teamId: TEAM, manualResponsibleSocialWorkerId: 'p-turku-keskusta-st1' },
        depsAt(knex),
        jobContext(),
      );

      // then
      expect((refused as BusinessError).variables.responsibleSocialWorkerProblem).to.equal(
        "manualResponsibleSocialWorkerId: 'p-turku-keskusta-so2' is Sosiaaliohjaaja; expected Sosiaalityöntekijä",
      );
      expect(named).to.deep.equal({ responsibleSocialWorkerId: 'p-turku-keskusta-st1' });
      expect(await responsibleSocialWorkerHistory(knex, caseId))
        .to.have.length(1)
        .and.to.have.nested.property('[0].manual', true);
    });

    it('should release the responsible social worker when the case closes', async () => {
      // given
      const caseId = await pairedCase();
      await handle({ caseId, teamId: TEAM }, depsAt(knex), jobContext());

      // when
      await closeCase(knex, { caseId, outcome: 'COMPLETED', at: NOW, jobKey: 'close' });

      // then
      const [row] = await responsibleSocialWorkerHistory(knex, caseId);
      expect(row.releasedAt).to.deep.equal(NOW);
    });
  });
});
