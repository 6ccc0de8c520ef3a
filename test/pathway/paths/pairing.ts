import { expect } from 'chai';
import { answers } from '../../../kit/pathway/answers.js';
import type { PathwayDriver } from '../pathway-driver.js';
import { expectStageHistory } from '../stage-history.js';

/** The path through TYOPARIN_MUODOSTUS when no pair is free, and the assessment deadline. */
export function pairingPaths(driver: () => PathwayDriver): void {
  it('should let the team lead name the pair when no nurse is free, escalate the missed assessment deadline, and close when the client dies', async () => {
    // given every nurse of Loimaa's team on leave
    const d = driver();
    await d.knex('professionals').where({ team_id: 'loimaa', role: 'NURSE' }).update({ absent_until: '2099-12-31' });
    try {
      const caseId = await d.openCase({ municipality: 'Loimaa' });

      // when the criteria are met, the automatic pairing finds no one and the team lead names the pair
      await d.complete(caseId, 'screening-task', answers.screening(true));
      const naming = await d.complete(caseId, 'manual-pair-task', answers.manualPair('p-loimaa-sh2', 'p-loimaa-so2'));
      const assessing = await d.waitForTask(caseId, 'assessment-task');

      // then the named pair is the case's, and the assessment is due by the case's deadline
      expect(naming.candidateGroups).to.deep.equal(['tiimi-loimaa-vetaja']);
      expect(assessing.pair).to.deep.include({ manual: true });
      expect(assessing.pair?.nurse).to.include({ id: 'p-loimaa-sh2', role: 'NURSE' });
      expect(assessing.pair?.socialWorker).to.include({ id: 'p-loimaa-so2', role: 'SOCIAL_COUNSELLOR' });
      const target = assessing.deadlines.find((x) => x.ruleId === 'shl-36-arvioinnin-aloitus-tavoite')!;
      expect(Date.parse(assessing.openTasks.find((x) => x.elementId === 'assessment-task')!.dueDate!)).to.equal(Date.parse(target.dueAt));
      expect(target).to.include({ metAt: null, breachedAt: null });
      expectStageHistory(assessing, ['TUEN_TARVE', 'TYOPARIN_MUODOSTUS', 'ARVIOINTI']);

      // when the deadline passes with the assessment undone
      await d.advanceClock(30);

      // then the missed deadline is recorded and escalated, and the assessment stays open
      const escalated = await d.waitFor(caseId, 'the deadline notice', (v) =>
        v.deadlines.some((x) => x.ruleId === 'shl-36-arvioinnin-aloitus-tavoite' && x.breachedAt !== null),
      );
      expect(escalated.openTasks.map((x) => x.elementId)).to.deep.equal(['assessment-task']);
      expect(await d.variable(caseId, 'deadlineNotified'), 'the notice says it recorded the breach').to.equal(true);
      expectStageHistory(escalated, ['TUEN_TARVE', 'TYOPARIN_MUODOSTUS', 'ARVIOINTI']);

      // when the assessment is done late, and the client dies while the plan is made
      await d.complete(caseId, 'assessment-task', answers.assessment('EI'));
      const planning = await d.waitForTask(caseId, 'plan-task');
      const late = planning.deadlines.find((x) => x.ruleId === 'shl-36-arvioinnin-aloitus-tavoite')!;
      expect(Date.parse(late.metAt!), 'met late, after the escalation').to.be.above(Date.parse(late.breachedAt!));
      await d.clientLeaves(caseId, 'DIED');

      // then the case closes from SUUNNITELMA
      const closed = await d.waitFor(caseId, 'the case to close', (v) => v.closedAt !== null);
      expect(closed).to.deep.include({ outcome: 'DIED', pair: null, openTasks: [] });
      expectStageHistory(closed, ['TUEN_TARVE', 'TYOPARIN_MUODOSTUS', 'ARVIOINTI', 'SUUNNITELMA']);
      expect(await d.instanceEnd(caseId)).to.equal('COMPLETED');
    } finally {
      await d.knex('professionals').where({ team_id: 'loimaa', role: 'NURSE' }).update({ absent_until: null });
      await d.resetClock();
    }
  });

  it('should bring the assessment forward when the screening finds an urgent need the intake did not record', async () => {
    // given a case the intake did not mark urgent
    const d = driver();
    const caseId = await d.openCase({ municipality: 'Turku' });

    // when the screening finds the need urgent
    await d.complete(caseId, 'screening-task', { ...answers.screening(true), urgent: true });
    const assessing = await d.waitForTask(caseId, 'assessment-task');

    // then the urgent rule runs on the case, and the assessment task is due by it rather than the seventh weekday
    const urgent = assessing.deadlines.find((x) => x.ruleId === 'shl-36-kiireellinen');
    const target = assessing.deadlines.find((x) => x.ruleId === 'shl-36-arvioinnin-aloitus-tavoite')!;
    expect(urgent, 'the urgent deadline').to.not.equal(undefined);
    expect(Date.parse(urgent!.dueAt)).to.be.below(Date.parse(target.dueAt));
    expect(Date.parse(assessing.openTasks.find((x) => x.elementId === 'assessment-task')!.dueDate!)).to.equal(Date.parse(urgent!.dueAt));
    await d.clientLeaves(caseId, 'CLIENT_WITHDREW');
    await d.waitFor(caseId, 'the case to close', (v) => v.closedAt !== null);
  });
}
