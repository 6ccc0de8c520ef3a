import { expect } from 'chai';
import { nextMeeting } from '../../../src/domain/meetings.js';
import { getRegion } from '../../../src/store/org-repository.js';
import { answers } from '../../../kit/pathway/answers.js';
import type { PathwayDriver } from '../pathway-driver.js';
import { expectStageHistory } from '../stage-history.js';

const UP_TO_PLAN = ['TUEN_TARVE', 'TYOPARIN_MUODOSTUS', 'ARVIOINTI', 'SUUNNITELMA'];

/** A Turku case with a plan that needs no group, its services started (monitoring every 14 days). */
async function openCaseInImplementation(d: PathwayDriver): Promise<string> {
  const caseId = await d.openCase({ municipality: 'Turku' });
  await d.complete(caseId, 'screening-task', answers.screening(true));
  await d.complete(caseId, 'assessment-task', answers.assessment());
  await d.complete(caseId, 'plan-task', answers.plan('EI'));
  await d.complete(caseId, 'implementation-followup', answers.implementation('P14D'));
  return caseId;
}

/** Moves the clock to the next monitoring visit, which ends implementation, and waits for the evaluation. */
async function endImplementationAtEvaluation(d: PathwayDriver, caseId: string): Promise<void> {
  await d.waitForTimer(caseId, 'next-monitoring');
  await d.advanceClock(15);
  await d.complete(caseId, 'monitoring-review', answers.monitoring(false));
  await d.waitForTask(caseId, 'evaluation-task');
}

/** The paths through the regional working group, implementation, evaluation and closing. */
export function groupAndImplementationPaths(driver: () => PathwayDriver): void {
  it('should loop for more information, return a rejected case to the plan, and close it when the client withdraws during implementation', async () => {
    // given a case whose plan proposes institutional rehabilitation
    const d = driver();
    const caseId = await d.openCase({ municipality: 'Turku' });
    await d.complete(caseId, 'screening-task', answers.screening(true));
    await d.complete(caseId, 'assessment-task', answers.assessment());
    await d.complete(caseId, 'plan-task', answers.plan('LAITOSKUNTOUTUS'));

    // when the working group asks for more information, then does not recommend, and the official rejects
    const preparation = await d.complete(caseId, 'prepare-task', answers.groupPreparation());
    const firstHandling = await d.complete(caseId, 'group-task', answers.groupRecommendation('MORE_INFO'));
    await d.complete(caseId, 'prepare-task', answers.groupPreparation());
    const secondHandling = await d.complete(caseId, 'group-task', answers.groupRecommendation('NOT_RECOMMEND'));
    const decision = await d.complete(caseId, 'official-decision-task', answers.decision('REJECTED'));

    // then the group's tasks went to the team, the region's group on its meeting day, and the region's official
    expect(preparation).to.include({ processDefinitionId: 'tyoryhmakasittely' });
    expect(preparation.candidateGroups).to.deep.equal(['tiimi-turku-keskusta']);
    expect(firstHandling.candidateGroups).to.deep.equal(['tyoryhma-turun-seutu']);
    expect(firstHandling.dueDate).to.be.a('string');
    // and after the request for more information the group handled the case at its next meeting
    const { meetingCalendar } = (await getRegion(d.knex, 'turun-seutu'))!;
    const meetingAfterFirst = nextMeeting(meetingCalendar, new Date(Date.parse(firstHandling.dueDate!) + 1))!;
    expect(Date.parse(secondHandling.dueDate!)).to.equal(Date.parse(meetingAfterFirst.startsAt));
    expect(decision.candidateGroups).to.deep.equal(['viranhaltija-turun-seutu']);

    // and the case is back in the plan, with the appeal period running from the decision (hallintolaki 49 c §) and no service to arrange
    const replanning = await d.waitForTask(caseId, 'plan-task');
    expect(replanning.deadlines.map((x) => x.ruleId)).to.include('hallintolaki-oikaisuvaatimus-30-pv');
    expect(replanning.deadlines.map((x) => x.ruleId)).not.to.include('shl-45-toimeenpano-3-kk');
    expectStageHistory(replanning, [...UP_TO_PLAN, 'TYORYHMAKASITTELY', 'SUUNNITELMA']);
    expect(replanning.pair?.nurse).to.include({ id: 'p-turku-keskusta-sh1' });
    expect(replanning.pair?.socialWorker).to.include({ id: 'p-turku-keskusta-so1' });

    // when the new plan needs no group and the client withdraws as services start
    await d.complete(caseId, 'plan-task', answers.plan('EI'));
    await d.waitForTask(caseId, 'implementation-followup');
    await d.clientLeaves(caseId, 'CLIENT_WITHDREW');

    // then the case closes from TOTEUTUS
    const closed = await d.waitFor(caseId, 'the case to close', (v) => v.closedAt !== null);
    expect(closed).to.deep.include({ outcome: 'CLIENT_WITHDREW', openTasks: [] });
    // the closed case still names its pair, released at the close
    expect(closed.pair?.releasedAt).to.be.a('string');
    expectStageHistory(closed, [...UP_TO_PLAN, 'TYORYHMAKASITTELY', 'SUUNNITELMA', 'TOTEUTUS']);
    expect(await d.instanceEnd(caseId)).to.equal('COMPLETED');
  });

  it('should give the group’s recommendation of a health care service back to the pair, with no official decision', async () => {
    // given a demanding case the pair brings to the working group for detoxification, proposing no social service
    const d = driver();
    const caseId = await d.openCase({ municipality: 'Turku' });
    await d.complete(caseId, 'screening-task', answers.screening(true));
    await d.complete(caseId, 'assessment-task', answers.assessment());
    await d.complete(caseId, 'plan-task', answers.plan('EI', true));

    // when the group recommends katkaisuhoito, a health care service
    await d.complete(caseId, 'prepare-task', answers.groupPreparation('KATKAISUHOITO'));
    await d.complete(caseId, 'group-task', answers.groupRecommendation('RECOMMEND'));

    // then the case goes to implementation without the official's task, and no decision's deadlines start
    const implementing = await d.waitForTask(caseId, 'implementation-followup');
    expectStageHistory(implementing, [...UP_TO_PLAN, 'TYORYHMAKASITTELY', 'TOTEUTUS']);
    const ruleIds = implementing.deadlines.map((x) => x.ruleId);
    expect(ruleIds).not.to.include('hallintolaki-oikaisuvaatimus-30-pv');
    expect(ruleIds).not.to.include('shl-45-toimeenpano-3-kk');
    expect(await d.variable(caseId, 'decision')).to.equal(null);

    // when the client moves away
    await d.clientLeaves(caseId, 'MOVED_AWAY');

    // then
    await d.waitFor(caseId, 'the case to close', (v) => v.closedAt !== null);
    expect(await d.instanceEnd(caseId)).to.equal('COMPLETED');
  });

  it('should carry an approved case through team consultations and monitoring, revise its plan once and complete it', async () => {
    // given a client with a special need for support whose plan proposes a housing service
    const d = driver();
    try {
      const caseId = await d.openCase({ municipality: 'Kaarina', specialSupportNeed: true });
      await d.complete(caseId, 'screening-task', answers.screening(true, 'SOCIAL_TO_HEALTH', true));
      // a sosiaalityöntekijä of the team confirms the need the screening saw signs of (SHL 42 §)
      const confirming = await d.waitForTask(caseId, 'special-support-confirmation-task');
      expect(confirming.openTasks.find((t) => t.elementId === 'special-support-confirmation-task')?.candidateGroups).to.deep.equal([
        'tiimi-kaarina-paimio-sauvo-sosiaalityontekijat',
      ]);
      expectStageHistory(confirming, ['TUEN_TARVE', 'TYOPARIN_MUODOSTUS']);
      await d.complete(caseId, 'special-support-confirmation-task', answers.specialSupport(true));
      const assessing = await d.waitForTask(caseId, 'assessment-task');
      // the needs assessment's start deadline is met as it starts (SHL 36 §), with the assessment still open
      expect(assessing.deadlines.find((x) => x.ruleId === 'shl-36-arvioinnin-aloitus-tavoite')?.metAt).to.be.a('string');
      await d.complete(caseId, 'assessment-task', answers.assessment());
      await d.complete(caseId, 'plan-task', answers.plan('ASUMISPALVELU', true));

      // then the pair stays a nurse and a sosiaaliohjaaja, the team's sosiaalityöntekijä is added beside it as the
      // responsible omatyöntekijä (SHL 42 §), and the assessment met its deadline
      const assessmentStart = (await d.view(caseId)).deadlines.find((x) => x.ruleId === 'shl-36-arvioinnin-aloitus-tavoite')!;
      expect(assessmentStart.breachedAt).to.equal(null);
      expect(assessmentStart.metAt).to.be.a('string');
      expect(assessing.pair?.nurse).to.include({ id: 'p-kaarina-paimio-sauvo-sh1', role: 'NURSE' });
      expect(assessing.pair?.socialWorker).to.include({ id: 'p-kaarina-paimio-sauvo-so1', role: 'SOCIAL_COUNSELLOR' });
      expect(await d.variable(caseId, 'responsibleSocialWorkerId')).to.equal('p-kaarina-paimio-sauvo-st1');
      expect(await d.knex('responsible_social_workers').where({ case_id: caseId }).select('professional_id', 'manual')).to.deep.equal([
        { professional_id: 'p-kaarina-paimio-sauvo-st1', manual: false },
      ]);

      // when the group recommends and the official approves
      await d.complete(caseId, 'prepare-task', answers.groupPreparation());
      await d.complete(caseId, 'group-task', answers.groupRecommendation('RECOMMEND'));
      await d.complete(caseId, 'official-decision-task', answers.decision('APPROVED'));
      const implementing = await d.waitForTask(caseId, 'implementation-followup');
      // the granted housing service is to be arranged within SHL 45 §'s three months, and the appeal period runs
      expect(implementing.deadlines.map((x) => x.ruleId)).to.include.members([
        'hallintolaki-oikaisuvaatimus-30-pv',
        'shl-45-toimeenpano-3-kk',
      ]);
      // and met as implementation starts; the same-day care-need assessment was met by the joint assessment, which
      // started the care guarantee of the client's age band (born 1990: 23 or over)
      const deadline = (ruleId: string) => implementing.deadlines.find((x) => x.ruleId === ruleId);
      expect(deadline('shl-45-toimeenpano-3-kk')?.metAt).to.be.a('string');
      expect(deadline('tervhl-51-hoidon-tarpeen-arvio')?.metAt).to.be.a('string');
      expect(deadline('tervhl-51a-hoitotakuu-23-tayttaneet')).to.not.equal(undefined);
      expect(deadline('tervhl-51a-hoitotakuu-alle-23')).to.equal(undefined);
      await d.complete(caseId, 'implementation-followup', answers.implementation('P14D'));

      // and the pair asks the team twice: once the team wants the consultant, once not
      await d.waitFor(caseId, 'services started', (v) => v.openTasks.length === 0);
      await d.requestTeamHandling(caseId);
      const teamHandling = await d.complete(caseId, 'team-handling-task', answers.teamHandling(true));
      const consultation = await d.complete(caseId, 'psychiatry-consultation-task', answers.psychiatryConsultation());
      await d.waitFor(caseId, 'the first consultation to end', (v) => v.openTasks.length === 0);
      await d.requestTeamHandling(caseId);
      await d.complete(caseId, 'team-handling-task', answers.teamHandling(false));
      const consulted = await d.waitFor(caseId, 'the second consultation to end', (v) => v.openTasks.length === 0);

      // then the team met on its meeting day, the consultant's lead got the question, and implementation went on
      expect(teamHandling).to.include({ processDefinitionId: 'tiimikonsultaatio' });
      expect(teamHandling.candidateGroups).to.deep.equal(['tiimi-kaarina-paimio-sauvo']);
      expect(teamHandling.dueDate).to.be.a('string');
      expect(consultation.candidateGroups).to.deep.equal(['tiimi-kaarina-paimio-sauvo-vetaja']);
      expectStageHistory(consulted, [...UP_TO_PLAN, 'TYORYHMAKASITTELY', 'TOTEUTUS']);

      // when two monitoring visits fall due: the first goes on, the second ends implementation
      await d.advanceClock(15);
      await d.complete(caseId, 'monitoring-review', answers.monitoring(true, 'P14D'));
      await d.waitFor(caseId, 'the next monitoring timer', (v) => v.openTasks.length === 0);
      await d.advanceClock(15);
      await d.complete(caseId, 'monitoring-review', answers.monitoring(false));

      // then each visit started the 5-day records rule from its date (SERVICE_EVENT)
      const visited = await d.waitForTask(caseId, 'evaluation-task');
      expect(visited.deadlines.filter((x) => x.ruleId === 'potilasasiakirjat-5-vrk')).to.have.length(2);

      // and the evaluation revises the plan, which needs no group this time
      await d.complete(caseId, 'evaluation-task', answers.evaluation('REVISE_PLAN'));
      await d.complete(caseId, 'plan-task', answers.plan('EI'));
      await d.complete(caseId, 'implementation-followup', answers.implementation('P14D'));
      await d.waitFor(caseId, 'the monitoring timer', (v) => v.openTasks.length === 0);
      await d.advanceClock(15);
      await d.complete(caseId, 'monitoring-review', answers.monitoring(false));
      const evaluating = await d.waitForTask(caseId, 'evaluation-task');
      expectStageHistory(evaluating, [
        ...UP_TO_PLAN,
        'TYORYHMAKASITTELY',
        'TOTEUTUS',
        'LOPPUARVIOINTI',
        'SUUNNITELMA',
        'TOTEUTUS',
        'LOPPUARVIOINTI',
      ]);

      // and the second evaluation closes the case
      await d.complete(caseId, 'evaluation-task', answers.evaluation('CLOSE'));

      // then the pathway is completed through PAATTYMINEN
      const closed = await d.waitFor(caseId, 'the case to close', (v) => v.closedAt !== null);
      expect(closed).to.deep.include({ outcome: 'COMPLETED', openTasks: [] });
      // the closed case still names its pair, released at the close
      expect(closed.pair?.releasedAt).to.be.a('string');
      expectStageHistory(closed, [
        ...UP_TO_PLAN,
        'TYORYHMAKASITTELY',
        'TOTEUTUS',
        'LOPPUARVIOINTI',
        'SUUNNITELMA',
        'TOTEUTUS',
        'LOPPUARVIOINTI',
        'PAATTYMINEN',
      ]);

      // when the agreed time after the close has passed, the team contacts the client once more
      await d.waitForTimer(caseId, 'follow-up-due');
      await d.advanceClock(91);
      const followUp = await d.complete(caseId, 'follow-up-contact-task', answers.followUp('DOING_WELL'));

      // then the pathway ends with the follow-up contact, the case as it closed
      expect(followUp.candidateGroups).to.deep.equal(['tiimi-kaarina-paimio-sauvo']);
      expect(await d.instanceEnd(caseId)).to.equal('COMPLETED');
      expect((await d.view(caseId)).outcome).to.equal('COMPLETED');
    } finally {
      await d.resetClock();
    }
  });

  it('should bring a case to the consultant at once in the assessment, and back to the plan when the team says so in implementation', async () => {
    // given a case in its assessment
    const d = driver();
    const caseId = await d.openCase({ municipality: 'Turku' });
    await d.complete(caseId, 'screening-task', answers.screening(true));
    await d.waitForTask(caseId, 'assessment-task');

    // when the pair asks for the team in a sudden situation and the consultant recommends a referral
    await d.requestTeamHandling(caseId, true);
    const consultation = await d.complete(caseId, 'psychiatry-consultation-task', answers.urgentConsultation(true));
    const referral = await d.complete(caseId, 'specialist-referral-task', answers.specialistReferral());

    // then the consultant's lead had it with no team meeting, the pair the referral, and the assessment went on
    expect(consultation.candidateGroups).to.deep.equal(['tiimi-turku-keskusta-vetaja']);
    expect(referral.candidateGroups).to.deep.equal(['tiimi-turku-keskusta']);
    const assessing = await d.waitFor(
      caseId,
      'only the assessment open',
      (v) => v.openTasks.map((t) => t.elementId).join() === 'assessment-task',
    );
    expectStageHistory(assessing, ['TUEN_TARVE', 'TYOPARIN_MUODOSTUS', 'ARVIOINTI']);

    // when services start and the team, at its meeting, recommends revising the plan
    await d.complete(caseId, 'assessment-task', answers.assessment());
    await d.complete(caseId, 'plan-task', answers.plan('EI'));
    await d.complete(caseId, 'implementation-followup', answers.implementation('P14D'));
    await d.waitFor(caseId, 'services started', (v) => v.openTasks.length === 0);
    await d.requestTeamHandling(caseId);
    await d.complete(caseId, 'team-handling-task', answers.teamHandling(false, 'REVISE_PLAN'));

    // then implementation stops and the case is back in the plan
    const replanning = await d.waitForTask(caseId, 'plan-task');
    expectStageHistory(replanning, [...UP_TO_PLAN, 'TOTEUTUS', 'SUUNNITELMA']);
    await d.clientLeaves(caseId, 'CLIENT_WITHDREW');
    const closed = await d.waitFor(caseId, 'the case to close', (v) => v.closedAt !== null);
    expectStageHistory(closed, [...UP_TO_PLAN, 'TOTEUTUS', 'SUUNNITELMA']);
    expect(await d.instanceEnd(caseId)).to.equal('COMPLETED');
  });

  it('should take a case from its evaluation to the working group when the team refers it', async () => {
    // given a case whose implementation has ended
    const d = driver();
    try {
      const caseId = await openCaseInImplementation(d);
      await endImplementationAtEvaluation(d, caseId);

      // when the team refers it to the regional working group
      await d.requestTeamHandling(caseId);
      await d.complete(caseId, 'team-handling-task', answers.teamHandling(false, 'REFER_TO_GROUP'));

      // then the evaluation stops and the group's preparation opens
      const preparing = await d.waitForTask(caseId, 'prepare-task');
      expect(preparing.openTasks.map((t) => t.elementId)).to.deep.equal(['prepare-task']);
      expectStageHistory(preparing, [...UP_TO_PLAN, 'TOTEUTUS', 'LOPPUARVIOINTI', 'TYORYHMAKASITTELY']);
      await d.clientLeaves(caseId, 'MOVED_AWAY');
      const closed = await d.waitFor(caseId, 'the case to close', (v) => v.closedAt !== null);
      expectStageHistory(closed, [...UP_TO_PLAN, 'TOTEUTUS', 'LOPPUARVIOINTI', 'TYORYHMAKASITTELY']);
      expect(await d.instanceEnd(caseId)).to.equal('COMPLETED');
    } finally {
      await d.resetClock();
    }
  });

  it('should take a case from implementation to the working group, and from its evaluation back to the plan, as the team recommends', async () => {
    // given a case in implementation
    const d = driver();
    try {
      const caseId = await openCaseInImplementation(d);
      await d.waitFor(caseId, 'services started', (v) => v.openTasks.length === 0);

      // when the team refers it to the working group, which recommends, and the official approves
      await d.requestTeamHandling(caseId);
      await d.complete(caseId, 'team-handling-task', answers.teamHandling(false, 'REFER_TO_GROUP'));
      await d.complete(caseId, 'prepare-task', answers.groupPreparation('LAITOSKUNTOUTUS'));
      await d.complete(caseId, 'group-task', answers.groupRecommendation('RECOMMEND'));
      await d.complete(caseId, 'official-decision-task', answers.decision('APPROVED'));

      // and implementation ends, and at the evaluation the team recommends revising the plan
      await d.complete(caseId, 'implementation-followup', answers.implementation('P14D'));
      await endImplementationAtEvaluation(d, caseId);
      await d.requestTeamHandling(caseId);
      await d.complete(caseId, 'team-handling-task', answers.teamHandling(false, 'REVISE_PLAN'));

      // then the case is back in the plan, through the group
      const replanning = await d.waitForTask(caseId, 'plan-task');
      expect(replanning.openTasks.map((t) => t.elementId)).to.deep.equal(['plan-task']);
      const stages = [...UP_TO_PLAN, 'TOTEUTUS', 'TYORYHMAKASITTELY', 'TOTEUTUS', 'LOPPUARVIOINTI', 'SUUNNITELMA'];
      expectStageHistory(replanning, stages);
      await d.clientLeaves(caseId, 'CLIENT_WITHDREW');
      const closed = await d.waitFor(caseId, 'the case to close', (v) => v.closedAt !== null);
      expectStageHistory(closed, stages);
      expect(await d.instanceEnd(caseId)).to.equal('COMPLETED');
    } finally {
      await d.resetClock();
    }
  });
}
