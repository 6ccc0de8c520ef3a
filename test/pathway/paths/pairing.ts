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
      const waiting = await d.waitForTask(caseId, 'manual-nurse-task');
      const target = waiting.deadlines.find((x) => x.ruleId === 'shl-36-arvioinnin-aloitus-tavoite')!;
      expect(target).to.include({ metAt: null, breachedAt: null });
      expect(Date.parse(String(await d.variable(caseId, 'assessmentDueDate')))).to.equal(Date.parse(target.dueAt));

      // and the deadline, counted from the case's opening, passes before the pair is named
      await d.advanceClock(30);

      // then the missed deadline is recorded and escalated, and the naming stays open
      const escalated = await d.waitFor(caseId, 'the deadline notice', (v) =>
        v.deadlines.some((x) => x.ruleId === 'shl-36-arvioinnin-aloitus-tavoite' && x.breachedAt !== null),
      );
      expect(escalated.openTasks.map((x) => x.elementId)).to.have.members(['manual-nurse-task', 'manual-social-worker-task']);
      expect(await d.variable(caseId, 'deadlineNotified'), 'the notice says it recorded the breach').to.equal(true);
      expectStageHistory(escalated, ['TUEN_TARVE', 'TYOPARIN_MUODOSTUS']);

      // when the health-side lead names the nurse and the social-side lead the social-side member
      const nurseNaming = await d.complete(caseId, 'manual-nurse-task', answers.manualNurse('p-loimaa-sh2'));
      const socialNaming = await d.complete(caseId, 'manual-social-worker-task', answers.manualSocialWorker('p-loimaa-so2'));
      const assessing = await d.waitForTask(caseId, 'assessment-task');

      // then the named pair is the case's, and the deadline is met late, when the assessment started (SHL 36 §)
      expect(nurseNaming.candidateGroups).to.deep.equal(['tiimi-loimaa-vetaja-terveys']);
      expect(socialNaming.candidateGroups).to.deep.equal(['tiimi-loimaa-vetaja-sosiaali']);
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
      expect(closed).to.deep.include({ outcome: 'DIED', openTasks: [] });
      // the closed case still names its pair, released at the close
      expect(closed.pair?.releasedAt).to.be.a('string');
      expectStageHistory(closed, ['TUEN_TARVE', 'TYOPARIN_MUODOSTUS', 'ARVIOINTI', 'SUUNNITELMA']);
      expect(await d.instanceEnd(caseId)).to.equal('COMPLETED');
    } finally {
      await d.knex('professionals').where({ team_id: 'loimaa', role: 'NURSE' }).update({ absent_until: null });
      await d.resetClock();
    }
  });

  it('should add the responsible social worker the social-side lead names when the assessment finds the special need the sosiaalityöntekijä did not confirm at pairing, without re-pairing', async () => {
    // given a Loimaa case whose screening saw signs of a special need for support, and the team's sosiaalityöntekijä on leave
    const d = driver();
    await d.knex('professionals').where({ team_id: 'loimaa', role: 'SOCIAL_WORKER' }).update({ absent_until: '2099-12-31' });
    try {
      const caseId = await d.openCase({ municipality: 'Loimaa' });
      await d.complete(caseId, 'screening-task', answers.screening(true, 'BOTH', true));

      // when the sosiaalityöntekijä finds no special need at pairing
      await d.complete(caseId, 'special-support-confirmation-task', answers.specialSupport(false));
      const assessing = await d.waitForTask(caseId, 'assessment-task');

      // then the pathway goes on with the pair alone
      expect(await d.variable(caseId, 'specialSupportNeed')).to.equal(false);
      expect(assessing.pair?.socialWorker.role).to.equal('SOCIAL_COUNSELLOR');
      expectStageHistory(assessing, ['TUEN_TARVE', 'TYOPARIN_MUODOSTUS', 'ARVIOINTI']);

      // when the joint assessment finds the need after all, a sosiaalityöntekijä confirms it, and none is free
      await d.complete(caseId, 'assessment-task', { ...answers.assessment(), specialSupportNeedFound: true });
      await d.complete(caseId, 'special-support-confirmation-task', answers.specialSupport(true));
      const naming = await d.waitForTask(caseId, 'manual-responsible-social-worker-task');
      expect(naming.openTasks.find((t) => t.elementId === 'manual-responsible-social-worker-task')?.candidateGroups).to.deep.equal([
        'tiimi-loimaa-vetaja-sosiaali',
      ]);
      expectStageHistory(naming, ['TUEN_TARVE', 'TYOPARIN_MUODOSTUS', 'ARVIOINTI']);

      // and the social-side lead names the team's sosiaalityöntekijä
      await d.complete(caseId, 'manual-responsible-social-worker-task', answers.responsibleSocialWorker('p-loimaa-st1'));
      const planning = await d.waitForTask(caseId, 'plan-task');

      // then the role is added beside the same pair: no second pair assignment
      expect(await d.knex('pair_assignments').where({ case_id: caseId }).count<{ count: string }[]>('* as count')).to.deep.equal([
        { count: '1' },
      ]);
      expect(planning.pair?.socialWorker).to.include({ id: assessing.pair?.socialWorker.id, role: 'SOCIAL_COUNSELLOR' });
      expect(await d.knex('responsible_social_workers').where({ case_id: caseId }).select('professional_id', 'manual')).to.deep.equal([
        { professional_id: 'p-loimaa-st1', manual: true },
      ]);
      expectStageHistory(planning, ['TUEN_TARVE', 'TYOPARIN_MUODOSTUS', 'ARVIOINTI', 'SUUNNITELMA']);

      // when the client withdraws, the responsible social worker is released with the pair
      await d.clientLeaves(caseId, 'CLIENT_WITHDREW');
      const closed = await d.waitFor(caseId, 'the case to close', (v) => v.closedAt !== null);
      expectStageHistory(closed, ['TUEN_TARVE', 'TYOPARIN_MUODOSTUS', 'ARVIOINTI', 'SUUNNITELMA']);
      expect(await d.knex('responsible_social_workers').where({ case_id: caseId }).whereNull('released_at')).to.deep.equal([]);
    } finally {
      await d.knex('professionals').where({ team_id: 'loimaa', role: 'SOCIAL_WORKER' }).update({ absent_until: null });
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
