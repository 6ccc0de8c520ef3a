import { ProcessDefinitionId } from '@camunda8/orchestration-cluster-api';
import { expect } from 'chai';
import {
  cancel,
  expectProblem,
  getInstance,
  MINUTE,
  NOW,
  pin,
  trail,
  useEngineSuite,
  variables,
  waitForJob,
  waitForState,
} from './helpers.js';

describe('messages', () => {
  const t = useEngineSuite('msg-catch.bpmn', 'msg-start.bpmn');
  const { instances } = t;

  it('should correlate to the instance waiting with the same correlation key only', async () => {
    // given
    const a = await instances.start('msg-catch', { ticket: 'key-A' });
    const b = await instances.start('msg-catch', { ticket: 'key-B' });

    // when
    await t.client.publishMessage({ name: 'msg-reply', correlationKey: 'key-B', timeToLive: 0, variables: { answer: 'for B' } });

    // then
    await waitForState(t.client, b, 'COMPLETED');
    expect(await variables(t.client, b)).to.deep.equal({ ticket: 'key-B', answer: 'for B' });
    expect(await trail(t.client, a)).to.deep.equal(['start:COMPLETED', 'reply:ACTIVE']);
    expect(await variables(t.client, a)).to.deep.equal({ ticket: 'key-A' });
  });

  it('should buffer a message published before the subscription opens and correlate it when the instance arrives', async () => {
    // given
    await t.client.publishMessage({
      name: 'msg-reply',
      correlationKey: 'key-early',
      timeToLive: 10 * MINUTE,
      variables: { answer: 'early' },
    });

    // when
    const key = await instances.start('msg-catch', { ticket: 'key-early' });

    // then
    await waitForState(t.client, key, 'COMPLETED');
    expect(await variables(t.client, key)).to.include({ answer: 'early' });
  });

  it('should not buffer a message published with a time to live of zero', async () => {
    // given
    await t.client.publishMessage({ name: 'msg-reply', correlationKey: 'key-gone', timeToLive: 0, variables: { answer: 'lost' } });

    // when
    const key = await instances.start('msg-catch', { ticket: 'key-gone' });

    // then
    expect(await trail(t.client, key)).to.deep.equal(['start:COMPLETED', 'reply:ACTIVE']);
    expect(await variables(t.client, key)).to.deep.equal({ ticket: 'key-gone' });
  });

  it('should reject a second message with the same messageId while the first is buffered with 409', async () => {
    // given
    await t.client.publishMessage({
      name: 'msg-reply',
      correlationKey: 'key-dup',
      messageId: 'message-1',
      timeToLive: 10 * MINUTE,
      variables: { n: 1 },
    });

    // when
    const problem = await expectProblem(
      t.client.publishMessage({
        name: 'msg-reply',
        correlationKey: 'key-dup',
        messageId: 'message-1',
        timeToLive: 10 * MINUTE,
        variables: { n: 2 },
      }),
      409,
    );

    // then
    expect(problem.title).to.equal('ALREADY_EXISTS');
    const key = await instances.start('msg-catch', { ticket: 'key-dup' });
    await waitForState(t.client, key, 'COMPLETED');
    expect(await variables(t.client, key)).to.include({ n: 1 });
  });

  it('should answer the correlated process instance from correlateMessage, and 404 when nothing waits', async () => {
    // given
    const key = await instances.start('msg-catch', { ticket: 'key-correlate' });

    // when
    const correlated = await t.client.correlateMessage({
      name: 'msg-reply',
      correlationKey: 'key-correlate',
      variables: { via: 'correlate' },
    });
    const problem = await expectProblem(t.client.correlateMessage({ name: 'msg-reply', correlationKey: 'key-nobody' }), 404);

    // then
    expect(correlated.processInstanceKey).to.equal(key);
    expect(correlated.messageKey).to.match(/^\d+$/);
    expect(problem.title).to.equal('NOT_FOUND');
    await waitForState(t.client, key, 'COMPLETED');
    expect(await variables(t.client, key)).to.include({ via: 'correlate' });
  });

  it('should correlate one published message to only one instance of a process', async () => {
    // given
    const first = await instances.start('msg-catch', { ticket: 'key-shared' });
    const second = await instances.start('msg-catch', { ticket: 'key-shared' });

    // when
    await t.client.publishMessage({ name: 'msg-reply', correlationKey: 'key-shared', timeToLive: 10 * MINUTE });

    // then
    const states = [(await getInstance(t.client, first)).state, (await getInstance(t.client, second)).state];
    expect(states).to.deep.equal(['COMPLETED', 'ACTIVE']);

    // when: a later instance of the same process arrives while the message is still buffered
    const third = await instances.start('msg-catch', { ticket: 'key-shared' });

    // then
    expect(await trail(t.client, third)).to.deep.equal(['start:COMPLETED', 'reply:ACTIVE']);
    expect((await getInstance(t.client, second)).state).to.equal('ACTIVE');
  });

  it('should start an instance from a message start event with the message variables', async () => {
    // when
    const correlated = await t.client.correlateMessage({ name: 'msg-order-placed', correlationKey: '', variables: { orderNo: 5 } });
    instances.track(correlated.processInstanceKey);

    // then
    const instance = await getInstance(t.client, correlated.processInstanceKey);
    expect(instance).to.include({ processDefinitionId: 'msg-start', state: 'ACTIVE' });
    const job = await waitForJob(t.client, 'msg-handle-order', { processInstanceKey: correlated.processInstanceKey });
    expect(job.variables).to.deep.equal({ orderNo: 5 });
    expect(await trail(t.client, correlated.processInstanceKey)).to.deep.equal(['orderPlaced:COMPLETED', 'handleOrder:ACTIVE']);
  });

  it('should start one instance per published message start message', async () => {
    // given
    const search = () =>
      t.client.searchProcessInstances({ filter: { processDefinitionId: ProcessDefinitionId.assumeExists('msg-start') } }, NOW);
    const before = (await search()).items.length;

    // when
    await t.client.publishMessage({ name: 'msg-order-placed', correlationKey: 'order-1', variables: { orderNo: 1 } });
    await t.client.publishMessage({ name: 'msg-order-placed', correlationKey: 'order-2', variables: { orderNo: 2 } });

    // then
    const after = (await search()).items;
    for (const i of after) instances.track(i.processInstanceKey);
    expect(after.length - before).to.equal(2);
  });

  // Zeebe: "If an instance of this process is active and it was triggered by a message with the same
  // correlationKey, the message is not correlated and no new instance is created. When the active process
  // instance is completed or terminated and a message with the same correlationKey and a matching message
  // name is buffered, this message is correlated and a new instance is created." (BPMN message events).
  it('should not start a second instance for a correlation key whose message-started instance is still active, but start it from the buffer once that instance ends', async () => {
    // given
    const first = await t.client.correlateMessage({ name: 'msg-order-placed', correlationKey: 'order-unique', variables: { attempt: 1 } });
    instances.track(first.processInstanceKey);
    const firstJob = await waitForJob(t.client, 'msg-handle-order', { processInstanceKey: first.processInstanceKey });
    const search = () =>
      t.client
        .searchProcessInstances({ filter: { processDefinitionId: ProcessDefinitionId.assumeExists('msg-start') } }, NOW)
        .then((r) => r.items);
    const before = (await search()).length;

    // when
    await t.client.publishMessage({
      name: 'msg-order-placed',
      correlationKey: 'order-unique',
      timeToLive: 10 * MINUTE,
      variables: { attempt: 2 },
    });

    // then
    expect((await search()).length, 'no second instance while the first is active').to.equal(before);

    // when
    await t.client.completeJob({ jobKey: firstJob.jobKey });
    await waitForState(t.client, first.processInstanceKey, 'COMPLETED');

    // then
    const second = await waitForJob(t.client, 'msg-handle-order');
    instances.track(second.processInstanceKey);
    expect(second.processInstanceKey).to.not.equal(first.processInstanceKey);
    expect(second.variables).to.deep.equal({ attempt: 2 });
  });

  it("should start the buffered message's instance when the instance holding its correlation key is cancelled", async () => {
    // given
    const first = await t.client.correlateMessage({
      name: 'msg-order-placed',
      correlationKey: 'order-cancelled',
      variables: { attempt: 1 },
    });
    instances.track(first.processInstanceKey);
    await t.client.publishMessage({
      name: 'msg-order-placed',
      correlationKey: 'order-cancelled',
      timeToLive: 10 * MINUTE,
      variables: { attempt: 2 },
    });
    const byKey = () =>
      t.client.searchProcessInstances({ filter: { processDefinitionId: ProcessDefinitionId.assumeExists('msg-start') } }, NOW);
    const before = (await byKey()).items.map((i) => i.processInstanceKey);

    // when
    await cancel(t.client, first.processInstanceKey);

    // then
    const started = (await byKey()).items.filter((i) => !before.includes(i.processInstanceKey));
    for (const i of started) instances.track(i.processInstanceKey);
    expect(started.map((i) => i.state)).to.deep.equal(['ACTIVE']);
    expect(await variables(t.client, started[0].processInstanceKey)).to.deep.equal({ attempt: 2 });
  });

  it('should start an instance for every message with an empty correlation key, active instances or not', async () => {
    // given
    const first = await t.client.correlateMessage({ name: 'msg-order-placed', correlationKey: '', variables: { attempt: 1 } });
    instances.track(first.processInstanceKey);

    // when
    const second = await t.client.correlateMessage({ name: 'msg-order-placed', correlationKey: '', variables: { attempt: 2 } });
    instances.track(second.processInstanceKey);

    // then
    expect(second.processInstanceKey).to.not.equal(first.processInstanceKey);
    expect((await getInstance(t.client, first.processInstanceKey)).state).to.equal('ACTIVE');
    expect((await getInstance(t.client, second.processInstanceKey)).state).to.equal('ACTIVE');
  });

  it('should drop a buffered message once its time to live has passed', async () => {
    // given
    const t0 = Date.now();
    await pin(t.client, t0);
    await t.client.publishMessage({
      name: 'msg-reply',
      correlationKey: 'key-expiring',
      timeToLive: MINUTE,
      variables: { answer: 'too late' },
    });

    // when
    await pin(t.client, t0 + 2 * MINUTE);
    const key = await instances.start('msg-catch', { ticket: 'key-expiring' });

    // then
    expect(await trail(t.client, key)).to.deep.equal(['start:COMPLETED', 'reply:ACTIVE']);
    expect(await variables(t.client, key)).to.deep.equal({ ticket: 'key-expiring' });
  });
});
