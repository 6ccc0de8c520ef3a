import { ProcessDefinitionKey } from '@camunda8/orchestration-cluster-api';
import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import { deployText, expectProblem, fixturePath, NOW, raw, useEngineSuite } from '../engine/helpers.js';

/** A process whose none start event links a form by id, as Tasklist starts processes with a form. */
const withStartForm = (id: string, formId: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="${id}-defs" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="${id}" isExecutable="true">
    <bpmn:startEvent id="start">
      <bpmn:extensionElements><zeebe:formDefinition formId="${formId}" /></bpmn:extensionElements>
      <bpmn:outgoing>f1</bpmn:outgoing>
    </bpmn:startEvent>
    <bpmn:endEvent id="end"><bpmn:incoming>f1</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;

const WITHOUT_FORM = withStartForm('no-start-form', 'x').replace(/<bpmn:extensionElements>.*<\/bpmn:extensionElements>/, '');

describe('GET /v2/process-definitions/{key}/form', () => {
  const t = useEngineSuite();

  const startForm = (key: string) => t.client.getStartProcessForm({ processDefinitionKey: ProcessDefinitionKey.assumeExists(key) }, NOW);

  it('should answer the latest version of the form the start event links', async () => {
    // given
    const form = await readFile(fixturePath('approval.form'), 'utf8');
    await deployText(t.client, { 'approval.form': form });
    const second = form.replace('"Approve"', '"Hyväksy"');
    const deployment = await deployText(t.client, {
      'with-start-form.bpmn': withStartForm('with-start-form', 'approval-form'),
      'approval.form': second,
    });
    const definition = deployment.processes[0]!.processDefinitionKey;

    // when
    const answered = await startForm(definition);

    // then
    expect(answered).to.include({ formId: 'approval-form', version: 2, tenantId: '<default>', formKey: deployment.forms[0]!.formKey });
    expect(answered!.schema).to.contain('Hyväksy');
  });

  it('should answer 204 for a process without a start form', async () => {
    // given
    const deployment = await deployText(t.client, { 'no-start-form.bpmn': WITHOUT_FORM });

    // when: raw, as the client's strict validation takes an empty 204 for a form that fails its schema
    const answered = await raw(t, 'GET', `/v2/process-definitions/${deployment.processes[0]!.processDefinitionKey}/form`);

    // then
    expect(answered.status, answered.text).to.equal(204);
    expect(answered.text).to.equal('');
  });

  it('should answer 404 for an unknown definition', async () => {
    await expectProblem(startForm('2251799813999999'), 404);
  });
});
