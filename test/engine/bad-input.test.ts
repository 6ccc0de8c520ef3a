import { ProcessDefinitionId } from '@camunda8/orchestration-cluster-api';
import { expect } from 'chai';
import { expectProblem, raw, trail, useEngineSuite, waitForJob } from './helpers.js';

describe('bad input', () => {
  const t = useEngineSuite('jobs.bpmn');
  const { instances } = t;

  it('should answer 404 problem+json when starting an unknown process id', async () => {
    // when
    const problem = await expectProblem(
      t.client.createProcessInstance({ processDefinitionId: ProcessDefinitionId.assumeExists('no-such-process') }),
      404,
    );
    const response = await raw(t, 'POST', '/v2/process-instances', { json: { processDefinitionId: 'no-such-process' } });

    // then
    expect(problem.title).to.equal('NOT_FOUND');
    expect(problem.detail).to.contain('no-such-process');
    const body = expectProblem(response, 404);
    expect(body.detail).to.contain('no-such-process');
  });

  const malformedKeys: Array<[string, string, unknown?]> = [
    ['GET', '/v2/process-instances/not-a-key'],
    ['POST', '/v2/process-instances/12abc/cancellation', {}],
    ['POST', '/v2/jobs/abc/completion', {}],
    ['PATCH', '/v2/jobs/-1', { changeset: { retries: 1 } }],
    ['POST', '/v2/user-tasks/1.5/completion', {}],
    ['POST', '/v2/incidents/xyz/resolution', {}],
    ['GET', '/v2/process-definitions/99999999999999999999999/xml'],
  ];
  for (const [method, path, body] of malformedKeys) {
    it(`should answer 400 problem+json for the malformed key in ${method} ${path}`, async () => {
      // when
      const response = await raw(t, method, path, { json: body });

      // then
      const problem = expectProblem(response, 400);
      expect(problem.title).to.equal('INVALID_ARGUMENT');
    });
  }

  const wrongTypes: Array<[string, string, unknown]> = [
    ['a list as process variables', '/v2/process-instances', { processDefinitionId: 'jobs', variables: [1, 2] }],
    ['a string as process variables', '/v2/process-instances', { processDefinitionId: 'jobs', variables: 'x' }],
    ['a string as message variables', '/v2/messages/publication', { name: 'm', correlationKey: 'k', variables: 'x' }],
    ['a string as time to live', '/v2/messages/publication', { name: 'm', correlationKey: 'k', timeToLive: 'soon' }],
    ['no job type to activate', '/v2/jobs/activation', { timeout: 1000, maxJobsToActivate: 1 }],
    ['a zero maxJobsToActivate', '/v2/jobs/activation', { type: 'jobs-first', timeout: 1000, maxJobsToActivate: 0 }],
    ['a number as a message name', '/v2/messages/correlation', { name: 5, correlationKey: 'k' }],
  ];
  for (const [what, path, body] of wrongTypes) {
    it(`should answer 400 problem+json for ${what}`, async () => {
      // when
      const response = await raw(t, 'POST', path, { json: body });

      // then
      const problem = expectProblem(response, 400);
      expect(problem.title).to.equal('INVALID_ARGUMENT');
    });
  }

  it('should answer 400 problem+json for a body that is not JSON', async () => {
    // when
    const response = await raw(t, 'POST', '/v2/process-instances', {
      body: '{"processDefinitionId": "jobs",',
      contentType: 'application/json',
    });

    // then
    expectProblem(response, 400);
  });

  it('should not start an instance when the request is rejected', async () => {
    // given
    const before = await t.client.searchProcessInstances(
      { filter: { processDefinitionId: ProcessDefinitionId.assumeExists('jobs') } },
      { consistency: { waitUpToMs: 0 } },
    );

    // when
    await raw(t, 'POST', '/v2/process-instances', { json: { processDefinitionId: 'jobs', variables: [1] } });

    // then
    const after = await t.client.searchProcessInstances(
      { filter: { processDefinitionId: ProcessDefinitionId.assumeExists('jobs') } },
      { consistency: { waitUpToMs: 0 } },
    );
    expect(after.page.totalItems).to.equal(before.page.totalItems);
  });

  it('should reject failing a job with variables that are not an object and leave the job active', async () => {
    // given
    const key = await instances.start('jobs');
    const job = await waitForJob(t.client, 'jobs-first', { processInstanceKey: key });

    // when
    const response = await raw(t, 'POST', `/v2/jobs/${job.jobKey}/failure`, { json: { retries: 1, variables: [1] } });

    // then
    expectProblem(response, 400);
    expect(await trail(t.client, key)).to.deep.equal(['start:COMPLETED', 'first:ACTIVE']);
    await t.client.completeJob({ jobKey: job.jobKey });
    await waitForJob(t.client, 'jobs-second', { processInstanceKey: key });
  });

  it('should answer 404 problem+json for an unknown endpoint', async () => {
    // when
    const response = await raw(t, 'GET', '/v2/no-such-endpoint');

    // then
    expectProblem(response, 404);
  });
});
