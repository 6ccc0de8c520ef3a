import { expect } from 'chai';
import type { Knex } from 'knex';
import { CaseClosedError, CaseNotFoundError } from '../../src/store/case-lock.js';
import { closeCase } from '../../src/store/case-repository.js';
import { currentStage, enterStage, leaveStage, stageHistory } from '../../src/store/stage-repository.js';
import { migratedKnex, minutes, openTestCase } from './fixtures.js';

describe('stage repository', () => {
  let knex: Knex;
  let caseId: string;

  before(async () => {
    knex = await migratedKnex('store_stages');
  });

  beforeEach(async () => {
    caseId = (await openTestCase(knex)).caseId;
  });

  after(async () => {
    await knex.destroy();
  });

  describe('#enterStage', () => {
    it('should open the first stage', async () => {
      // given a new case

      // when
      const stay = await enterStage(knex, { caseId, stage: 'TUEN_TARVE', at: minutes(0), jobKey: `${caseId}-1` });

      // then
      expect(stay).to.include({ caseId, stage: 'TUEN_TARVE', leftAt: null, enteredJobKey: `${caseId}-1`, register: 'SOCIAL' });
      expect((await currentStage(knex, caseId))?.id).to.equal(stay.id);
    });

    it('should close the previous stage when the next one is entered', async () => {
      // given
      await enterStage(knex, { caseId, stage: 'TUEN_TARVE', at: minutes(0), jobKey: `${caseId}-1` });

      // when
      await enterStage(knex, { caseId, stage: 'TYOPARIN_MUODOSTUS', at: minutes(5), jobKey: `${caseId}-2` });

      // then
      const history = await stageHistory(knex, caseId);
      expect(history.map((s) => [s.stage, s.leftAt?.toISOString() ?? null, s.leftJobKey])).to.deep.equal([
        ['TUEN_TARVE', minutes(5).toISOString(), `${caseId}-2`],
        ['TYOPARIN_MUODOSTUS', null, null],
      ]);
    });

    it('should change nothing when the same job is delivered again', async () => {
      // given
      const first = await enterStage(knex, { caseId, stage: 'TUEN_TARVE', at: minutes(0), jobKey: `${caseId}-1` });
      await enterStage(knex, { caseId, stage: 'ARVIOINTI', at: minutes(5), jobKey: `${caseId}-2` });
      const before = await stageHistory(knex, caseId);

      // when the first job is delivered once more, later
      const replay = await enterStage(knex, { caseId, stage: 'TUEN_TARVE', at: minutes(9), jobKey: `${caseId}-1` });

      // then
      expect(replay).to.deep.equal({ ...first, leftAt: before[0].leftAt, leftJobKey: `${caseId}-2` });
      expect(await stageHistory(knex, caseId)).to.deep.equal(before);
    });

    it('should write one row when the same job is delivered twice at once', async () => {
      // given
      await enterStage(knex, { caseId, stage: 'TUEN_TARVE', at: minutes(0), jobKey: `${caseId}-1` });
      const event = { caseId, stage: 'ARVIOINTI' as const, at: minutes(5), jobKey: `${caseId}-2` };

      // when
      const results = await Promise.all([enterStage(knex, event), enterStage(knex, event), enterStage(knex, event)]);

      // then
      expect(new Set(results.map((r) => r.id)).size).to.equal(1);
      expect((await stageHistory(knex, caseId)).map((s) => s.stage)).to.deep.equal(['TUEN_TARVE', 'ARVIOINTI']);
    });

    it('should keep exactly one open stage when different stages are entered at once', async () => {
      // given
      const stages = ['ARVIOINTI', 'SUUNNITELMA', 'TOTEUTUS', 'LOPPUARVIOINTI'] as const;

      // when
      await Promise.all(stages.map((stage, i) => enterStage(knex, { caseId, stage, at: minutes(i), jobKey: `${caseId}-${stage}` })));

      // then
      const open = (await stageHistory(knex, caseId)).filter((s) => s.leftAt === null);
      expect(open).to.have.length(1);
    });

    it('should let the database refuse a second open stage written around the repository', async () => {
      // given
      await enterStage(knex, { caseId, stage: 'TUEN_TARVE', at: minutes(0), jobKey: `${caseId}-1` });

      // when
      const failure = await knex('stage_history')
        .insert({ case_id: caseId, stage: 'ARVIOINTI', entered_at: minutes(1), entered_job_key: `${caseId}-rogue`, register: 'SOCIAL' })
        .catch((e: Error) => e);

      // then
      expect((failure as Error).message).to.match(/stage_history_one_open_stage/);
    });

    it('should never end a stage before it began when a worker’s clock lags', async () => {
      // given
      await enterStage(knex, { caseId, stage: 'TUEN_TARVE', at: minutes(10), jobKey: `${caseId}-1` });

      // when
      await enterStage(knex, { caseId, stage: 'ARVIOINTI', at: minutes(9), jobKey: `${caseId}-2` });

      // then
      const first = (await stageHistory(knex, caseId)).find((s) => s.stage === 'TUEN_TARVE');
      expect(first?.leftAt?.toISOString()).to.equal(minutes(10).toISOString());
    });

    it('should refuse a new stage on a closed case but still answer a replay', async () => {
      // given
      await enterStage(knex, { caseId, stage: 'PAATTYMINEN', at: minutes(0), jobKey: `${caseId}-1` });
      await closeCase(knex, { caseId, outcome: 'COMPLETED', at: minutes(1), jobKey: `${caseId}-close` });

      // when
      const replay = await enterStage(knex, { caseId, stage: 'PAATTYMINEN', at: minutes(2), jobKey: `${caseId}-1` });
      const failure = await enterStage(knex, { caseId, stage: 'TOTEUTUS', at: minutes(2), jobKey: `${caseId}-2` }).catch((e: Error) => e);

      // then
      expect(replay.stage).to.equal('PAATTYMINEN');
      expect(failure).to.be.instanceOf(CaseClosedError);
    });

    it('should refuse an unknown case', async () => {
      // given
      const unknown = '00000000-0000-4000-8000-000000000000';

      // when
      const failure = await enterStage(knex, { caseId: unknown, stage: 'TUEN_TARVE', at: minutes(0), jobKey: 'x' }).catch((e: Error) => e);

      // then
      expect(failure).to.be.instanceOf(CaseNotFoundError);
    });
  });

  describe('#leaveStage', () => {
    it('should close the open stay of that stage', async () => {
      // given
      await enterStage(knex, { caseId, stage: 'ARVIOINTI', at: minutes(0), jobKey: `${caseId}-1` });

      // when
      const left = await leaveStage(knex, { caseId, stage: 'ARVIOINTI', at: minutes(30), jobKey: `${caseId}-leave` });

      // then
      expect(left).to.include({ stage: 'ARVIOINTI', leftJobKey: `${caseId}-leave` });
      expect(await currentStage(knex, caseId)).to.equal(undefined);
    });

    it('should do nothing when the case has already moved to another stage', async () => {
      // given the next stage's entry arrived before this stage's end
      await enterStage(knex, { caseId, stage: 'ARVIOINTI', at: minutes(0), jobKey: `${caseId}-1` });
      await enterStage(knex, { caseId, stage: 'SUUNNITELMA', at: minutes(30), jobKey: `${caseId}-2` });
      const before = await stageHistory(knex, caseId);

      // when
      const left = await leaveStage(knex, { caseId, stage: 'ARVIOINTI', at: minutes(31), jobKey: `${caseId}-leave` });

      // then
      expect(left).to.equal(null);
      expect(await stageHistory(knex, caseId)).to.deep.equal(before);
    });

    it('should return the same row when the same job is delivered again', async () => {
      // given
      await enterStage(knex, { caseId, stage: 'ARVIOINTI', at: minutes(0), jobKey: `${caseId}-1` });
      const first = await leaveStage(knex, { caseId, stage: 'ARVIOINTI', at: minutes(30), jobKey: `${caseId}-leave` });

      // when
      const replay = await leaveStage(knex, { caseId, stage: 'ARVIOINTI', at: minutes(40), jobKey: `${caseId}-leave` });

      // then
      expect(replay).to.deep.equal(first);
    });
  });
});
