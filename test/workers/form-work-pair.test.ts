import { expect } from 'chai';
import type { Knex } from 'knex';
import { BusinessError } from '../../src/jobs/definition.js';
import { activePair, assignPair, pairHistory } from '../../src/store/pair-repository.js';
import { handle } from '../../workers/form-work-pair.js';
import { depsAt, jobContext, NOW, openTestCase, rejectionOf, workerKnex } from './fixtures.js';

const TEAM = 'turku-keskusta';

describe('worker form-work-pair', () => {
  let knex: Knex;

  before(async () => {
    knex = await workerKnex('workers_form_work_pair');
  });

  after(async () => {
    await knex.destroy();
  });

  describe('#handle', () => {
    it('should pair the least loaded nurse with a sosiaaliohjaaja and record the assignment', async () => {
      // given a team with no cases yet
      const { caseId } = await openTestCase(knex);
      const job = jobContext();

      // when
      const output = await handle({ caseId, teamId: TEAM }, depsAt(knex), job);

      // then ties on load are broken by id
      expect(output).to.deep.equal({ pairNurseId: 'p-turku-keskusta-sh1', pairSocialWorkerId: 'p-turku-keskusta-so1' });
      expect(await activePair(knex, caseId)).to.include({
        nurseId: 'p-turku-keskusta-sh1',
        socialWorkerId: 'p-turku-keskusta-so1',
        manual: false,
        jobKey: job.jobKey,
      });
    });

    it('should pair a client with a special need for support with a sosiaaliohjaaja too: the social worker is added beside the pair', async () => {
      // given a case the screening found a special need for support in
      const { caseId } = await openTestCase(knex, { specialSupportNeed: true });

      // when
      const output = await handle({ caseId, teamId: TEAM }, depsAt(knex), jobContext());

      // then a sosiaaliohjaaja by load (the first test's pair holds so1)
      expect(output.pairSocialWorkerId).to.equal('p-turku-keskusta-so2');
    });

    it('should keep the pair the client had before', async () => {
      // given a returning client (same henkilötunnus) whose earlier case had a pair
      const identity = { fullName: 'Testi Asiakas', henkilotunnus: '131052-308T' };
      const earlier = await openTestCase(knex, { identity });
      await assignPair(knex, {
        caseId: earlier.caseId,
        nurseId: 'p-turku-keskusta-sh3',
        socialWorkerId: 'p-turku-keskusta-so2',
        at: NOW,
        jobKey: null,
        manual: true,
      });
      const { caseId } = await openTestCase(knex, { identity });

      // when
      const output = await handle({ caseId, teamId: TEAM }, depsAt(knex), jobContext());

      // then
      expect(output).to.deep.equal({ pairNurseId: 'p-turku-keskusta-sh3', pairSocialWorkerId: 'p-turku-keskusta-so2' });
    });

    it('should assign one pair when the same job is delivered twice', async () => {
      // given
      const { caseId } = await openTestCase(knex);
      const job = jobContext();

      // when
      const [first, second] = await Promise.all([
        handle({ caseId, teamId: TEAM }, depsAt(knex), job),
        handle({ caseId, teamId: TEAM }, depsAt(knex), job),
      ]);
      const third = await handle({ caseId, teamId: TEAM }, depsAt(knex), job);

      // then
      expect(second).to.deep.equal(first);
      expect(third).to.deep.equal(first);
      expect(await pairHistory(knex, caseId)).to.have.length(1);
    });

    it('should raise NO_PAIR_AVAILABLE when the team has no one free', async () => {
      // given a team whose social-side workers are all absent
      const { caseId } = await openTestCase(knex);
      await knex('professionals')
        .whereIn('id', ['p-salo-somero-so1', 'p-salo-somero-so2', 'p-salo-somero-st1'])
        .update({ absent_until: '2026-03-31' });

      // when
      const error = await rejectionOf(handle({ caseId, teamId: 'salo-somero' }, depsAt(knex), jobContext()));

      // then
      expect(error).to.be.instanceOf(BusinessError).and.include({ code: 'NO_PAIR_AVAILABLE' });
      // and the leads' naming forms offer the team's nurses and its social-side workers
      expect((error as BusinessError).variables).to.deep.equal({
        pairingFailureReason: 'NO_SOCIAL_SIDE_AVAILABLE',
        manualPairProblem: null,
        pairNurseOptions: [
          { label: 'Sirpa Järvinen (Päihdesairaanhoitaja)', value: 'p-salo-somero-sh1' },
          { label: 'Kalle Heikkilä (Päihdesairaanhoitaja)', value: 'p-salo-somero-sh2' },
          { label: 'Merja Rantanen (Päihdesairaanhoitaja)', value: 'p-salo-somero-sh3' },
        ],
        pairSocialWorkerOptions: [
          { label: 'Esa Leppänen (Sosiaaliohjaaja)', value: 'p-salo-somero-so1' },
          { label: 'Venla Grönroos (Sosiaaliohjaaja)', value: 'p-salo-somero-so2' },
          { label: 'Aleksi Sjöberg (Sosiaalityöntekijä)', value: 'p-salo-somero-st1' },
        ],
      });
      expect(await pairHistory(knex, caseId)).to.have.length(0);
    });

    it('should assign the pair the team lead named, even beyond capacity', async () => {
      // given a nurse at capacity
      const { caseId } = await openTestCase(knex);
      await knex('professionals').where({ id: 'p-turku-keskusta-sh2' }).update({ capacity: 0 });
      const job = jobContext();

      // when
      const output = await handle(
        {
          caseId,
          teamId: TEAM,
          manualNurseId: 'p-turku-keskusta-sh2',
          manualSocialWorkerId: 'p-turku-keskusta-st1',
        },
        depsAt(knex),
        job,
      );

      // then
      expect(output).to.deep.equal({ pairNurseId: 'p-turku-keskusta-sh2', pairSocialWorkerId: 'p-turku-keskusta-st1' });
      expect(await activePair(knex, caseId)).to.include({ manual: true, jobKey: job.jobKey });
    });

    describe('with a pair named by hand', () => {
      const cases: Array<{
        title: string;
        manual: { manualNurseId?: string; manualSocialWorkerId?: string };
        message: RegExp;
      }> = [
        {
          title: 'a professional who does not exist',
          manual: { manualNurseId: 'p-nobody', manualSocialWorkerId: 'p-turku-keskusta-so1' },
          message: /manualNurseId: no professional 'p-nobody'/,
        },
        {
          title: 'someone of another team',
          manual: { manualNurseId: 'p-salo-somero-sh1', manualSocialWorkerId: 'p-turku-keskusta-so1' },
          message: /manualNurseId: 'p-salo-somero-sh1' belongs to team 'salo-somero'/,
        },
        {
          title: 'a nurse in the social-side role',
          manual: { manualNurseId: 'p-turku-keskusta-sh1', manualSocialWorkerId: 'p-turku-keskusta-sh2' },
          message: /manualSocialWorkerId: 'p-turku-keskusta-sh2' is Päihdesairaanhoitaja; expected Sosiaaliohjaaja or Sosiaalityöntekijä/,
        },
        {
          title: 'only one of the two',
          manual: { manualNurseId: 'p-turku-keskusta-sh1' },
          message: /^manualSocialWorkerId: both members of the pair must be named/,
        },
      ];

      for (const c of cases) {
        it(`should send ${c.title} back to the leads, naming the field`, async () => {
          // given
          const { caseId } = await openTestCase(knex);

          // when
          const error = await rejectionOf(handle({ caseId, teamId: TEAM, ...c.manual }, depsAt(knex), jobContext()));

          // then the naming task comes again, saying what is wrong
          expect(error).to.be.instanceOf(BusinessError).and.include({ code: 'NO_PAIR_AVAILABLE' });
          const variables = (error as BusinessError).variables;
          expect(variables.pairingFailureReason).to.equal('MANUAL_PAIR_INVALID');
          expect(variables.manualPairProblem).to.match(c.message);
          expect(variables.pairNurseOptions).to.be.an('array').with.length.above(0);
          expect(await pairHistory(knex, caseId)).to.have.length(0);
        });
      }

      it('should send someone who is no longer active back to the leads', async () => {
        // given
        const { caseId } = await openTestCase(knex);
        await knex('professionals').where({ id: 'p-turku-keskusta-so2' }).update({ active: false });

        // when
        const error = await rejectionOf(
          handle(
            {
              caseId,
              teamId: TEAM,
              manualNurseId: 'p-turku-keskusta-sh1',
              manualSocialWorkerId: 'p-turku-keskusta-so2',
            },
            depsAt(knex),
            jobContext(),
          ),
        );

        // then
        expect(error).to.be.instanceOf(BusinessError);
        expect((error as BusinessError).variables.manualPairProblem).to.equal("manualSocialWorkerId: 'p-turku-keskusta-so2' is not active");
        const offered = ((error as BusinessError).variables.pairSocialWorkerOptions as Array<{ value: string }>).map((o) => o.value);
        expect(offered).to.include('p-turku-keskusta-so1').and.not.include('p-turku-keskusta-so2');
      });
    });
  });
});
