import { expect } from 'chai';
import { deployText, useEngineSuite, waitForJob } from './helpers.js';

/** A job's BPMN error caught by a boundary event that maps one of the error's variables out. */
const MAPPED_CATCH = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="err-vars-defs" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:error id="Error_check" errorCode="CHECK_FAILED" />
  <bpmn:process id="error-variables" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:serviceTask id="check">
      <bpmn:extensionElements><zeebe:taskDefinition type="errvars-check" /></bpmn:extensionElements>
      <bpmn:incoming>f1</bpmn:incoming>
    </bpmn:serviceTask>
    <bpmn:boundaryEvent id="checkFailed" attachedToRef="check">
      <bpmn:extensionElements>
        <zeebe:ioMapping><zeebe:output source="=detail" target="caughtDetail" /></zeebe:ioMapping>
      </bpmn:extensionElements>
      <bpmn:outgoing>f2</bpmn:outgoing>
      <bpmn:errorEventDefinition errorRef="Error_check" />
    </bpmn:boundaryEvent>
    <bpmn:serviceTask id="after">
      <bpmn:extensionElements><zeebe:taskDefinition type="errvars-after" /></bpmn:extensionElements>
      <bpmn:incoming>f2</bpmn:incoming>
    </bpmn:serviceTask>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="check" />
    <bpmn:sequenceFlow id="f2" sourceRef="checkFailed" targetRef="after" />
  </bpmn:process>
</bpmn:definitions>`;

/** The same catch without output mappings. */
const UNMAPPED_CATCH = MAPPED_CATCH.replace(/<bpmn:extensionElements>\s*<zeebe:ioMapping>.*?<\/bpmn:extensionElements>/s, '').replace(
  'id="error-variables"',
  'id="error-variables-unmapped"',
);

describe('variables of a thrown BPMN error', () => {
  const t = useEngineSuite();

  before(async () => {
    await deployText(t.client, { 'error-variables.bpmn': MAPPED_CATCH, 'error-variables-unmapped.bpmn': UNMAPPED_CATCH });
  });

  it('should reach the process only through the catch event’s output mappings', async () => {
    // given
    const key = await t.instances.start('error-variables', { amount: 3 });
    const job = await waitForJob(t.client, 'errvars-check', { processInstanceKey: key });

    // when
    await t.client.throwJobError({ jobKey: job.jobKey, errorCode: 'CHECK_FAILED', variables: { detail: 'missing', extra: 'local only' } });

    // then
    const after = await waitForJob(t.client, 'errvars-after', { processInstanceKey: key });
    expect(after.variables).to.deep.equal({ amount: 3, caughtDetail: 'missing' });
  });

  it('should stay in the catch event’s scope when it has no output mappings', async () => {
    // given
    const key = await t.instances.start('error-variables-unmapped', { amount: 3 });
    const job = await waitForJob(t.client, 'errvars-check', { processInstanceKey: key });

    // when
    await t.client.throwJobError({ jobKey: job.jobKey, errorCode: 'CHECK_FAILED', variables: { detail: 'missing' } });

    // then
    const after = await waitForJob(t.client, 'errvars-after', { processInstanceKey: key });
    expect(after.variables).to.deep.equal({ amount: 3 });
  });
});
