import { expect } from 'chai';
import type { Knex } from 'knex';
import { InvalidInputError } from '../../src/jobs/definition.js';
import { closeCase } from '../../src/store/case-repository.js';
import { listDeadlines } from '../../src/store/deadline-repository.js';
import { currentStage, stageHistory } from '../../src/store/stage-repository.js';
import * as legacy from '../../workers/pathway-stage.js';
import * as enter from '../../workers/pathway-stage-enter.js';
import * as leave from '../../workers/pathway-stage-leave.js';
import * as recordDecision from '../../workers/record-decision.js';
import * as routeCase from '../../workers/route-case.js';
import { Input } from '../../workers/stage-event.js';
import { depsAt, jobContext, NOW, openTestCase, rejectionOf, workerKnex } from './fixtures.js';

const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

describe('workers pathway-stage-enter and pathway-stage-leave', () => {
  let knex: Knex;

  before(async () => {
    knex = await workerKnex('workers_pathway_stage');
  });

  after(async () => {
    await knex.destroy();
  });

  describe('#handle', () => {
    it('should record entering a stage on its start listener and leaving it on its end listener', async () => {
      // given
      const { caseId } = await openTestCase(knex);

      // when
      await enter.handle({ caseId, stage: 'TUEN_TARVE' }, depsAt(knex, later(0)), jobContext({ listenerEventType: 'START' }));
      await leave.handle({ caseId, stage: 'TUEN_TARVE' }, depsAt(knex, later(5)), jobContext({ listenerEventType: 'END' }));
      await enter.handle({ caseId, stage: 'TYOPARIN_MUODOSTUS' }, depsAt(knex, later(6)), jobContext({ listenerEventType: 'START' }));

      // then
      const history = await stageHistory(knex, caseId);
      expect(history.map((s) => [s.stage, s.enteredAt.toISOString(), s.leftAt?.toISOString() ?? null])).to.deep.equal([
        ['TUEN_TARVE', later(0).toISOString(), later(5).toISOString()],
        ['TYOPARIN_MUODOSTUS', later(6).toISOString(), null],
      ]);
    });

    it('should keep exactly one open stage when the next stage is entered before the last one is left', async () => {
      // given
      const { caseId } = await openTestCase(knex);
      await enter.handle({ caseId, stage: 'ARVIOINTI' }, depsAt(knex, later(0)), jobContext({ listenerEventType: 'START' }));

      // when the next start arrives first, then the late end of the previous stage
      await enter.handle({ caseId, stage: 'SUUNNITELMA' }, depsAt(knex, later(10)), jobContext({ listenerEventType: 'START' }));
      await leave.handle({ caseId, stage: 'ARVIOINTI' }, depsAt(knex, later(11)), jobContext({ listenerEventType: 'END' }));

      // then
      expect((await currentStage(knex, caseId))?.stage).to.equal('SUUNNITELMA');
      expect((await stageHistory(knex, caseId)).filter((s) => s.leftAt === null)).to.have.length(1);
    });

    it('should write one row when the same listener job is delivered twice', async () => {
      // given
      const { caseId } = await openTestCase(knex);
      const start = jobContext({ listenerEventType: 'START' });
      const end = jobContext({ listenerEventType: 'END' });

      // when
      await enter.handle({ caseId, stage: 'TOTEUTUS' }, depsAt(knex, later(0)), start);
      await enter.handle({ caseId, stage: 'TOTEUTUS' }, depsAt(knex, later(1)), start);
      await leave.handle({ caseId, stage: 'TOTEUTUS' }, depsAt(knex, later(2)), end);
      await leave.handle({ caseId, stage: 'TOTEUTUS' }, depsAt(knex, later(3)), end);

      // then
      const history = await stageHistory(knex, caseId);
      expect(history).to.have.length(1);
      expect(history[0].enteredAt.toISOString()).to.equal(later(0).toISOString());
      expect(history[0].leftAt?.toISOString()).to.equal(later(2).toISOString());
    });

    it('should enter the stage when run as a plain service task', async () => {
      // given
      const { caseId } = await openTestCase(knex);

      // when
      await enter.handle({ caseId, stage: 'LOPPUARVIOINTI' }, depsAt(knex), jobContext({ listenerEventType: 'UNSPECIFIED' }));

      // then
      expect((await currentStage(knex, caseId))?.stage).to.equal('LOPPUARVIOINTI');
    });

    it('should mark the assessment’s start deadlines met when ARVIOINTI starts (SHL 36 §), and the children’s three months when it ends', async () => {
      // given a routed urgent child's case (the immediate start, the 7-weekday start and the 3-month completion apply)
      const { caseId } = await openTestCase(knex, { attributes: { childWithSpecialSupport: true, urgent: true } });
      await routeCase.handle({ caseId, municipality: 'Turku' }, depsAt(knex), jobContext());
      const metAt = async () =>
        Object.fromEntries((await listDeadlines(knex, caseId)).map((d) => [d.ruleId, d.metAt?.toISOString() ?? null]));
      const before = await metAt();

      // when the assessment starts, and its start listener is delivered twice
      const start = jobContext({ listenerEventType: 'START' });
      await enter.handle({ caseId, stage: 'ARVIOINTI' }, depsAt(knex, later(1)), start);
      await enter.handle({ caseId, stage: 'ARVIOINTI' }, depsAt(knex, later(2)), start);
      const whileAssessing = await metAt();

      // and when it is done
      await leave.handle({ caseId, stage: 'ARVIOINTI' }, depsAt(knex, later(60)), jobContext({ listenerEventType: 'END' }));

      // then the start rules are met when it starts, the completion when it ends; the others are untouched
      expect(before).to.deep.include({
        'shl-36-kiireellinen': null,
        'shl-36-seitseman-arkipaivaa': null,
        'shl-36-kolme-kuukautta-lapsi': null,
      });
      expect(whileAssessing).to.deep.equal({
        ...before,
        'shl-36-kiireellinen': later(1).toISOString(),
        'shl-36-seitseman-arkipaivaa': later(1).toISOString(),
        'shl-36-arvioinnin-aloitus-tavoite': later(1).toISOString(),
      });
      expect(await metAt()).to.deep.equal({
        ...whileAssessing,
        'shl-36-kolme-kuukautta-lapsi': later(60).toISOString(),
        'tervhl-51-hoidon-tarpeen-arvio': later(60).toISOString(),
      });
    });

    it('should mark the same-day care-need assessment met by the joint assessment (TervHL 51 §), not by the screening', async () => {
      // given a routed case of a client of 23 or over in TUEN_TARVE
      const { caseId } = await openTestCase(knex, { attributes: { age23OrOver: true } });
      await routeCase.handle({ caseId, municipality: 'Turku' }, depsAt(knex), jobContext());
      await enter.handle({ caseId, stage: 'TUEN_TARVE' }, depsAt(knex, later(0)), jobContext({ listenerEventType: 'START' }));
      const careNeed = async () => (await listDeadlines(knex, caseId)).find((d) => d.ruleId === 'tervhl-51-hoidon-tarpeen-arvio');

      // when the screening is done, and then the pair's assessment, the nurse assessing the care need
      await leave.handle({ caseId, stage: 'TUEN_TARVE' }, depsAt(knex, later(30)), jobContext({ listenerEventType: 'END' }));
      const afterScreening = await careNeed();
      await leave.handle({ caseId, stage: 'ARVIOINTI' }, depsAt(knex, later(90)), jobContext({ listenerEventType: 'END' }));

      // then it is met by the assessment, the moment that starts the care guarantee (CARE_NEED_ASSESSED)
      expect(afterScreening?.metAt).to.equal(null);
      expect((await careNeed())?.metAt?.toISOString()).to.equal(later(90).toISOString());
      expect((await listDeadlines(knex, caseId)).map((d) => d.ruleId)).to.include('tervhl-51a-hoitotakuu-23-tayttaneet');
    });

    it('should mark a granted service’s implementation time (SHL 45 §) met when TOTEUTUS starts', async () => {
      // given a case whose service an official granted
      const { caseId } = await openTestCase(knex);
      await recordDecision.handle({ caseId, decision: 'APPROVED', decisionDate: '2026-03-20' }, depsAt(knex), jobContext());
      const implementation = async () => (await listDeadlines(knex, caseId)).find((d) => d.ruleId === 'shl-45-toimeenpano-3-kk');
      const before = await implementation();

      // when implementation starts
      await enter.handle({ caseId, stage: 'TOTEUTUS' }, depsAt(knex, later(120)), jobContext({ listenerEventType: 'START' }));

      // then
      expect(before?.metAt).to.equal(null);
      expect((await implementation())?.metAt?.toISOString()).to.equal(later(120).toISOString());
    });

    it('should mark the immediate support of a pregnant client met when TOTEUTUS starts', async () => {
      // given a routed pregnant client's case
      const { caseId } = await openTestCase(knex, { attributes: { pregnant: true } });
      await routeCase.handle({ caseId, municipality: 'Turku' }, depsAt(knex), jobContext());
      const supportOf = async () => (await listDeadlines(knex, caseId)).find((d) => d.ruleId === 'shl-24-raskaana-oleva');
      const before = await supportOf();

      // when services start
      await enter.handle({ caseId, stage: 'TOTEUTUS' }, depsAt(knex, later(120)), jobContext({ listenerEventType: 'START' }));

      // then
      expect(before?.metAt).to.equal(null);
      expect((await supportOf())?.metAt?.toISOString()).to.equal(later(120).toISOString());
    });

    it('should meet a rule at the stage event the rule names, as the data says', async () => {
      // given an administrator moved the care-need assessment to be met when the pair is formed
      const { caseId } = await openTestCase(knex);
      await routeCase.handle({ caseId, municipality: 'Turku' }, depsAt(knex), jobContext());
      const careNeed = { id: 'tervhl-51-hoidon-tarpeen-arvio' };
      await knex('deadline_rules').where(careNeed).update({ met_stage: 'TYOPARIN_MUODOSTUS', met_event: 'START' });
      const metAt = async () => (await listDeadlines(knex, caseId)).find((d) => d.ruleId === careNeed.id)?.metAt?.toISOString() ?? null;
      try {
        // when the screening ends, and then the pair's stage starts
        await leave.handle({ caseId, stage: 'TUEN_TARVE' }, depsAt(knex, later(30)), jobContext({ listenerEventType: 'END' }));
        const afterScreening = await metAt();
        await enter.handle({ caseId, stage: 'TYOPARIN_MUODOSTUS' }, depsAt(knex, later(31)), jobContext({ listenerEventType: 'START' }));

        // then
        expect(afterScreening).to.equal(null);
        expect(await metAt()).to.equal(later(31).toISOString());
      } finally {
        await knex('deadline_rules').where(careNeed).update({ met_stage: 'ARVIOINTI', met_event: 'END' });
      }
    });

    it('should start the plan review when the plan is made, and meet it with the next plan, also when delivered twice', async () => {
      // given
      const { caseId } = await openTestCase(knex);
      const firstPlan = jobContext({ listenerEventType: 'END' });
      await leave.handle({ caseId, stage: 'SUUNNITELMA' }, depsAt(knex, later(0)), firstPlan);
      await leave.handle({ caseId, stage: 'SUUNNITELMA' }, depsAt(knex, later(1)), firstPlan);

      // when the plan is revised
      await leave.handle({ caseId, stage: 'SUUNNITELMA' }, depsAt(knex, later(60)), jobContext({ listenerEventType: 'END' }));

      // then the first review is met by the new plan, which starts the next
      const reviews = (await listDeadlines(knex, caseId)).filter((d) => d.ruleId === 'shl-39-suunnitelman-tarkistus');
      expect(reviews.map((d) => [d.createdJobKey === firstPlan.jobKey, d.metAt?.toISOString() ?? null])).to.deep.equal([
        [true, later(60).toISOString()],
        [false, null],
      ]);
    });

    it('should start the care guarantee of the client’s age band when the assessment ends, met when implementation starts', async () => {
      // given an under-23 client and one of 23 or over
      const young = await openTestCase(knex, { attributes: { ageUnder23: true } });
      const adult = await openTestCase(knex, { attributes: { age23OrOver: true } });

      // when
      for (const { caseId } of [young, adult]) {
        await leave.handle({ caseId, stage: 'ARVIOINTI' }, depsAt(knex, later(0)), jobContext({ listenerEventType: 'END' }));
      }
      await enter.handle({ caseId: young.caseId, stage: 'TOTEUTUS' }, depsAt(knex, later(30)), jobContext({ listenerEventType: 'START' }));

      // then
      const guarantee = async (caseId: string) =>
        (await listDeadlines(knex, caseId)).filter((d) => d.ruleId.startsWith('tervhl-51a')).map((d) => [d.ruleId, d.metAt !== null]);
      expect(await guarantee(young.caseId)).to.deep.equal([['tervhl-51a-hoitotakuu-alle-23', true]]);
      expect(await guarantee(adult.caseId)).to.deep.equal([['tervhl-51a-hoitotakuu-23-tayttaneet', false]]);
    });

    it('should not reopen a closed case', async () => {
      // given a case closed while in a stage
      const { caseId } = await openTestCase(knex);
      await enter.handle({ caseId, stage: 'TOTEUTUS' }, depsAt(knex, later(0)), jobContext({ listenerEventType: 'START' }));
      await closeCase(knex, { caseId, outcome: 'CLIENT_WITHDREW', at: later(1), jobKey: jobContext().jobKey });

      // when a late listener reports a stage
      await enter.handle({ caseId, stage: 'LOPPUARVIOINTI' }, depsAt(knex, later(2)), jobContext({ listenerEventType: 'START' }));
      await leave.handle({ caseId, stage: 'TOTEUTUS' }, depsAt(knex, later(2)), jobContext({ listenerEventType: 'END' }));

      // then
      expect(await currentStage(knex, caseId)).to.equal(undefined);
      expect((await stageHistory(knex, caseId)).map((s) => s.stage)).to.deep.equal(['TOTEUTUS']);
    });

    it('should refuse an enter job on an end listener, and a leave job on a start listener, naming the fix', async () => {
      // given
      const { caseId } = await openTestCase(knex);

      // when
      const enterOnEnd = await rejectionOf(
        enter.handle({ caseId, stage: 'ARVIOINTI' }, depsAt(knex), jobContext({ listenerEventType: 'END', elementId: 'arviointi' })),
      );
      const leaveOnStart = await rejectionOf(
        leave.handle({ caseId, stage: 'ARVIOINTI' }, depsAt(knex), jobContext({ listenerEventType: 'START', elementId: 'arviointi' })),
      );

      // then nothing was recorded, and each job fails for good with the listener to change
      expect(enterOnEnd).to.be.instanceOf(InvalidInputError);
      expect(enterOnEnd.message).to.equal(
        'Job type pathway-stage-enter is on the end listener of arviointi; use pathway-stage-leave there, or move this listener to the start event',
      );
      expect(leaveOnStart.message).to.equal(
        'Job type pathway-stage-leave is on the start listener of arviointi; use pathway-stage-enter there, or move this listener to the end event',
      );
      expect(await stageHistory(knex, caseId)).to.deep.equal([]);
    });

    it('should enter and leave by the job type when the engine reports no listener event, as brokers before 8.6 do', async () => {
      // given
      const { caseId } = await openTestCase(knex);
      const unreported = () => jobContext({ listenerEventType: 'UNSPECIFIED' });

      // when
      await enter.handle({ caseId, stage: 'SUUNNITELMA' }, depsAt(knex, later(0)), unreported());
      await leave.handle({ caseId, stage: 'SUUNNITELMA' }, depsAt(knex, later(4)), unreported());

      // then the stage was entered once and left, not entered twice
      const history = await stageHistory(knex, caseId);
      expect(history.map((s) => [s.stage, s.enteredAt.toISOString(), s.leftAt?.toISOString() ?? null])).to.deep.equal([
        ['SUUNNITELMA', later(0).toISOString(), later(4).toISOString()],
      ]);
    });
  });

  describe('retired pathway-stage, for instances of earlier diagram versions', () => {
    it('should enter on a start listener and leave on an end listener', async () => {
      // given
      const { caseId } = await openTestCase(knex);

      // when
      await legacy.handle({ caseId, stage: 'TOTEUTUS' }, depsAt(knex, later(0)), jobContext({ listenerEventType: 'START' }));
      await legacy.handle({ caseId, stage: 'TOTEUTUS' }, depsAt(knex, later(3)), jobContext({ listenerEventType: 'END' }));

      // then
      const history = await stageHistory(knex, caseId);
      expect(history.map((s) => [s.stage, s.leftAt?.toISOString() ?? null])).to.deep.equal([['TOTEUTUS', later(3).toISOString()]]);
    });

    it('should refuse a job that does not say its listener event, rather than guess that it enters', async () => {
      // given
      const { caseId } = await openTestCase(knex);

      // when
      const refused = await rejectionOf(
        legacy.handle({ caseId, stage: 'TOTEUTUS' }, depsAt(knex), jobContext({ listenerEventType: 'UNSPECIFIED', elementId: 'toteutus' })),
      );

      // then
      expect(refused).to.be.instanceOf(InvalidInputError);
      expect(refused.message).to.match(
        /^The engine did not say whether the pathway-stage job of toteutus is its start or its end listener\. Migrate the instance/,
      );
      expect(await stageHistory(knex, caseId)).to.deep.equal([]);
    });
  });

  describe('Input', () => {
    it('should refuse a stage that is not a pathway stage, naming the field', () => {
      // when
      const parsed = Input.safeParse({ caseId: '0b6f3c6e-4f0e-4d0b-9d3c-2f7e9a1b2c3d', stage: 'ARVIO' });

      // then
      expect(parsed.error?.issues.map((i) => i.path.join('.'))).to.deep.equal(['stage']);
    });
  });
});
