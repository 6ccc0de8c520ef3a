import { expect } from 'chai';
import type { Knex } from 'knex';
import { attachProcessInstance, closeCase, getCase } from '../../src/store/case-repository.js';
import { readIdentity } from '../../src/store/identity-repository.js';
import { activePair, assignPair } from '../../src/store/pair-repository.js';
import { getReferral } from '../../src/store/referral-repository.js';
import { currentStage, enterStage, stageHistory } from '../../src/store/stage-repository.js';
import { TEST_IDENTITY_CIPHER } from '../support/identity-cipher.js';
import { countRows, migratedKnex, minutes, openTestCase } from './fixtures.js';

describe('case repository', () => {
  let knex: Knex;

  before(async () => {
    knex = await migratedKnex('store_cases');
  });

  after(async () => {
    await knex.destroy();
  });

  describe('#openCase', () => {
    it('should store identity only in case_identities', async () => {
      // given
      const identity = { fullName: 'Testi Asiakas', henkilotunnus: '010190-900X' };

      // when
      const opened = await openTestCase(knex, { identity, attributes: { ageOver75: true }, specialSupportNeed: true });

      // then
      expect(opened).to.include({ municipalityCode: '853', teamId: null, closedAt: null, specialSupportNeed: true, register: 'SOCIAL' });
      expect(opened.attributes).to.deep.equal({
        urgent: false,
        ageOver75: true,
        highestCareAllowance: false,
        childWithSpecialSupport: false,
        pregnant: false,
        ageUnder23: false,
        age23OrOver: false,
      });
      expect(await readIdentity(knex, TEST_IDENTITY_CIPHER, opened.caseId)).to.deep.equal({ caseId: opened.caseId, ...identity });
      const caseColumns = Object.keys(await knex('cases').columnInfo());
      expect(caseColumns).to.not.include.members(['full_name', 'henkilotunnus']);
    });

    it('should store the referral with the case, received when the case was opened', async () => {
      // when
      const opened = await openTestCase(knex, { referral: { source: 'Terveysasema', reason: 'Alkoholin käyttö' } });

      // then
      expect(await getReferral(knex, opened.caseId)).to.deep.equal({
        caseId: opened.caseId,
        source: 'Terveysasema',
        reason: 'Alkoholin käyttö',
        receivedAt: opened.openedAt,
        register: 'SOCIAL',
      });
    });

    it('should open no case when its referral cannot be stored', async () => {
      // given a referral the database refuses (no source)
      const caseId = '6c1e0c9a-3a4f-4d47-9a51-0d5f2f7b8c11';

      // when
      const failure = await openTestCase(knex, { caseId, referral: { source: null as unknown as string, reason: 'x' } }).catch(
        (e: unknown) => e,
      );

      // then
      expect((failure as Error).message).to.match(/source/);
      expect(await getCase(knex, caseId)).to.equal(undefined);
    });

    it('should return the stored case unchanged when opened again', async () => {
      // given
      const first = await openTestCase(knex, { identity: { fullName: 'Eka Nimi', henkilotunnus: '020290-901Y' } });

      // when
      const again = await openTestCase(knex, {
        caseId: first.caseId,
        municipalityCode: '734',
        identity: { fullName: 'Toka Nimi', henkilotunnus: '030390-902A' },
      });

      // then
      expect(again).to.deep.equal(first);
      expect((await readIdentity(knex, TEST_IDENTITY_CIPHER, first.caseId))?.fullName).to.equal('Eka Nimi');
      expect(await knex('cases').where({ case_id: first.caseId }).count<{ count: string }[]>('* as count')).to.deep.equal([{ count: '1' }]);
    });

    it('should refuse a malformed henkilötunnus', async () => {
      // given
      const identity = { fullName: 'Väärä Tunnus', henkilotunnus: '1234' };

      // when
      const failure = await openTestCase(knex, { identity }).catch((e: Error) => e);

      // then
      expect(failure).to.be.instanceOf(Error);
      expect((failure as Error).message).to.match(/henkilotunnus/);
    });

    it('should refuse an unknown municipality code', async () => {
      // given Helsinki, outside the county
      const municipalityCode = '091';

      // when
      const failure = await openTestCase(knex, { municipalityCode }).catch((e: Error) => e);

      // then
      expect((failure as Error).message).to.match(/foreign key/);
    });
  });

  describe('#attachProcessInstance', () => {
    it('should link a process instance once and accept the same key again', async () => {
      // given
      const opened = await openTestCase(knex);

      // when
      await attachProcessInstance(knex, opened.caseId, '2251799813685249');
      const again = await attachProcessInstance(knex, opened.caseId, '2251799813685249');

      // then
      expect(again.processInstanceKey).to.equal('2251799813685249');
      await attachProcessInstance(knex, opened.caseId, '2251799813699999').then(
        () => expect.fail('a second instance was accepted'),
        (e: Error) => expect(e.message).to.match(/already runs in process instance 2251799813685249/),
      );
    });
  });

  describe('#closeCase', () => {
    it('should release the pair, close the open stage and record the outcome in one go', async () => {
      // given a case in implementation with a pair
      const opened = await openTestCase(knex);
      await enterStage(knex, { caseId: opened.caseId, stage: 'TOTEUTUS', at: minutes(1), jobKey: `${opened.caseId}-enter` });
      await assignPair(knex, {
        caseId: opened.caseId,
        nurseId: 'p-turku-ita-sh1',
        socialWorkerId: 'p-turku-ita-so1',
        at: minutes(1),
        jobKey: null,
        manual: true,
      });

      // when
      const closed = await closeCase(knex, {
        caseId: opened.caseId,
        outcome: 'CLIENT_WITHDREW',
        at: minutes(60),
        jobKey: `${opened.caseId}-close`,
      });

      // then
      expect(closed).to.include({ outcome: 'CLIENT_WITHDREW' });
      expect(closed.closedAt?.toISOString()).to.equal(minutes(60).toISOString());
      expect(await activePair(knex, opened.caseId)).to.equal(undefined);
      expect(await currentStage(knex, opened.caseId)).to.equal(undefined);
      const [stay] = await stageHistory(knex, opened.caseId);
      expect(stay).to.include({ stage: 'TOTEUTUS', leftJobKey: `${opened.caseId}-close` });
    });

    it('should change nothing when closing a closed case again', async () => {
      // given
      const opened = await openTestCase(knex);
      const first = await closeCase(knex, { caseId: opened.caseId, outcome: 'MOVED_AWAY', at: minutes(5), jobKey: `${opened.caseId}-a` });

      // when a replay, and a racing withdrawal with another outcome
      const replay = await closeCase(knex, { caseId: opened.caseId, outcome: 'MOVED_AWAY', at: minutes(9), jobKey: `${opened.caseId}-a` });
      const racing = await closeCase(knex, { caseId: opened.caseId, outcome: 'DIED', at: minutes(10), jobKey: `${opened.caseId}-b` });

      // then
      expect(replay).to.deep.equal(first);
      expect(racing).to.deep.equal(first);
      expect(await getCase(knex, opened.caseId)).to.deep.equal(first);
    });

    it('should refuse to close without an outcome at database level', async () => {
      // given
      const opened = await openTestCase(knex);
      const before = await countRows(knex, 'cases');

      // when
      const failure = await knex('cases')
        .where({ case_id: opened.caseId })
        .update({ closed_at: new Date() })
        .catch((e: Error) => e);

      // then
      expect((failure as Error).message).to.match(/cases_closed_with_outcome_check/);
      expect(await countRows(knex, 'cases')).to.equal(before);
    });
  });
});
