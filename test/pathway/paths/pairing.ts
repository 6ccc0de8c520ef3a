import { expect } from 'chai';
import { answers } from '../../../kit/pathway/answers.js';
import type { PathwayDriver } from '../pathway-driver.js';
import { expectStageHistory } from '../stage-history.js';

/** The path through TYOPARIN_MUODOSTUS when no pair is free, and the assessment deadline. */
export function pairingPaths(driver: () => PathwayDriver): void {
  it('should escalate the assessment deadline missed while the team lead has not named the pair, meet it when the assessment starts, and close when the client dies', async () => {
    // given every nurse of Loimaa's team on leave
    const d = driver();
    await d.knex('professionals').where({ team_id: 'loimaa', role: 'NURSE' }).update({ absent_until: '2099-12-31' });
    try {
      const caseId = await d.openCase({ municipality: 'Loimaa' });

      // when the criteria are met and the automatic pairing finds no one
      await d.complete(caseId, 'screening-task', answers.screening(true));
      const waiting = await d.waitForTask(caseId, 'manual-pair-task');
      const target = waiting.deadlines.find((x) => x.ruleId === 'shl-36-arvioinnin-aloitus-tavoite')!;
      expect(target).to.include({ metAt: null, breachedAt: null });
      expect(Date.parse(String(await d.variable(caseId, 'assessmentDueDate')))).to.equal(Date.parse(target.dueAt));

      // and the deadline, counted from the case's opening, passes before the pair is named
      await d.advanceClock(30);

      // then the missed deadline is recorded and escalated, and the naming stays open
      const escalated = await d.waitFor(caseId, 'the deadline notice', (v) =>
        v.deadlines.some((x) => x.ruleId === 'shl-36-arvioinnin-aloitus-tavoite' && x.breachedAt !== null),
      );
      expect(escalated.openTasks.map((x) => x.elementId)).to.deep.equal(['manual-pair-task']);
      expect(await d.variable(caseId, 'deadlineNotified'), 'the notice says it recorded the breach').to.equal(true);
      expectStageHistory(escalated, ['TUEN_TARVE', 'TYOPARIN_MUODOSTUS']);

      // when the team lead names the pair
      const naming = await d.complete(caseId, 'manual-pair-task', answers.manualPair('p-loimaa-sh2', 'p-loimaa-so2'));
      const assessing = await d.waitForTask(caseId, 'assessment-task');

      // then the named pair is the case's, and the deadline is met late, when the assessment started (SHL 36 §)
      expect(naming.candidateGroups).to.deep.equal(['tiimi-loimaa-vetaja']);
      expect(assessing.pair).to.deep.include({ manual: true });
      expect(assessing.pair?.nurse).to.include({ id: 'p-loimaa-sh2', role: 'NURSE' });
      expect(assessing.pair?.socialWorker).to.include({ id: 'p-loimaa-so2', role: 'SOCIAL_COUNSELLOR' });
      expect(Date.parse(assessing.openTasks.find((x) => x.elementId === 'assessment-task')!.dueDate!)).to.equal(Date.parse(target.dueAt));
      const late = assessing.deadlines.find((x) => x.ruleId === 'shl-36-arvioinnin-aloitus-tavoite')!;
      expect(Date.parse(late.metAt!), 'met late, after the escalation').to.be.above(Date.parse(late.breachedAt!));
      expectStageHistory(assessing, ['TUEN_TARVE', 'TYOPARIN_MUODOSTUS', 'ARVIOINTI']);

      // when the assessment is done, and the client dies while the plan is made
      await d.complete(caseId, 'assessment-task', answers.assessment());
      await d.waitForTask(caseId, 'plan-task');
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
