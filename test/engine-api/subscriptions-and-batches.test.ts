import { BatchOperationKey, ProcessDefinitionKey, ProcessInstanceKey } from '@camunda8/orchestration-cluster-api';
import { expect } from 'chai';
import { deployText, expectProblem, getInstance, NOW, raw, useEngineSuite, waitForState } from '../engine/helpers.js';

/** A message catch event keyed by `ticket`; its process id given per test, so tests cannot see each other's instances. */
const waitForReply = (id: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="${id}-defs" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="${id}" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:intermediateCatchEvent id="reply">
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
      <bpmn:messageEventDefinition messageRef="${id}-message" />
    </bpmn:intermediateCatchEvent>
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="reply" />
    <bpmn:sequenceFlow id="f2" sourceRef="reply" targetRef="end" />
  </bpmn:process>
  <bpmn:message id="${id}-message" name="${id}-reply">
    <bpmn:extensionElements><zeebe:subscription correlationKey="=ticket" /></bpmn:extensionElements>
  </bpmn:message>
</bpmn:definitions>`;

describe('/v2 message subscription search and batch cancellation', () => {
  const t = useEngineSuite();

  const deploy = async (id: string) =>
    (await deployText(t.client, { [`${id}.bpmn`]: waitForReply(id) })).processes[0]!.processDefinitionKey;

  it('should find an instance’s waiting subscription, and then the correlated one', async () => {
    // given
    const definition = await deploy('subs-reply');
    const waiting = await t.instances.start('subs-reply', { ticket: 'T-1' });
    const answered = await t.instances.start('subs-reply', { ticket: 'T-2' });
    await t.client.correlateMessage({ name: 'subs-reply-reply', correlationKey: 'T-2' });
    await waitForState(t.client, answered, 'COMPLETED');

    // when
    const all = await t.client.searchMessageSubscriptions(
      { filter: { processDefinitionId: 'subs-reply' }, sort: [{ field: 'correlationKey', order: 'ASC' }] },
      NOW,
    );
    const open = await t.client.searchMessageSubscriptions(
      { filter: { processDefinitionKey: ProcessDefinitionKey.assumeExists(definition), messageSubscriptionState: 'CREATED' } },
      NOW,
    );

    // then
    expect(all.items.map((s) => [s.processInstanceKey, s.correlationKey, s.messageSubscriptionState])).to.deep.equal([
      [waiting, 'T-1', 'CREATED'],
      [answered, 'T-2', 'CORRELATED'],
    ]);
    expect(all.items[0]).to.include({
      processDefinitionId: 'subs-reply',
      processDefinitionKey: definition,
      rootProcessInstanceKey: waiting,
      elementId: 'reply',
      messageName: 'subs-reply-reply',
      tenantId: '<default>',
    });
    expect(open.items.map((s) => s.processInstanceKey)).to.deep.equal([waiting]);
  });

  it('should cancel the active root instances a filter matches as a CANCEL_PROCESS_INSTANCE batch', async () => {
    // given
    await deploy('batch-cancel');
    await deploy('batch-keep');
    const first = await t.instances.start('batch-cancel', { ticket: 'A' });
    const second = await t.instances.start('batch-cancel', { ticket: 'B' });
    const kept = await t.instances.start('batch-keep', { ticket: 'C' });

    // when: the filter's state is ignored, as Camunda ignores it
    const batch = await t.client.cancelProcessInstancesBatchOperation({
      filter: { processDefinitionId: 'batch-cancel', state: 'COMPLETED' },
    });

    // then
    expect(batch.batchOperationType).to.equal('CANCEL_PROCESS_INSTANCE');
    const done = await t.client.getBatchOperation({ batchOperationKey: BatchOperationKey.assumeExists(batch.batchOperationKey) }, NOW);
    expect(done).to.include({ state: 'COMPLETED', operationsTotalCount: 2, operationsCompletedCount: 2, operationsFailedCount: 0 });
    for (const key of [first, second]) expect((await getInstance(t.client, key)).state, key).to.equal('TERMINATED');
    expect((await getInstance(t.client, kept)).state).to.equal('ACTIVE');
    const subscriptions = await t.client.searchMessageSubscriptions(
      { filter: { processInstanceKey: ProcessInstanceKey.assumeExists(first) } },
      NOW,
    );
    expect(subscriptions.items.map((s) => s.messageSubscriptionState)).to.deep.equal(['DELETED']);
  });

  it('should refuse a batch cancellation without a filter, and a subscription search on an unknown field', async () => {
    // the client refuses to send either, so they go raw
    expectProblem(await raw(t, 'POST', '/v2/process-instances/cancellation', { json: {} }), 400, { detail: 'No filter provided' });
    expectProblem(await raw(t, 'POST', '/v2/message-subscriptions/search', { json: { filter: { messageKey: '1' } } }), 400, {
      detail: 'The property filter.messageKey is not supported',
    });
  });
});
