import { ProcessDefinitionKey, ProcessInstanceKey } from '@camunda8/orchestration-cluster-api';
import { expect } from 'chai';
import {
  cancel,
  completeNext,
  deployText,
  expectProblem,
  NOW,
  useEngineSuite,
  waitForChild,
  waitForJob,
  waitForState,
} from '../engine/helpers.js';

/** start → a service task → end, under a process id of its own per test. */
const statsDiagram = (id: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="${id}-defs" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="${id}" name="Heatmap" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:serviceTask id="work">
      <bpmn:extensionElements><zeebe:taskDefinition type="views-work" /></bpmn:extensionElements>
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:serviceTask>
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="work" />
    <bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;

/** What Operate's instance view and heatmap read: the call hierarchy, the taken flows and the element statistics. */
describe('/v2 call hierarchy, sequence flows and element statistics', () => {
  const t = useEngineSuite('call-parent.bpmn', 'call-child.bpmn');
  const deployStats = async (id: string) =>
    (await deployText(t.client, { [`${id}.bpmn`]: statsDiagram(id) })).processes[0]!.processDefinitionKey;

  const key = (k: string) => ProcessInstanceKey.assumeExists(k);

  it('should answer an instance’s call hierarchy from the root down to itself', async () => {
    // given
    const parent = await t.instances.start('call-parent');
    const child = await waitForChild(t.client, parent);

    // when
    const ofChild = await t.client.getProcessInstanceCallHierarchy({ processInstanceKey: key(child.processInstanceKey) }, NOW);
    const ofParent = await t.client.getProcessInstanceCallHierarchy({ processInstanceKey: key(parent) }, NOW);

    // then
    expect(ofChild.map((e) => [e.processInstanceKey, e.processDefinitionName])).to.deep.equal([
      [parent, 'Calling parent'],
      [child.processInstanceKey, 'Called child'],
    ]);
    expect(ofChild[1]!.processDefinitionKey).to.equal(child.processDefinitionKey);
    expect(ofParent.map((e) => e.processInstanceKey)).to.deep.equal([parent]);
  });

  it('should answer the sequence flows an instance has taken, each once', async () => {
    // given
    const statsDefinition = await deployStats('views-flows');
    const instance = await t.instances.start('views-flows');
    const halfway = await t.client.getProcessInstanceSequenceFlows({ processInstanceKey: key(instance) }, NOW);
    await completeNext(t.client, 'views-work', {}, instance);
    await waitForState(t.client, instance, 'COMPLETED');

    // when
    const flows = await t.client.getProcessInstanceSequenceFlows({ processInstanceKey: key(instance) }, NOW);

    // then
    expect(halfway.items.map((f) => f.sequenceFlowId)).to.deep.equal(['f1']);
    expect(flows.items.map((f) => f.sequenceFlowId)).to.deep.equal(['f1', 'f2']);
    expect(flows.items[0]).to.include({
      processInstanceKey: instance,
      rootProcessInstanceKey: instance,
      processDefinitionKey: statsDefinition,
      processDefinitionId: 'views-flows',
      elementId: 'f1',
      tenantId: '<default>',
    });
  });

  it('should count a definition’s element instances by state, and an instance’s own', async () => {
    // given: one instance completed, one canceled, one stuck in an incident, one waiting
    const definition = ProcessDefinitionKey.assumeExists(await deployStats('views-stats'));
    const completed = await t.instances.start('views-stats');
    await completeNext(t.client, 'views-work', {}, completed);
    const canceled = await t.instances.start('views-stats');
    await waitForJob(t.client, 'views-work', { processInstanceKey: canceled });
    await cancel(t.client, canceled);
    const failing = await t.instances.start('views-stats');
    const job = await waitForJob(t.client, 'views-work', { processInstanceKey: failing });
    await t.client.failJob({ jobKey: job.jobKey, retries: 0, errorMessage: 'down' });
    await t.instances.start('views-stats');

    // when
    const all = await t.client.getProcessDefinitionStatistics({ processDefinitionKey: definition }, NOW);
    const activeOnly = await t.client.getProcessDefinitionStatistics(
      { processDefinitionKey: definition, filter: { state: 'ACTIVE' } },
      NOW,
    );
    const ofOne = await t.client.getProcessInstanceStatistics({ processInstanceKey: key(completed) }, NOW);

    // then
    expect(all.items).to.deep.equal([
      { elementId: 'end', active: 0, canceled: 0, incidents: 0, completed: 1 },
      { elementId: 'start', active: 0, canceled: 0, incidents: 0, completed: 4 },
      { elementId: 'work', active: 1, canceled: 1, incidents: 1, completed: 1 },
    ]);
    expect(activeOnly.items).to.deep.equal([
      { elementId: 'start', active: 0, canceled: 0, incidents: 0, completed: 2 },
      { elementId: 'work', active: 1, canceled: 0, incidents: 1, completed: 0 },
    ]);
    expect(ofOne.items).to.deep.equal([
      { elementId: 'end', active: 0, canceled: 0, incidents: 0, completed: 1 },
      { elementId: 'start', active: 0, canceled: 0, incidents: 0, completed: 1 },
      { elementId: 'work', active: 0, canceled: 0, incidents: 0, completed: 1 },
    ]);
  });

  it('should answer 404 for an unknown instance or definition', async () => {
    const unknown = '2251799813999999';
    await expectProblem(t.client.getProcessInstanceCallHierarchy({ processInstanceKey: key(unknown) }, NOW), 404);
    await expectProblem(t.client.getProcessInstanceSequenceFlows({ processInstanceKey: key(unknown) }, NOW), 404);
    await expectProblem(t.client.getProcessInstanceStatistics({ processInstanceKey: key(unknown) }, NOW), 404);
    await expectProblem(
      t.client.getProcessDefinitionStatistics({ processDefinitionKey: ProcessDefinitionKey.assumeExists(unknown) }, NOW),
      404,
    );
  });
});
