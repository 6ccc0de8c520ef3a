import { expect } from 'chai';
import type { Knex } from 'knex';
import { getCase } from '../../src/store/case-repository.js';
import { activePair, assignPair } from '../../src/store/pair-repository.js';
import { currentStage, enterStage, stageHistory } from '../../src/store/stage-repository.js';
import { caseloads } from '../../src/store/dashboard/stats.js';
import { handle, Input } from '../../workers/close-case.js';
import { depsAt, jobContext, NOW, openTestCase, workerKnex } from './fixtures.js';

const NURSE = 'p-turku-keskusta-sh1';
const LATER = new Date(NOW.getTime() + 3_600_000);

describe('worker close-case', () => {
  let knex: Knex;

  before(async () => {
    knex = await workerKnex('workers_close_case');
  });

  after(async () => {
    await knex.destroy();
  });

  /** A case in the TOTEUTUS stage with an active pair. */
  async function caseInProgress(): Promise<string> {
    const { caseId } = await openTestCase(knex);
    await assignPair(knex, { caseId, nurseId: NURSE, socialWorkerId: 'p-turku-keskusta-so1', at: NOW, jobKey: null, manual: true });
    await enterStage(knex, { caseId, stage: 'TOTEUTUS', at: NOW, jobKey: jobContext().jobKey });
    return caseId;
  }

  async function nurseLoad(): Promise<number> {
    return (await caseloads(knex, { teamId: 'turku-keskusta' })).find((c) => c.professionalId === NURSE)!.activeCases;
  }

  describe('#handle', () => {
    it('should close the case with its outcome, release the pair and close the open stage', async () => {
      // given
      const caseId = await caseInProgress();
      const loadBefore = await nurseLoad();

      // when the pathway ends normally
      const output = await handle({ caseId, closeReason: 'PATHWAY_COMPLETED' }, depsAt(knex, LATER), jobContext());

      // then
      expect(output).to.deep.equal({ outcome: 'COMPLETED' });
      expect(await getCase(knex, caseId)).to.include({ outcome: 'COMPLETED' });
      expect((await getCase(knex, caseId))?.closedAt?.toISOString()).to.equal(LATER.toISOString());
      expect(await activePair(knex, caseId)).to.equal(undefined);
      expect(await nurseLoad()).to.equal(loadBefore - 1);
      expect(await currentStage(knex, caseId)).to.equal(undefined);
      expect((await stageHistory(knex, caseId))[0].leftAt?.toISOString()).to.equal(LATER.toISOString());
    });

    it('should keep the first outcome when the case is closed again', async () => {
      // given a case closed when the client moved away
      const caseId = await caseInProgress();
      const job = jobContext();
      await handle({ caseId, closeReason: 'MOVED_AWAY' }, depsAt(knex, LATER), job);

      // when the same job is delivered again, and another closing races it
      const replay = await handle({ caseId, closeReason: 'MOVED_AWAY' }, depsAt(knex, LATER), job);
      const racing = await handle({ caseId, closeReason: 'PATHWAY_COMPLETED' }, depsAt(knex, LATER), jobContext());

      // then
      expect(replay).to.deep.equal({ outcome: 'MOVED_AWAY' });
      expect(racing).to.deep.equal({ outcome: 'MOVED_AWAY' });
      expect(await getCase(knex, caseId)).to.include({ outcome: 'MOVED_AWAY' });
    });

    it('should record a referral to single-sector services', async () => {
      // given a case that never got a pair
      const { caseId } = await openTestCase(knex);

      // when
      const output = await handle({ caseId, closeReason: 'SINGLE_SECTOR_REFERRAL' }, depsAt(knex), jobContext());

      // then
      expect(output).to.deep.equal({ outcome: 'SINGLE_SECTOR_REFERRAL' });
    });
  });

  describe('Input', () => {
    it('should refuse a close reason that is no outcome, naming the field and the accepted values', () => {
      // when the withdrawal message came without a reason, and the diagram defaulted it
      const parsed = Input.safeParse({ caseId: '0b6f3c6e-4f0e-4d0b-9d3c-2f7e9a1b2c3d', closeReason: 'OTHER' });

      // then
      expect(parsed.error?.issues.map((i) => i.path.join('.'))).to.deep.equal(['closeReason']);
      expect(parsed.error?.issues[0].message).to.equal(
        'expected one of SINGLE_SECTOR_REFERRAL, PATHWAY_COMPLETED, CLIENT_WITHDREW, MOVED_AWAY, DIED, NOT_REACHED, MOVED_TO_OTHER_SERVICE, DECLINED_SERVICES',
      );
    });
  });
});
