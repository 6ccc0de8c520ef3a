import { expect } from 'chai';
import { deployText, expectProblem, raw, useEngineSuite, waitForJob } from './helpers.js';

/** A process whose one service task maps its job's `value` to the given output target. */
function outputMappingXml(id: string, target: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="defs-${id}" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="${id}" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:serviceTask id="polluting-task">
      <bpmn:extensionElements>
        <zeebe:taskDefinition type="${id}" />
        <zeebe:ioMapping><zeebe:output source="=value" target="${target}" /></zeebe:ioMapping>
      </bpmn:extensionElements>
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:serviceTask>
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="polluting-task" />
    <bpmn:sequenceFlow id="f2" sourceRef="polluting-task" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;
}

/** A message publication whose variable nests `depth` objects deep, written as text (JSON.stringify itself overflows). */
function deepPublication(depth: number): string {
  return `{"name":"m","correlationKey":"k","variables":{"deep":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}}`;
}

describe('prototype keys and deep documents', () => {
  const t = useEngineSuite('jobs.bpmn');

  afterEach(() => {
    expect(({} as Record<string, unknown>).polluted, 'Object.prototype was written to').to.equal(undefined);
  });

  for (const target of ['a.__proto__.polluted', 'constructor', 'a.prototype.polluted']) {
    it(`should refuse a deployment whose output mapping targets '${target}', naming the element`, async () => {
      // when
      const problem = await expectProblem(deployText(t.client, { 'polluting.bpmn': outputMappingXml('polluting', target) }), 400);

      // then
      expect(problem.detail).to.contain('polluting-task').and.contain(target);
    });
  }

  const pollutingBodies: Array<[string, string, (jobKey: string) => unknown]> = [
    ['a job completion', '/v2/jobs/{key}/completion', () => JSON.parse('{"variables":{"__proto__":{"polluted":true}}}')],
    [
      'a job completion with a nested key',
      '/v2/jobs/{key}/completion',
      () => JSON.parse('{"variables":{"a":{"b":{"__proto__":{"polluted":true}}}}}'),
    ],
    ['a job failure', '/v2/jobs/{key}/failure', () => ({ retries: 1, variables: { constructor: { polluted: true } } })],
  ];
  for (const [what, path, body] of pollutingBodies) {
    it(`should refuse ${what} whose variables name a prototype key`, async () => {
      // given
      await t.instances.start('jobs');
      const job = await waitForJob(t.client, 'jobs-first');

      // when
      const response = await raw(t, 'POST', path.replace('{key}', job.jobKey), {
        body: JSON.stringify(body(job.jobKey)),
        contentType: 'application/json',
      });

      // then
      const problem = expectProblem(response, 400);
      expect(problem.detail).to.match(/__proto__|constructor/);
    });
  }

  it('should refuse process variables naming __proto__ when an instance is created', async () => {
    // when
    const response = await raw(t, 'POST', '/v2/process-instances', {
      body: '{"processDefinitionId":"jobs","variables":{"__proto__":{"polluted":1}}}',
      contentType: 'application/json',
    });

    // then
    expect(expectProblem(response, 400).detail).to.contain('__proto__');
  });

  it('should answer 400, not 500, to a message publication nested 10,000 levels deep', async () => {
    // when
    const response = await raw(t, 'POST', '/v2/messages/publication', { body: deepPublication(10_000), contentType: 'application/json' });

    // then
    expect(expectProblem(response, 400).detail).to.contain('levels deep');
  });

  it('should accept a document nested as deep as Camunda allows', async () => {
    // when
    const response = await raw(t, 'POST', '/v2/messages/publication', { body: deepPublication(900), contentType: 'application/json' });

    // then
    expect(response.status, JSON.stringify(response.body)).to.equal(200);
  });
});
