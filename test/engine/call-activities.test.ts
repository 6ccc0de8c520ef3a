import { expect } from 'chai';
import {
  cancel,
  elementInstances,
  expectProblem,
  getInstance,
  MINUTE,
  pin,
  trail,
  useEngineSuite,
  variables,
  waitForChild,
  waitForJob,
  waitForState,
} from './helpers.js';

describe('call activities', () => {
  const t = useEngineSuite('call-child.bpmn', 'call-parent.bpmn', 'call-parent-mapped.bpmn', 'call-parent-timer.bpmn');
  const { instances } = t;

  it('should start the called process as a child with the parent variables and pass all child variables back', async () => {
    // given
    const key = await instances.start('call-parent', { customer: 'c-1' });

    // when
    const child = await waitForChild(t.client, key);
    const childJob = await waitForJob(t.client, 'call-child-task', { processInstanceKey: child.processInstanceKey });
    await t.client.completeJob({ jobKey: childJob.jobKey, variables: { childOut: 'done' } });

    // then
    const callActivity = (await elementInstances(t.client, key)).find((e) => e.elementId === 'callChild')!;
    expect(child).to.include({
      processDefinitionId: 'call-child',
      parentProcessInstanceKey: key,
      parentElementInstanceKey: callActivity.elementInstanceKey,
    });
    expect(child.rootProcessInstanceKey).to.equal(key);
    expect(childJob.variables).to.deep.equal({ customer: 'c-1' });
    const after = await waitForJob(t.client, 'call-after', { processInstanceKey: key });
    expect(after.variables).to.deep.equal({ customer: 'c-1', childOut: 'done' });
    expect((await getInstance(t.client, child.processInstanceKey)).state).to.equal('COMPLETED');
    expect(await trail(t.client, key)).to.deep.equal(['start:COMPLETED', 'callChild:COMPLETED', 'afterCall:ACTIVE']);
  });

  it('should pass back only the output mappings when propagateAllChildVariables is false', async () => {
    // given
    const key = await instances.start('call-parent-mapped', { childProcessId: 'call-child' });
    const child = await waitForChild(t.client, key);

    // when
    const childJob = await waitForJob(t.client, 'call-child-task', { processInstanceKey: child.processInstanceKey });
    await t.client.completeJob({ jobKey: childJob.jobKey, variables: { result: 42, secret: 'stays in the child' } });

    // then
    const after = await waitForJob(t.client, 'call-after-mapped', { processInstanceKey: key });
    expect(after.variables).to.deep.equal({ childProcessId: 'call-child', childResult: 42 });
    expect(await variables(t.client, key)).to.deep.equal({ childProcessId: 'call-child', childResult: 42 });
    expect(await variables(t.client, child.processInstanceKey)).to.include({ result: 42, secret: 'stays in the child' });
  });

  it('should cancel the child when the parent is cancelled', async () => {
    // given
    const key = await instances.start('call-parent');
    const child = await waitForChild(t.client, key);
    const childJob = await waitForJob(t.client, 'call-child-task', { processInstanceKey: child.processInstanceKey });

    // when
    await cancel(t.client, key);

    // then
    expect((await getInstance(t.client, key)).state).to.equal('TERMINATED');
    expect((await getInstance(t.client, child.processInstanceKey)).state).to.equal('TERMINATED');
    expect(await trail(t.client, child.processInstanceKey)).to.deep.equal(['start:COMPLETED', 'childTask:TERMINATED']);
    await expectProblem(t.client.completeJob({ jobKey: childJob.jobKey }), 404);
  });

  it('should refuse to cancel a child instance directly with 409', async () => {
    // given
    const key = await instances.start('call-parent');
    const child = await waitForChild(t.client, key);

    // when
    const problem = await expectProblem(cancel(t.client, child.processInstanceKey), 409);

    // then
    expect(problem.detail).to.contain(key);
    expect((await getInstance(t.client, child.processInstanceKey)).state).to.equal('ACTIVE');
    expect((await getInstance(t.client, key)).state).to.equal('ACTIVE');
  });

  it('should terminate the child when an interrupting timer boundary on the call activity fires', async () => {
    // given
    const t0 = Date.now();
    await pin(t.client, t0);
    const key = await instances.start('call-parent-timer');
    const child = await waitForChild(t.client, key);
    await waitForJob(t.client, 'call-child-task', { processInstanceKey: child.processInstanceKey });

    // when
    await pin(t.client, t0 + 31 * MINUTE);

    // then
    await waitForJob(t.client, 'call-timed-out', { processInstanceKey: key });
    await waitForState(t.client, child.processInstanceKey, 'TERMINATED');
    expect(await trail(t.client, key)).to.deep.equal(['start:COMPLETED', 'callSlow:TERMINATED', 'deadline:COMPLETED', 'timedOut:ACTIVE']);
    expect(await trail(t.client, child.processInstanceKey)).to.deep.equal(['start:COMPLETED', 'childTask:TERMINATED']);
  });
});
