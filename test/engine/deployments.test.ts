import { ProcessDefinitionId, ProcessDefinitionKey } from '@camunda8/orchestration-cluster-api';
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { deploy, deployText, expectProblem, fixturePath, NOW, useEngineSuite } from './helpers.js';

/** A one-task process whose id and task name the test chooses, to make content changes. */
function processXml(id: string, taskName: string, body?: string, roots = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="defs-${id}" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="${id}" isExecutable="true">
    ${
      body ??
      `<bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:serviceTask id="task" name="${taskName}">
      <bpmn:extensionElements><zeebe:taskDefinition type="deploy-test" /></bpmn:extensionElements>
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:serviceTask>
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="task" />
    <bpmn:sequenceFlow id="f2" sourceRef="task" targetRef="end" />`
    }
  </bpmn:process>
  ${roots}
</bpmn:definitions>`;
}

describe('deployments', () => {
  const t = useEngineSuite();

  it('should deploy a process together with the form it links', async () => {
    // when
    const deployment = await deploy(t.client, 'order.bpmn', 'order-review.form');

    // then
    expect(deployment.deploymentKey).to.match(/^\d+$/);
    expect(deployment.processes).to.have.length(1);
    expect(deployment.processes[0]).to.include({ processDefinitionId: 'order', processDefinitionVersion: 1, resourceName: 'order.bpmn' });
    expect(deployment.forms).to.have.length(1);
    expect(deployment.forms[0]).to.include({ formId: 'order-review-form', version: 1 });
  });

  it('should increase the version per process id when the resource changes', async () => {
    // given
    const first = await deployText(t.client, { 'versioned.bpmn': processXml('versioned', 'Version one') });

    // when
    const second = await deployText(t.client, { 'versioned.bpmn': processXml('versioned', 'Version two') });
    const other = await deployText(t.client, { 'other.bpmn': processXml('versioned-other', 'Other') });

    // then
    expect(first.processes[0].processDefinitionVersion).to.equal(1);
    expect(second.processes[0].processDefinitionVersion).to.equal(2);
    expect(second.processes[0].processDefinitionKey).to.not.equal(first.processes[0].processDefinitionKey);
    expect(other.processes[0].processDefinitionVersion).to.equal(1);
  });

  it('should answer the same version and key when identical content is deployed again', async () => {
    // given
    const xml = processXml('idempotent', 'Same');
    const first = await deployText(t.client, { 'idempotent.bpmn': xml });

    // when
    const again = await deployText(t.client, { 'idempotent.bpmn': xml });

    // then
    expect(again.processes[0].processDefinitionVersion).to.equal(1);
    expect(again.processes[0].processDefinitionKey).to.equal(first.processes[0].processDefinitionKey);
    const found = await t.client.searchProcessDefinitions({ filter: { processDefinitionId: 'idempotent' } }, NOW);
    expect(found.items).to.have.length(1);
  });

  it('should reject malformed XML with a 400 problem naming the resource', async () => {
    // when
    const problem = await expectProblem(
      deployText(t.client, {
        'broken.bpmn': '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"><bpmn:process id="p"',
      }),
      400,
    );

    // then
    expect(problem.title).to.equal('INVALID_ARGUMENT');
    expect(problem.detail).to.contain("'broken.bpmn'");
  });

  const unsupported: Array<{ what: string; elementId: string; reason: RegExp; body: string; roots?: string }> = [
    {
      what: 'an escalation catch event',
      elementId: 'waitForEscalation',
      reason: /Escalation.*not supported/i,
      body: `<bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:intermediateCatchEvent id="waitForEscalation"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing><bpmn:escalationEventDefinition id="esc-def" escalationRef="esc" /></bpmn:intermediateCatchEvent>
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="waitForEscalation" />
    <bpmn:sequenceFlow id="f2" sourceRef="waitForEscalation" targetRef="end" />`,
      roots: '<bpmn:escalation id="esc" escalationCode="late" />',
    },
    {
      what: 'a complex gateway',
      elementId: 'complex',
      reason: /ComplexGateway.*not supported/,
      body: `<bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:complexGateway id="complex"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:complexGateway>
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="complex" />
    <bpmn:sequenceFlow id="f2" sourceRef="complex" targetRef="end" />`,
    },
    {
      what: "a call activity bound to the deployment's version of the called process",
      elementId: 'callPinned',
      reason: /bindingType 'deployment' is not supported/,
      body: `<bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:callActivity id="callPinned"><bpmn:extensionElements><zeebe:calledElement processId="child" bindingType="deployment" /></bpmn:extensionElements><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:callActivity>
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="callPinned" />
    <bpmn:sequenceFlow id="f2" sourceRef="callPinned" targetRef="end" />`,
    },
    {
      what: 'a service task without a job type',
      elementId: 'noType',
      reason: /job type/,
      body: `<bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:serviceTask id="noType"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:serviceTask>
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="noType" />
    <bpmn:sequenceFlow id="f2" sourceRef="noType" targetRef="end" />`,
    },
  ];

  for (const c of unsupported) {
    it(`should reject ${c.what} with a 400 problem naming the element and the reason`, async () => {
      // given
      const xml = processXml('unsupported', '', c.body, c.roots);

      // when
      const problem = await expectProblem(deployText(t.client, { 'unsupported.bpmn': xml }), 400);

      // then
      expect(problem.detail).to.contain("'unsupported.bpmn'");
      expect(problem.detail).to.contain(`'${c.elementId}'`);
      expect(problem.detail).to.match(c.reason);
      const found = await t.client.searchProcessDefinitions({ filter: { processDefinitionId: 'unsupported' } }, NOW);
      expect(found.items, 'nothing is deployed').to.have.length(0);
    });
  }

  it('should serve the deployed XML and find the definition by search', async () => {
    // given
    const deployment = await deploy(t.client, 'order.bpmn', 'order-review.form');
    const key = deployment.processes[0].processDefinitionKey;

    // when
    const xml = await t.client.getProcessDefinitionXml({ processDefinitionKey: ProcessDefinitionKey.assumeExists(key) }, NOW);
    const found = await t.client.searchProcessDefinitions({ filter: { processDefinitionId: 'order' } }, NOW);

    // then
    expect(xml).to.equal(readFileSync(fixturePath('order.bpmn'), 'utf8'));
    expect(found.items).to.have.length(1);
    expect(found.items[0]).to.include({
      processDefinitionKey: key,
      processDefinitionId: 'order',
      name: 'Order',
      version: 1,
      resourceName: 'order.bpmn',
    });
  });

  it('should start the version asked for by key or by version number, and the latest by default', async () => {
    // given
    const v1 = await deployText(t.client, { 'pick.bpmn': processXml('pick-version', 'One') });
    const v2 = await deployText(t.client, { 'pick.bpmn': processXml('pick-version', 'Two') });
    const id = ProcessDefinitionId.assumeExists('pick-version');

    // when
    const byKey = await t.client.createProcessInstance({ processDefinitionKey: v1.processes[0].processDefinitionKey });
    const byVersion = await t.client.createProcessInstance({ processDefinitionId: id, processDefinitionVersion: 1 });
    const latest = await t.client.createProcessInstance({ processDefinitionId: id });

    // then
    expect([byKey, byVersion, latest].map((i) => i.processDefinitionVersion)).to.deep.equal([1, 1, 2]);
    expect(byKey.processDefinitionKey).to.equal(v1.processes[0].processDefinitionKey);
    expect(latest.processDefinitionKey).to.equal(v2.processes[0].processDefinitionKey);
    for (const i of [byKey, byVersion, latest]) await t.client.cancelProcessInstance({ processInstanceKey: i.processInstanceKey });
    await expectProblem(t.client.createProcessInstance({ processDefinitionId: id, processDefinitionVersion: 3 }), 404);
  });
});
