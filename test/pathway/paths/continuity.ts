import { expect } from 'chai';
import { answers } from '../../../kit/pathway/answers.js';
import type { PathwayDriver } from '../pathway-driver.js';
import { expectStageHistory } from '../stage-history.js';

const UP_TO_PLAN = ['TUEN_TARVE', 'TYOPARIN_MUODOSTUS', 'ARVIOINTI', 'SUUNNITELMA'];

/** The Finnish calendar day `days` from today, as a date field holds it. */
function dayFromToday(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** Continuity (issue 12 point 7): the rehabilitation period's end, the move within Varha, the exit reasons. */
export function continuityPaths(driver: () => PathwayDriver): void {
  it('should plan the transition when the rehabilitation period ends, take a housing service through the group, and close when the client declines services', async () => {
    // given a case granted institutional rehabilitation, its four-week period started
    const d = driver();
    try {
      const caseId = await d.openCase({ municipality: 'Turku' });
      await d.complete(caseId, 'screening-task', answers.screening(true));
      await d.complete(caseId, 'assessment-task', answers.assessment());
      await d.complete(caseId, 'plan-task', answers.plan('LAITOSKUNTOUTUS'));
      await d.complete(caseId, 'prepare-task', answers.groupPreparation());
      await d.complete(caseId, 'group-task', answers.groupRecommendation('RECOMMEND'));
      await d.complete(caseId, 'official-decision-task', answers.decision('APPROVED'));
      await d.complete(caseId, 'implementation-followup', answers.rehabilitation(dayFromToday(28)));

      // when the period ends
      await d.waitForTimer(caseId, 'rehabilitation-period-end');
      await d.advanceClock(30);
      const transition = await d.complete(caseId, 'transition-planning-task', answers.transition('ASUMISPALVELU'));

      // then the pair plans the transition, and a housing service goes to the working group for its recommendation and decision
      expect(transition.candidateGroups).to.deep.equal(['tiimi-turku-keskusta']);
      const preparing = await d.waitForTask(caseId, 'prepare-task');
      expectStageHistory(preparing, [...UP_TO_PLAN, 'TYORYHMAKASITTELY', 'TOTEUTUS', 'TYORYHMAKASITTELY']);
      await d.complete(caseId, 'prepare-task', answers.groupPreparation());
      await d.complete(caseId, 'group-task', answers.groupRecommendation('RECOMMEND'));
      await d.complete(caseId, 'official-decision-task', { ...answers.decision('APPROVED'), decisionService: 'ASUMISPALVELU' });

      // and the housing service starts a new implementation, with no rehabilitation period of its own (its locals start afresh)
      await d.complete(caseId, 'implementation-followup', answers.implementation('P30D'));
      await d.waitForTimer(caseId, 'next-monitoring');

      // when the client declines services
      await d.clientLeaves(caseId, 'DECLINED_SERVICES');

      // then the case closes with that reason
      const closed = await d.waitFor(caseId, 'the case to close', (v) => v.closedAt !== null);
      expect(closed).to.deep.include({ outcome: 'DECLINED_SERVICES', openTasks: [] });
      // the closed case still names its pair, released at the close
      expect(closed.pair?.releasedAt).to.be.a('string');
      expectStageHistory(closed, [...UP_TO_PLAN, 'TYORYHMAKASITTELY', 'TOTEUTUS', 'TYORYHMAKASITTELY', 'TOTEUTUS']);
      expect(await d.instanceEnd(caseId)).to.equal('COMPLETED');
    } finally {
      await d.resetClock();
    }
  });

  it('should go on to outpatient services after rehabilitation, move the same case to the new team when the client moves within Varha, and close when the client cannot be reached', async () => {
    // given a Turku case in a rehabilitation period that needs no decision (medical rehabilitation)
    const d = driver();
    try {
      const caseId = await d.openCase({ municipality: 'Turku' });
      await d.complete(caseId, 'screening-task', answers.screening(true));
      await d.complete(caseId, 'assessment-task', answers.assessment());
      await d.complete(caseId, 'plan-task', answers.plan('EI'));
      await d.complete(caseId, 'implementation-followup', answers.rehabilitation(dayFromToday(14)));

      // when the period ends and the client goes on to outpatient services
      await d.waitForTimer(caseId, 'rehabilitation-period-end');
      await d.advanceClock(15);
      await d.complete(caseId, 'transition-planning-task', answers.transition('AVOPALVELU'));

      // then monitoring goes on in the same implementation
      await d.waitForTimer(caseId, 'next-monitoring');
      const before = await d.view(caseId);
      expect(before.team?.id).to.equal('turku-keskusta');
      expectStageHistory(before, [...UP_TO_PLAN, 'TOTEUTUS']);

      // when the client moves to Kaarina
      await d.clientMoves(caseId, 'Kaarina');

      // then the same case, with its history, goes on in Kaarina's team with a pair of that team
      const moved = await d.waitFor(
        caseId,
        'the case to move',
        (v) => v.team?.id === 'kaarina-paimio-sauvo' && v.pair?.nurse.id.startsWith('p-kaarina') === true,
      );
      expect(moved.caseId).to.equal(caseId);
      expect(moved.pair?.socialWorker.id).to.match(/^p-kaarina-paimio-sauvo-/);
      expectStageHistory(moved, [...UP_TO_PLAN, 'TOTEUTUS']);
      expect(await d.knex('case_routings').where({ case_id: caseId }).orderBy('id').pluck('team_id')).to.deep.equal([
        'turku-keskusta',
        'kaarina-paimio-sauvo',
      ]);

      // and the next monitoring visit is the new team's
      await d.advanceClock(31);
      const visiting = await d.waitForTask(caseId, 'monitoring-review');
      expect(visiting.openTasks.find((t) => t.elementId === 'monitoring-review')?.candidateGroups).to.deep.equal([
        'tiimi-kaarina-paimio-sauvo',
      ]);

      // when the client can no longer be reached
      await d.clientLeaves(caseId, 'NOT_REACHED');

      // then the case closes with that reason
      const closed = await d.waitFor(caseId, 'the case to close', (v) => v.closedAt !== null);
      expect(closed).to.deep.include({ outcome: 'NOT_REACHED' });
      // the closed case still names its pair, released at the close
      expect(closed.pair?.releasedAt).to.be.a('string');
      expectStageHistory(closed, [...UP_TO_PLAN, 'TOTEUTUS']);
      expect(await d.instanceEnd(caseId)).to.equal('COMPLETED');
    } finally {
      await d.resetClock();
    }
  });

  it('should let the new team’s leads name the pair when none is free after a move within Varha, give them the task open since before the move, and add the responsible social worker a monitoring visit finds the need for, without re-pairing', async () => {
    // given a Turku case whose services are being started, no special need for support found so far, and every nurse of Kaarina's team on leave
    const d = driver();
    await d.knex('professionals').where({ team_id: 'kaarina-paimio-sauvo', role: 'NURSE' }).update({ absent_until: '2099-12-31' });
    try {
      const caseId = await d.openCase({ municipality: 'Turku' });
      await d.complete(caseId, 'screening-task', answers.screening(true));
      await d.complete(caseId, 'assessment-task', answers.assessment());
      await d.complete(caseId, 'plan-task', answers.plan('EI'));
      const starting = await d.waitForTask(caseId, 'implementation-followup');
      expect(starting.openTasks.find((t) => t.elementId === 'implementation-followup')?.candidateGroups).to.deep.equal([
        'tiimi-turku-keskusta',
      ]);

      // when the client moves to Kaarina, whose team has no free pair
      await d.clientMoves(caseId, 'Kaarina');

      // then the new team's health-side and social-side leads name the pair, as at the first pairing
      const naming = await d.waitFor(caseId, 'the naming tasks', (v) =>
        ['relocation-manual-nurse-task', 'relocation-manual-social-worker-task'].every((id) => v.openTasks.some((t) => t.elementId === id)),
      );
      expect(naming.team?.id).to.equal('kaarina-paimio-sauvo');
      const nurseNaming = await d.complete(caseId, 'relocation-manual-nurse-task', answers.manualNurse('p-kaarina-paimio-sauvo-sh2'));
      const socialNaming = await d.complete(
        caseId,
        'relocation-manual-social-worker-task',
        answers.manualSocialWorker('p-kaarina-paimio-sauvo-so2'),
      );
      expect(nurseNaming.candidateGroups).to.deep.equal(['tiimi-kaarina-paimio-sauvo-vetaja-terveys']);
      expect(socialNaming.candidateGroups).to.deep.equal(['tiimi-kaarina-paimio-sauvo-vetaja-sosiaali']);
      const moved = await d.waitFor(caseId, 'the named pair', (v) => v.pair?.nurse.id === 'p-kaarina-paimio-sauvo-sh2');
      expect(moved.pair).to.deep.include({ manual: true });
      expect(moved.pair?.socialWorker.id).to.equal('p-kaarina-paimio-sauvo-so2');
      expectStageHistory(moved, [...UP_TO_PLAN, 'TOTEUTUS']);

      // and the task open since before the move is the new team's and pair's
      const rerouted = await d.waitFor(caseId, 'the open task to move', (v) =>
        v.openTasks.some((t) => t.elementId === 'implementation-followup' && t.candidateGroups[0] === 'tiimi-kaarina-paimio-sauvo'),
      );
      expect(rerouted.openTasks.map((t) => [t.elementId, t.candidateGroups])).to.deep.equal([
        ['implementation-followup', ['tiimi-kaarina-paimio-sauvo']],
      ]);
      expect(await d.candidateUsers(caseId, 'implementation-followup')).to.have.members([
        'p-kaarina-paimio-sauvo-sh2',
        'p-kaarina-paimio-sauvo-so2',
      ]);
      expect(await d.variable(caseId, 'openTasksRerouted')).to.equal(1);
      await d.complete(caseId, 'implementation-followup', answers.implementation('P30D'));
      await d.waitForTimer(caseId, 'next-monitoring');

      // when the new pair's monitoring visit finds a special need for support and the team's sosiaalityöntekijä confirms it
      const loadOf = async (id: string) =>
        Number((await d.knex('professional_caseloads').where({ professional_id: id }).first())?.active_cases ?? 0);
      const before = await loadOf('p-kaarina-paimio-sauvo-st1');
      await d.advanceClock(31);
      await d.complete(caseId, 'monitoring-review', { ...answers.monitoring(true, 'P30D'), specialSupportNeedFound: true });
      const confirming = await d.complete(caseId, 'special-support-confirmation-task', answers.specialSupport(true));
      expect(confirming.candidateGroups).to.deep.equal(['tiimi-kaarina-paimio-sauvo-sosiaalityontekijat']);

      // then the sosiaalityöntekijä is added beside the same pair, counted in their caseload, and monitoring goes on
      await d.waitForTimer(caseId, 'next-monitoring');
      expect(await d.variable(caseId, 'responsibleSocialWorkerId')).to.equal('p-kaarina-paimio-sauvo-st1');
      expect(await d.knex('pair_assignments').where({ case_id: caseId }).count<{ count: string }[]>('* as count')).to.deep.equal([
        { count: '2' },
      ]);
      expect(await loadOf('p-kaarina-paimio-sauvo-st1')).to.equal(before + 1);
      const monitoring = await d.view(caseId);
      expect(monitoring.pair?.nurse.id).to.equal('p-kaarina-paimio-sauvo-sh2');
      expectStageHistory(monitoring, [...UP_TO_PLAN, 'TOTEUTUS']);

      // when the next visit ends the implementation, the question is not asked again (a responsible social worker is named)
      await d.advanceClock(31);
      await d.complete(caseId, 'monitoring-review', answers.monitoring(false));
      const evaluating = await d.waitForTask(caseId, 'evaluation-task');
      expect(evaluating.openTasks.map((t) => t.elementId)).to.deep.equal(['evaluation-task']);
      expectStageHistory(evaluating, [...UP_TO_PLAN, 'TOTEUTUS', 'LOPPUARVIOINTI']);

      // when the client withdraws, the responsible social worker's caseload drops with the pair's
      await d.clientLeaves(caseId, 'CLIENT_WITHDREW');
      const closed = await d.waitFor(caseId, 'the case to close', (v) => v.closedAt !== null);
      expectStageHistory(closed, [...UP_TO_PLAN, 'TOTEUTUS', 'LOPPUARVIOINTI']);
      expect(await loadOf('p-kaarina-paimio-sauvo-st1')).to.equal(before);
      expect(await d.instanceEnd(caseId)).to.equal('COMPLETED');
    } finally {
      await d.knex('professionals').where({ team_id: 'kaarina-paimio-sauvo', role: 'NURSE' }).update({ absent_until: null });
      await d.resetClock();
    }
  });
}
