import { ProcessInstanceKey } from '@camunda8/orchestration-cluster-api';
import { expect } from 'chai';
import {
  cancel,
  expectNoJob,
  expectProblem,
  getInstance,
  trail,
  useEngineSuite,
  userTasks,
  waitForJob,
  waitForUserTask,
} from './helpers.js';

describe('cancellation', () => {
  const t = useEngineSuite('terminate.bpmn');
  const { instances } = t;

  it('should terminate the instance with its active jobs and user tasks', async () => {
    // given
    const key = await instances.start('terminate');
    const slow = await waitForJob(t.client, 'term-slow', { processInstanceKey: key });
    const review = await waitForUserTask(t.client, key);
    const quick = await waitForJob(t.client, 'term-quick', { processInstanceKey: key, timeout: 1 });

    // when
    await cancel(t.client, key);

    // then
    const instance = await getInstance(t.client, key);
    expect(instance.state).to.equal('TERMINATED');
    expect(instance.endDate).to.be.a('string');
    expect((await trail(t.client, key)).sort()).to.deep.equal(
      ['start:COMPLETED', 'fork:COMPLETED', 'slow:TERMINATED', 'review:TERMINATED', 'quick:TERMINATED'].sort(),
    );
    await expectProblem(t.client.completeJob({ jobKey: slow.jobKey }), 404);
    await expectProblem(t.client.failJob({ jobKey: quick.jobKey, retries: 1 }), 404);
    await expectNoJob(t.client, 'term-quick');
    await expectProblem(t.client.completeUserTask({ userTaskKey: review.userTaskKey }), 404);
    await expectProblem(t.client.assignUserTask({ userTaskKey: review.userTaskKey, assignee: 'late' }), 404);
    expect((await userTasks(t.client, key)).map((u) => u.state)).to.deep.equal(['CANCELED']);
  });

  it('should answer 404 for an unknown process instance key', async () => {
    // when
    const problem = await expectProblem(
      t.client.cancelProcessInstance({ processInstanceKey: ProcessInstanceKey.assumeExists('2251799813999999') }),
      404,
    );

    // then
    expect(problem.title).to.equal('NOT_FOUND');
  });

  it('should answer 404 when an instance that already ended is cancelled', async () => {
    // given
    const key = await instances.start('terminate');
    await cancel(t.client, key);

    // when
    const problem = await expectProblem(cancel(t.client, key), 404);

    // then
    expect(problem.title).to.equal('NOT_FOUND');
    expect((await getInstance(t.client, key)).state).to.equal('TERMINATED');
  });
});
