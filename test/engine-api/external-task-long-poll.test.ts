import { expect } from 'chai';
import { completeNext, useEngineSuite } from '../engine/helpers.js';
import { fetchTopic, post, WORKER, type LockedTask } from './external-task-kit.js';

describe('/engine-rest fetchAndLock long polling', () => {
  const t = useEngineSuite('jobs.bpmn', 'error-boundary.bpmn');

  it('should answer a waiting fetchAndLock with the task a commit created for its topic', async () => {
    // given a poll waiting for the second job, which no instance has yet
    const key = await t.instances.start('jobs');
    const waiting = fetchTopic(t, { topicName: 'jobs-second' }, { asyncResponseTimeout: 30_000 });

    // when
    await completeNext(t.client, 'jobs-first', {}, key);

    // then
    const tasks = await waiting;
    expect(tasks.map((task) => [task.topicName, task.processInstanceId])).to.deep.equal([['jobs-second', key]]);
  });

  it('should wait on every topic of the request and answer with the first that has work', async () => {
    // given
    const waiting = post(t, '/external-task/fetchAndLock', {
      workerId: WORKER,
      maxTasks: 5,
      asyncResponseTimeout: 30_000,
      topics: [
        { topicName: 'err-charge', lockDuration: 60_000 },
        { topicName: 'jobs-first', lockDuration: 60_000 },
      ],
    });

    // when
    const key = await t.instances.start('jobs');

    // then
    const answer = await waiting;
    expect(answer.status).to.equal(200);
    expect((answer.body as unknown as LockedTask[]).map((task) => [task.topicName, task.processInstanceId])).to.deep.equal([
      ['jobs-first', key],
    ]);
  });

  it('should answer an empty list when nothing came within asyncResponseTimeout', async () => {
    // when
    const tasks = await fetchTopic(t, { topicName: 'jobs-second' }, { asyncResponseTimeout: 100 });

    // then
    expect(tasks).to.deep.equal([]);
  });

  it("should lock only a topic's processes when it names processDefinitionKey", async () => {
    // given
    const key = await t.instances.start('jobs');

    // when
    const ofOther = await fetchTopic(t, { topicName: 'jobs-first', processDefinitionKey: 'error-boundary' });
    const ofJobs = await fetchTopic(t, { topicName: 'jobs-first', processDefinitionKeyIn: ['error-boundary', 'jobs'] });

    // then
    expect(ofOther).to.deep.equal([]);
    expect(ofJobs.map((task) => task.processInstanceId)).to.deep.equal([key]);
  });

  it('should lock at most maxTasks over all topics', async () => {
    // given
    await t.instances.start('jobs');
    await t.instances.start('jobs');
    await t.instances.start('error-boundary');

    // when
    const answer = await post(t, '/external-task/fetchAndLock', {
      workerId: WORKER,
      maxTasks: 2,
      topics: [
        { topicName: 'err-charge', lockDuration: 60_000 },
        { topicName: 'jobs-first', lockDuration: 60_000 },
      ],
    });
    const rest = await fetchTopic(t, { topicName: 'jobs-first' });

    // then
    expect((answer.body as unknown as LockedTask[]).map((task) => task.topicName)).to.deep.equal(['err-charge', 'jobs-first']);
    expect(rest).to.have.length(1);
  });
});
