import { ElementInstanceKey, IncidentKey } from '@camunda8/orchestration-cluster-api';
import { expect } from 'chai';
import { deployText, elementInstances, expectProblem, incidents, raw, useEngineSuite, variables, waitForJob } from './helpers.js';

/** A service task whose job type is a variable the instance is started without: an incident until it is set. */
const TYPE_FROM_VARIABLE = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="setvars-defs" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="setvars-incident" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:serviceTask id="work">
      <bpmn:extensionElements><zeebe:taskDefinition type="=workType" /></bpmn:extensionElements>
      <bpmn:incoming>f1</bpmn:incoming>
    </bpmn:serviceTask>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="work" />
  </bpmn:process>
</bpmn:definitions>`;

/** A service task with a local variable of its own (an input mapping). */
const LOCAL_SCOPE = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="setvars-scope-defs" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="setvars-scopes" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:serviceTask id="task">
      <bpmn:extensionElements>
        <zeebe:taskDefinition type="setvars-task" />
        <zeebe:ioMapping><zeebe:input source="=1" target="note" /></zeebe:ioMapping>
      </bpmn:extensionElements>
      <bpmn:incoming>f1</bpmn:incoming>
    </bpmn:serviceTask>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="task" />
  </bpmn:process>
</bpmn:definitions>`;

describe('PUT /v2/element-instances/{key}/variables', () => {
  const t = useEngineSuite();

  before(async () => {
    await deployText(t.client, { 'setvars-incident.bpmn': TYPE_FROM_VARIABLE, 'setvars-scopes.bpmn': LOCAL_SCOPE });
  });

  const setVariables = (elementInstanceKey: string, vars: Record<string, unknown>, local?: boolean) =>
    t.client.createElementInstanceVariables({
      elementInstanceKey: ElementInstanceKey.assumeExists(elementInstanceKey),
      variables: vars,
      local,
    });
  const active = async (key: string) => (await incidents(t.client, key)).filter((i) => i.state === 'ACTIVE');

  it('should let a resolved incident retry with the variable fixed, where without the fix it comes back', async () => {
    // given
    const key = await t.instances.start('setvars-incident');
    const [first] = await active(key);
    expect(first).to.include({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'work' });
    await t.client.resolveIncident({ incidentKey: IncidentKey.assumeExists(first!.incidentKey) });
    const [again] = await active(key);
    expect(again?.incidentKey, 'the incident raised again without a fix').to.be.a('string').and.not.equal(first!.incidentKey);

    // when
    await setVariables(key, { workType: 'setvars-fixed' });
    await t.client.resolveIncident({ incidentKey: IncidentKey.assumeExists(again!.incidentKey) });

    // then
    const job = await waitForJob(t.client, 'setvars-fixed', { processInstanceKey: key });
    expect(job.elementId).to.equal('work');
    expect(await active(key)).to.deep.equal([]);
  });

  it('should write into the element’s own scope when local, and otherwise where each variable is held or else the process scope', async () => {
    // given
    const key = await t.instances.start('setvars-scopes', { existing: 'root' });
    const task = (await waitForJob(t.client, 'setvars-task', { processInstanceKey: key })).elementInstanceKey;

    // when
    await setVariables(task, { note: 'set locally', fresh: 'local' }, true);
    await setVariables(task, { note: 'propagated', existing: 'changed', brandNew: 1 });

    // then
    expect(await variables(t.client, key, task)).to.deep.equal({ note: 'propagated', fresh: 'local' });
    expect(await variables(t.client, key)).to.deep.equal({ existing: 'changed', brandNew: 1 });
  });

  it('should answer 404 for an element instance that has ended or never was, and 400 without variables', async () => {
    // given
    const key = await t.instances.start('setvars-scopes');
    await waitForJob(t.client, 'setvars-task', { processInstanceKey: key });
    const startEvent = (await elementInstances(t.client, key)).find((e) => e.elementId === 'start')!.elementInstanceKey;

    // then
    const ended = await expectProblem(setVariables(startEvent, { x: 1 }), 404);
    expect(ended.detail).to.include(`Expected to update variables for element with key '${startEvent}', but no such element was found`);
    await expectProblem(setVariables('2251799813699999', { x: 1 }), 404);
    // The client does not send a body without variables; a cluster answers such a request 400.
    expectProblem(await raw(t, 'PUT', `/v2/element-instances/${key}/variables`, { json: { local: true } }), 400, {
      detail: 'No variables provided',
    });
  });
});
