import { expect } from 'chai';
import { answers } from '../../../kit/pathway/answers.js';
import type { PathwayDriver } from '../pathway-driver.js';
import { expectStageHistory } from '../stage-history.js';

/** A parent in substance services: the children's and loved ones' answers from the assessment into the plan (LSL 10 §, SHL 11 §). */
export function childrenAndLovedOnesPaths(driver: () => PathwayDriver): void {
  it('should carry a parent’s children and loved ones from the assessment into the plan, as enumerations', async () => {
    // given a case whose client has minor children
    const d = driver();
    const caseId = await d.openCase({ municipality: 'Turku' });
    await d.complete(caseId, 'screening-task', answers.screening(true));

    // when the assessment finds the children in need of support, considers a child welfare notice, and finds the loved ones in need
    await d.complete(caseId, 'assessment-task', answers.assessment('MINOR_CHILDREN'));
    const planning = await d.waitForTask(caseId, 'plan-task');

    // then the plan starts with those answers in the case's variables
    expectStageHistory(planning, ['TUEN_TARVE', 'TYOPARIN_MUODOSTUS', 'ARVIOINTI', 'SUUNNITELMA']);
    expect(await d.variable(caseId, 'minorChildren')).to.equal('YES');
    expect(await d.variable(caseId, 'childrenCareAndSupportNeed')).to.equal('SUPPORT_NEEDED');
    expect(await d.variable(caseId, 'childWelfareNotice')).to.equal('NOT_NEEDED');
    expect(await d.variable(caseId, 'lovedOnesSupportNeed')).to.equal('SUPPORT_NEEDED');

    // when the plan records the children's and the loved ones' support (the form refuses it otherwise: children-and-loved-ones.test.ts)
    await d.complete(caseId, 'plan-task', answers.plan('EI', false, 'MINOR_CHILDREN'));
    const implementing = await d.waitForTask(caseId, 'implementation-followup');

    // then
    expectStageHistory(implementing, ['TUEN_TARVE', 'TYOPARIN_MUODOSTUS', 'ARVIOINTI', 'SUUNNITELMA', 'TOTEUTUS']);
    expect(await d.variable(caseId, 'childrenSupportInPlan')).to.equal('INCLUDED');
    expect(await d.variable(caseId, 'lovedOnesSupportInPlan')).to.equal('INCLUDED');

    // when the client withdraws
    await d.clientLeaves(caseId, 'CLIENT_WITHDREW');

    // then
    await d.waitFor(caseId, 'the case to close', (v) => v.closedAt !== null);
    expect(await d.instanceEnd(caseId)).to.equal('COMPLETED');
  });
}
