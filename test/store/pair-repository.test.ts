import { expect } from 'chai';
import type { Knex } from 'knex';
import { choosePair } from '../../src/domain/pairing.js';
import { CaseClosedError } from '../../src/store/case-lock.js';
import { closeCase } from '../../src/store/case-repository.js';
import { pairingCandidates } from '../../src/store/org-repository.js';
import { activePair, assignPair, findPreviousPair, pairHistory, releasePair } from '../../src/store/pair-repository.js';
import { caseloads } from '../../src/store/dashboard/stats.js';
import { migratedKnex, minutes, openTestCase } from './fixtures.js';

const NURSE = 'p-turku-keskusta-sh1';
const COUNSELLOR = 'p-turku-keskusta-so1';

describe('pair repository', () => {
  let knex: Knex;
  let caseId: string;

  before(async () => {
    knex = await migratedKnex('store_pairs');
  });

  beforeEach(async () => {
    caseId = (await openTestCase(knex)).caseId;
  });

  after(async () => {
    await knex.destroy();
  });

  describe('#assignPair', () => {
    it('should make the pair the case’s active pair', async () => {
      // given a new case

      // when
      const assigned = await assignPair(knex, {
        caseId,
        nurseId: NURSE,
        socialWorkerId: COUNSELLOR,
        at: minutes(0),
        jobKey: `${caseId}-1`,
        manual: false,
      });

      // then
      expect(assigned).to.include({
        caseId,
        nurseId: NURSE,
        socialWorkerId: COUNSELLOR,
        releasedAt: null,
        jobKey: `${caseId}-1`,
        register: 'SOCIAL',
      });
      expect(await activePair(knex, caseId)).to.deep.equal(assigned);
    });

    it('should release the previous pair and keep it in the history', async () => {
      // given
      await assignPair(knex, { caseId, nurseId: NURSE, socialWorkerId: COUNSELLOR, at: minutes(0), jobKey: `${caseId}-1`, manual: false });

      // when the team lead names another pair
      await assignPair(knex, {
        caseId,
        nurseId: 'p-turku-keskusta-sh2',
        socialWorkerId: 'p-turku-keskusta-st1',
        at: minutes(60),
        jobKey: null,
        manual: true,
      });

      // then
      const history = await pairHistory(knex, caseId);
      expect(history.map((p) => [p.nurseId, p.socialWorkerId, p.releasedAt?.toISOString() ?? null, p.manual])).to.deep.equal([
        [NURSE, COUNSELLOR, minutes(60).toISOString(), false],
        ['p-turku-keskusta-sh2', 'p-turku-keskusta-st1', null, true],
      ]);
    });

    it('should write one row when the same job is delivered again, also concurrently', async () => {
      // given
      const input = { caseId, nurseId: NURSE, socialWorkerId: COUNSELLOR, at: minutes(0), jobKey: `${caseId}-1`, manual: false };

      // when
      const results = await Promise.all([assignPair(knex, input), assignPair(knex, input)]);
      const later = await assignPair(knex, { ...input, at: minutes(30) });

      // then
      expect(results[1]).to.deep.equal(results[0]);
      expect(later).to.deep.equal(results[0]);
      expect(await pairHistory(knex, caseId)).to.have.length(1);
    });

    it('should not add a row when the active pair is assigned again', async () => {
      // given
      const first = await assignPair(knex, {
        caseId,
        nurseId: NURSE,
        socialWorkerId: COUNSELLOR,
        at: minutes(0),
        jobKey: `${caseId}-1`,
        manual: false,
      });

      // when
      const again = await assignPair(knex, {
        caseId,
        nurseId: NURSE,
        socialWorkerId: COUNSELLOR,
        at: minutes(5),
        jobKey: `${caseId}-2`,
        manual: false,
      });

      // then
      expect(again).to.deep.equal(first);
      expect(await pairHistory(knex, caseId)).to.have.length(1);
    });

    it('should let the database refuse a second active pair written around the repository', async () => {
      // given
      await assignPair(knex, { caseId, nurseId: NURSE, socialWorkerId: COUNSELLOR, at: minutes(0), jobKey: null, manual: true });

      // when
      const failure = await knex('pair_assignments')
        .insert({
          case_id: caseId,
          nurse_id: NURSE,
          social_worker_id: COUNSELLOR,
          assigned_at: minutes(1),
          manual: true,
          register: 'SOCIAL',
        })
        .catch((e: Error) => e);

      // then
      expect((failure as Error).message).to.match(/pair_assignments_one_active_pair/);
    });

    it('should refuse a new pair for a closed case', async () => {
      // given
      await closeCase(knex, { caseId, outcome: 'COMPLETED', at: minutes(0), jobKey: `${caseId}-close` });

      // when
      const failure = await assignPair(knex, {
        caseId,
        nurseId: NURSE,
        socialWorkerId: COUNSELLOR,
        at: minutes(1),
        jobKey: `${caseId}-1`,
        manual: false,
      }).catch((e: Error) => e);

      // then
      expect(failure).to.be.instanceOf(CaseClosedError);
    });
  });

  describe('#releasePair', () => {
    it('should release the active pair and then find nothing to release', async () => {
      // given
      await assignPair(knex, { caseId, nurseId: NURSE, socialWorkerId: COUNSELLOR, at: minutes(0), jobKey: null, manual: true });

      // when
      const released = await releasePair(knex, { caseId, at: minutes(10) });
      const again = await releasePair(knex, { caseId, at: minutes(20) });

      // then
      expect(released?.releasedAt?.toISOString()).to.equal(minutes(10).toISOString());
      expect(again).to.equal(null);
      expect(await activePair(knex, caseId)).to.equal(undefined);
    });
  });

  describe('#findPreviousPair', () => {
    it('should find the returning client’s last pair from an earlier case', async () => {
      // given an earlier, closed case of the same person with two pairs over time
      const henkilotunnus = '150585-917K';
      const earlier = await openTestCase(knex, { identity: { fullName: 'Palaava Asiakas', henkilotunnus } });
      await assignPair(knex, {
        caseId: earlier.caseId,
        nurseId: NURSE,
        socialWorkerId: COUNSELLOR,
        at: minutes(0),
        jobKey: null,
        manual: false,
      });
      await assignPair(knex, {
        caseId: earlier.caseId,
        nurseId: 'p-turku-keskusta-sh3',
        socialWorkerId: COUNSELLOR,
        at: minutes(10),
        jobKey: null,
        manual: true,
      });
      await closeCase(knex, { caseId: earlier.caseId, outcome: 'COMPLETED', at: minutes(20), jobKey: `${earlier.caseId}-close` });
      const now = await openTestCase(knex, { identity: { fullName: 'Palaava Asiakas', henkilotunnus } });

      // when
      const previous = await findPreviousPair(knex, now.caseId);

      // then
      expect(previous).to.deep.equal({ nurseId: 'p-turku-keskusta-sh3', socialWorkerId: COUNSELLOR });
    });

    it('should find nothing for a first-time client', async () => {
      // given a case with an identity no other case has
      const first = await openTestCase(knex, { identity: { fullName: 'Uusi Asiakas', henkilotunnus: '240602A918C' } });

      // when
      const previous = await findPreviousPair(knex, first.caseId);

      // then
      expect(previous).to.equal(null);
    });
  });

  describe('caseloads for pairing', () => {
    it('should count active assignments per professional and balance the next pair onto others', async () => {
      // given a fresh team where sh1 and so1 carry two cases and one released case does not count
      const team = 'salo-somero';
      for (const i of [1, 2, 3]) {
        const c = await openTestCase(knex, { municipalityCode: '734' });
        await assignPair(knex, {
          caseId: c.caseId,
          nurseId: `p-${team}-sh1`,
          socialWorkerId: `p-${team}-so1`,
          at: minutes(i),
          jobKey: null,
          manual: false,
        });
        if (i === 3) await releasePair(knex, { caseId: c.caseId, at: minutes(10) });
      }

      // when
      const candidates = await pairingCandidates(knex, team);
      const pair = choosePair({ teamId: team, today: '2026-03-10', candidates, previousPair: null });

      // then
      const load = Object.fromEntries(candidates.map((c) => [c.id, c.activeCases]));
      expect(load).to.include({ [`p-${team}-sh1`]: 2, [`p-${team}-so1`]: 2, [`p-${team}-sh2`]: 0, [`p-${team}-st1`]: 0 });
      expect(candidates.map((c) => c.role)).to.not.include.members(['TEAM_LEAD', 'CONSULTANT']);
      expect(pair).to.include({ ok: true, socialWorkerId: `p-${team}-so2` });
      expect(pair.ok && pair.nurseId).to.not.equal(`p-${team}-sh1`);
      const dashboard = await caseloads(knex, { teamId: team });
      expect(dashboard.find((c) => c.professionalId === `p-${team}-sh1`)).to.include({ activeCases: 2, role: 'NURSE' });
      expect(dashboard).to.have.length(8);
    });
  });
});
