import { expect } from 'chai';
import { expectProblem, getInstance, trail, useEngineSuite, userTasks, waitForJob, waitForState, waitForUserTask } from './helpers.js';

describe('terminate end event', () => {
  const t = useEngineSuite('terminate.bpmn', 'terminate-subprocess.bpmn');
  const { instances } = t;

  it('should end every parallel branch and complete the instance', async () => {
    // given
    const key = await instances.start('terminate');
    const slow = await waitForJob(t.client, 'term-slow', { processInstanceKey: key });
    const review = await waitForUserTask(t.client, key);
    const quick = await waitForJob(t.client, 'term-quick', { processInstanceKey: key });

    // when
    await t.client.completeJob({ jobKey: quick.jobKey });

    // then
    const instance = await waitForState(t.client, key, 'COMPLETED');
    expect(instance.endDate).to.be.a('string');
    expect((await trail(t.client, key)).sort()).to.deep.equal(
      ['start:COMPLETED', 'fork:COMPLETED', 'slow:TERMINATED', 'review:TERMINATED', 'quick:COMPLETED', 'stopAll:COMPLETED'].sort(),
    );
    await expectProblem(t.client.completeJob({ jobKey: slow.jobKey }), 404);
    const [task] = await userTasks(t.client, key);
    expect(task.userTaskKey).to.equal(review.userTaskKey);
    expect(task.state).to.equal('CANCELED');
    await expectProblem(t.client.completeUserTask({ userTaskKey: review.userTaskKey }), 404);
  });

  it('should end only its own subprocess when reached inside one, and continue after the subprocess', async () => {
    // given
    const key = await instances.start('terminate-subprocess');
    const slow = await waitForJob(t.client, 'term-inner-slow', { processInstanceKey: key });
    const quick = await waitForJob(t.client, 'term-inner-quick', { processInstanceKey: key });

    // when
    await t.client.completeJob({ jobKey: quick.jobKey });

    // then
    await waitForJob(t.client, 'term-after-inner', { processInstanceKey: key });
    expect((await getInstance(t.client, key)).state).to.equal('ACTIVE');
    expect((await trail(t.client, key)).sort()).to.deep.equal(
      [
        'start:COMPLETED',
        'inner:COMPLETED',
        'innerStart:COMPLETED',
        'innerFork:COMPLETED',
        'innerSlow:TERMINATED',
        'innerQuick:COMPLETED',
        'innerStop:COMPLETED',
        'afterInner:ACTIVE',
      ].sort(),
    );
    await expectProblem(t.client.completeJob({ jobKey: slow.jobKey }), 404);
  });
});
