import { expect } from 'chai';
import { completeNext, deployText, useEngineSuite, waitForJob } from './helpers.js';

/**
 * An embedded subprocess whose start listener, inner service task and end listener each append to
 * one list variable, none of them with mappings, then a task after the subprocess.
 */
const APPENDING_LISTENERS = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="lst-vars-defs" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="listener-variables" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:subProcess id="stage">
      <bpmn:extensionElements>
        <zeebe:executionListeners>
          <zeebe:executionListener eventType="start" type="lstvars-start" />
          <zeebe:executionListener eventType="end" type="lstvars-end" />
        </zeebe:executionListeners>
      </bpmn:extensionElements>
      <bpmn:incoming>f1</bpmn:incoming>
      <bpmn:outgoing>f2</bpmn:outgoing>
      <bpmn:startEvent id="innerStart"><bpmn:outgoing>s1</bpmn:outgoing></bpmn:startEvent>
      <bpmn:serviceTask id="inner">
        <bpmn:extensionElements><zeebe:taskDefinition type="lstvars-inner" /></bpmn:extensionElements>
        <bpmn:incoming>s1</bpmn:incoming>
        <bpmn:outgoing>s2</bpmn:outgoing>
      </bpmn:serviceTask>
      <bpmn:endEvent id="innerEnd"><bpmn:incoming>s2</bpmn:incoming></bpmn:endEvent>
      <bpmn:sequenceFlow id="s1" sourceRef="innerStart" targetRef="inner" />
      <bpmn:sequenceFlow id="s2" sourceRef="inner" targetRef="innerEnd" />
    </bpmn:subProcess>
    <bpmn:serviceTask id="after">
      <bpmn:extensionElements><zeebe:taskDefinition type="lstvars-after" /></bpmn:extensionElements>
      <bpmn:incoming>f2</bpmn:incoming>
    </bpmn:serviceTask>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="stage" />
    <bpmn:sequenceFlow id="f2" sourceRef="stage" targetRef="after" />
  </bpmn:process>
</bpmn:definitions>`;

/** A service task with an input mapping (so it has a local scope) and an end listener. */
const TASK_END_LISTENER = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="lst-task-defs" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="listener-variables-task" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:serviceTask id="work">
      <bpmn:extensionElements>
        <zeebe:taskDefinition type="lstvars-work" />
        <zeebe:ioMapping><zeebe:input source="=1" target="note" /></zeebe:ioMapping>
        <zeebe:executionListeners>
          <zeebe:executionListener eventType="start" type="lstvars-work-start" />
          <zeebe:executionListener eventType="end" type="lstvars-work-end" />
        </zeebe:executionListeners>
      </bpmn:extensionElements>
      <bpmn:incoming>f1</bpmn:incoming>
      <bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:serviceTask>
    <bpmn:serviceTask id="after">
      <bpmn:extensionElements><zeebe:taskDefinition type="lstvars-task-after" /></bpmn:extensionElements>
      <bpmn:incoming>f2</bpmn:incoming>
    </bpmn:serviceTask>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="work" />
    <bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="after" />
  </bpmn:process>
</bpmn:definitions>`;

/** Completes the next job of a type with its `list` variable extended by one entry. */
async function append(t: ReturnType<typeof useEngineSuite>, type: string, entry: string, processInstanceKey: string) {
  const job = await waitForJob(t.client, type, { processInstanceKey });
  const list = (job.variables as { list?: string[] }).list ?? [];
  await t.client.completeJob({ jobKey: job.jobKey, variables: { list: [...list, entry] } });
}

describe('variables of an execution listener’s job completion', () => {
  const t = useEngineSuite();

  before(async () => {
    await deployText(t.client, {
      'listener-variables.bpmn': APPENDING_LISTENERS,
      'listener-variables-task.bpmn': TASK_END_LISTENER,
    });
  });

  it('should leave start, inner, end in the list for the task after the subprocess, as on Zeebe', async () => {
    // given
    const key = await t.instances.start('listener-variables');

    // when
    await append(t, 'lstvars-start', 'start', key);
    await append(t, 'lstvars-inner', 'inner', key);
    await append(t, 'lstvars-end', 'end', key);

    // then
    const after = await waitForJob(t.client, 'lstvars-after', { processInstanceKey: key });
    expect(after.variables).to.deep.equal({ list: ['start', 'inner', 'end'] });
  });

  it('should make a start listener’s variables local to its element and an end listener’s reach the parent scope', async () => {
    // given
    const key = await t.instances.start('listener-variables-task');

    // when
    await completeNext(t.client, 'lstvars-work-start', { fromStart: 'local' }, key);
    const work = await completeNext(t.client, 'lstvars-work', {}, key);
    await completeNext(t.client, 'lstvars-work-end', { note: 'from the end listener' }, key);

    // then
    expect(work.variables).to.deep.equal({ note: 1, fromStart: 'local' });
    const after = await waitForJob(t.client, 'lstvars-task-after', { processInstanceKey: key });
    expect(after.variables).to.deep.equal({ note: 'from the end listener' });
  });
});
