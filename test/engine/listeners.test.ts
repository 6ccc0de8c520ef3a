import { expect } from 'chai';
import { activeElements, expectNoJob, incidents, trail, useEngineSuite, waitForJob, waitForState } from './helpers.js';

describe('execution listeners', () => {
  const t = useEngineSuite('listeners.bpmn');
  const { instances } = t;

  it('should run the start listener, then the service task job, then the end listener, in that order', async () => {
    // given
    const key = await instances.start('listeners', { orderId: 7 });

    // when: the start listener job comes first, and the element's own job waits for it
    const startListener = await waitForJob(t.client, 'lst-start', { processInstanceKey: key });
    await expectNoJob(t.client, 'lst-work');
    await t.client.completeJob({ jobKey: startListener.jobKey, variables: { fromStartListener: 'yes' } });
    const work = await waitForJob(t.client, 'lst-work', { processInstanceKey: key });
    await expectNoJob(t.client, 'lst-end');
    await t.client.completeJob({ jobKey: work.jobKey, variables: { worked: true } });
    const endListener = await waitForJob(t.client, 'lst-end', { processInstanceKey: key });

    // then
    expect(startListener).to.include({ kind: 'EXECUTION_LISTENER', listenerEventType: 'START', elementId: 'work' });
    expect(work).to.include({ kind: 'BPMN_ELEMENT', listenerEventType: 'UNSPECIFIED', elementId: 'work' });
    expect(endListener).to.include({ kind: 'EXECUTION_LISTENER', listenerEventType: 'END', elementId: 'work' });
    expect(work.variables).to.include({ orderId: 7, fromStartListener: 'yes' });
    expect(endListener.variables).to.include({ worked: true });
    expect(BigInt(startListener.jobKey) < BigInt(work.jobKey) && BigInt(work.jobKey) < BigInt(endListener.jobKey)).to.equal(true);
  });

  it('should keep the element active until its end listener job completes', async () => {
    // given
    const key = await instances.start('listeners');
    await t.client.completeJob({ jobKey: (await waitForJob(t.client, 'lst-start', { processInstanceKey: key })).jobKey });
    await t.client.completeJob({ jobKey: (await waitForJob(t.client, 'lst-work', { processInstanceKey: key })).jobKey });
    const endListener = await waitForJob(t.client, 'lst-end', { processInstanceKey: key });

    // when: nothing but waiting
    const before = await activeElements(t.client, key);

    // then
    expect(before).to.deep.equal(['work']);
    await expectNoJob(t.client, 'lst-sub-start');

    // when
    await t.client.completeJob({ jobKey: endListener.jobKey });

    // then
    await waitForJob(t.client, 'lst-sub-start', { processInstanceKey: key });
    expect(await trail(t.client, key)).to.deep.equal(['start:COMPLETED', 'work:COMPLETED', 'sub:ACTIVE']);
  });

  it('should run a subprocess start listener before its content and its end listener after it', async () => {
    // given
    const key = await instances.start('listeners');
    for (const type of ['lst-start', 'lst-work', 'lst-end']) {
      await t.client.completeJob({ jobKey: (await waitForJob(t.client, type, { processInstanceKey: key })).jobKey });
    }

    // when
    const subStart = await waitForJob(t.client, 'lst-sub-start', { processInstanceKey: key });
    await expectNoJob(t.client, 'lst-inner');
    await t.client.completeJob({ jobKey: subStart.jobKey, variables: { subStarted: true } });
    const inner = await waitForJob(t.client, 'lst-inner', { processInstanceKey: key });
    await t.client.completeJob({ jobKey: inner.jobKey });
    const subEnd = await waitForJob(t.client, 'lst-sub-end', { processInstanceKey: key });
    const whileEnding = await activeElements(t.client, key);
    await t.client.completeJob({ jobKey: subEnd.jobKey });

    // then
    expect(subStart).to.include({ kind: 'EXECUTION_LISTENER', listenerEventType: 'START', elementId: 'sub' });
    expect(inner.variables).to.include({ subStarted: true });
    expect(subEnd).to.include({ kind: 'EXECUTION_LISTENER', listenerEventType: 'END', elementId: 'sub' });
    expect(whileEnding).to.deep.equal(['sub']);
    await waitForState(t.client, key, 'COMPLETED');
    expect(await trail(t.client, key)).to.deep.equal([
      'start:COMPLETED',
      'work:COMPLETED',
      'sub:COMPLETED',
      'subStart:COMPLETED',
      'inner:COMPLETED',
      'subEnd:COMPLETED',
      'end:COMPLETED',
    ]);
  });

  it('should raise an EXECUTION_LISTENER_NO_RETRIES incident when a listener job fails without retries, and retry it once resolved', async () => {
    // given
    const key = await instances.start('listeners');
    const listener = await waitForJob(t.client, 'lst-start', { processInstanceKey: key });

    // when
    await t.client.failJob({ jobKey: listener.jobKey, retries: 0, errorMessage: 'listener broke' });

    // then
    const [incident] = await incidents(t.client, key);
    expect(incident).to.include({
      errorType: 'EXECUTION_LISTENER_NO_RETRIES',
      elementId: 'work',
      jobKey: listener.jobKey,
      state: 'ACTIVE',
    });
    await expectNoJob(t.client, 'lst-work');

    // when
    await t.client.updateJob({ jobKey: listener.jobKey, changeset: { retries: 2 } });
    await t.client.resolveIncident({ incidentKey: incident.incidentKey });

    // then
    const again = await waitForJob(t.client, 'lst-start', { processInstanceKey: key });
    expect(again.jobKey).to.equal(listener.jobKey);
    await t.client.completeJob({ jobKey: again.jobKey });
    await waitForJob(t.client, 'lst-work', { processInstanceKey: key });
  });
});
