import { ProcessDefinitionId } from '@camunda8/orchestration-cluster-api';
import { expect } from 'chai';
import {
  completeNext,
  expectNoJob,
  expectProblem,
  getInstance,
  incidents,
  MINUTE,
  pin,
  raw,
  trail,
  useEngineSuite,
  variables,
  waitForJob,
  waitForState,
} from './helpers.js';

describe('service tasks and jobs', () => {
  const t = useEngineSuite('jobs.bpmn');
  const { instances } = t;

  it('should pass variables completed on one job to the next job and to the variable search', async () => {
    // given
    const key = await instances.start('jobs', { orderId: 'o-1' });

    // when
    const first = await completeNext(t.client, 'jobs-first', { total: 42, customer: { name: 'Aino' } }, key);
    const second = await waitForJob(t.client, 'jobs-second', { processInstanceKey: key });

    // then
    expect(first.variables).to.deep.equal({ orderId: 'o-1' });
    expect(first.customHeaders).to.deep.equal({ channel: 'email' });
    expect(first).to.include({
      elementId: 'first',
      retries: 3,
      kind: 'BPMN_ELEMENT',
      listenerEventType: 'UNSPECIFIED',
      processDefinitionId: 'jobs',
    });
    expect(second.variables).to.deep.equal({ orderId: 'o-1', total: 42, customer: { name: 'Aino' } });
    expect(await variables(t.client, key)).to.deep.equal({ orderId: 'o-1', total: 42, customer: { name: 'Aino' } });
    await t.client.completeJob({ jobKey: second.jobKey });
    await waitForState(t.client, key, 'COMPLETED');
    expect(await trail(t.client, key)).to.deep.equal(['start:COMPLETED', 'first:COMPLETED', 'second:COMPLETED', 'end:COMPLETED']);
  });

  it('should make an activated job activatable again once its timeout has passed', async () => {
    // given
    const t0 = Date.now();
    await pin(t.client, t0);
    const key = await instances.start('jobs');
    const activated = await waitForJob(t.client, 'jobs-first', { timeout: 500, processInstanceKey: key });
    await expectNoJob(t.client, 'jobs-first');

    // when
    await pin(t.client, t0 + 1000);

    // then
    const again = await waitForJob(t.client, 'jobs-first', { processInstanceKey: key });
    expect(again.jobKey).to.equal(activated.jobKey);
    await t.client.completeJob({ jobKey: again.jobKey });
    await waitForJob(t.client, 'jobs-second', { processInstanceKey: key });
  });

  it('should keep a failed job with retries left back until its retry back-off has passed', async () => {
    // given
    const t0 = Date.now();
    await pin(t.client, t0);
    const key = await instances.start('jobs');
    const job = await waitForJob(t.client, 'jobs-first', { processInstanceKey: key });

    // when
    await t.client.failJob({ jobKey: job.jobKey, retries: 2, errorMessage: 'backend down', retryBackOff: 10 * MINUTE });

    // then
    await expectNoJob(t.client, 'jobs-first');
    await pin(t.client, t0 + 9 * MINUTE);
    await expectNoJob(t.client, 'jobs-first');
    await pin(t.client, t0 + 11 * MINUTE);
    const retried = await waitForJob(t.client, 'jobs-first', { processInstanceKey: key });
    expect(retried.jobKey).to.equal(job.jobKey);
    expect(retried.retries).to.equal(2);
    expect(await incidents(t.client, key)).to.deep.equal([]);
  });

  it('should raise a JOB_NO_RETRIES incident when a job fails without retries, and carry on once retries are given and the incident resolved', async () => {
    // given
    const key = await instances.start('jobs');
    const job = await waitForJob(t.client, 'jobs-first', { processInstanceKey: key });

    // when
    await t.client.failJob({ jobKey: job.jobKey, retries: 0, errorMessage: 'permanently broken' });

    // then
    const [incident] = await incidents(t.client, key);
    expect(incident).to.include({
      errorType: 'JOB_NO_RETRIES',
      state: 'ACTIVE',
      elementId: 'first',
      jobKey: job.jobKey,
      errorMessage: 'permanently broken',
    });
    expect((await getInstance(t.client, key)).hasIncident).to.equal(true);
    await expectNoJob(t.client, 'jobs-first');
    await expectProblem(t.client.resolveIncident({ incidentKey: incident.incidentKey }), 409);

    // when
    await t.client.updateJob({ jobKey: job.jobKey, changeset: { retries: 1 } });
    await expectNoJob(t.client, 'jobs-first');
    await t.client.resolveIncident({ incidentKey: incident.incidentKey });

    // then
    const retried = await waitForJob(t.client, 'jobs-first', { processInstanceKey: key });
    expect(retried.jobKey).to.equal(job.jobKey);
    expect(retried.retries).to.equal(1);
    const [resolved] = await incidents(t.client, key);
    expect(resolved.state).to.equal('RESOLVED');
    expect((await getInstance(t.client, key)).hasIncident).to.equal(false);
    await t.client.completeJob({ jobKey: retried.jobKey });
    await completeNext(t.client, 'jobs-second', {}, key);
    await waitForState(t.client, key, 'COMPLETED');
  });

  it('should answer 404 when a completed job is completed again', async () => {
    // given
    const key = await instances.start('jobs');
    const job = await completeNext(t.client, 'jobs-first', { once: true }, key);

    // when
    const problem = await expectProblem(t.client.completeJob({ jobKey: job.jobKey, variables: { once: false } }), 404);

    // then
    expect(problem.title).to.equal('NOT_FOUND');
    expect(await variables(t.client, key)).to.deep.equal({ once: true });
  });

  it('should reject variables that are not an object with 400 and leave the job as it was', async () => {
    // given
    const key = await instances.start('jobs', { untouched: 1 });
    const job = await waitForJob(t.client, 'jobs-first', { processInstanceKey: key });

    // when
    const response = await raw(t, 'POST', `/v2/jobs/${job.jobKey}/completion`, { json: { variables: 'x' } });

    // then
    const problem = expectProblem(response, 400);
    expect(problem.detail).to.contain('variables');
    expect(await trail(t.client, key)).to.deep.equal(['start:COMPLETED', 'first:ACTIVE']);
    expect(await variables(t.client, key)).to.deep.equal({ untouched: 1 });
    await t.client.completeJob({ jobKey: job.jobKey });
    await waitForJob(t.client, 'jobs-second', { processInstanceKey: key });
  });

  it('should extend the lock of an activated job when its timeout is updated', async () => {
    // given
    const t0 = Date.now();
    await pin(t.client, t0);
    const key = await instances.start('jobs');
    const job = await waitForJob(t.client, 'jobs-first', { timeout: 500, processInstanceKey: key });

    // when
    await t.client.updateJob({ jobKey: job.jobKey, changeset: { timeout: 10 * MINUTE } });

    // then
    await pin(t.client, t0 + 5 * MINUTE);
    await expectNoJob(t.client, 'jobs-first');
    await pin(t.client, t0 + 11 * MINUTE);
    expect((await waitForJob(t.client, 'jobs-first', { processInstanceKey: key })).jobKey).to.equal(job.jobKey);
  });

  it('should answer 404 when an incident that is already resolved is resolved again', async () => {
    // given
    const key = await instances.start('jobs');
    const job = await waitForJob(t.client, 'jobs-first', { processInstanceKey: key });
    await t.client.failJob({ jobKey: job.jobKey, retries: 0, errorMessage: 'broken' });
    const [incident] = await incidents(t.client, key);
    await t.client.updateJob({ jobKey: job.jobKey, changeset: { retries: 1 } });
    await t.client.resolveIncident({ incidentKey: incident.incidentKey });

    // when
    const problem = await expectProblem(t.client.resolveIncident({ incidentKey: incident.incidentKey }), 404);

    // then
    expect(problem.title).to.equal('NOT_FOUND');
    expect((await waitForJob(t.client, 'jobs-first', { processInstanceKey: key })).jobKey).to.equal(job.jobKey);
  });

  it('should hand a worker only the variables it asks for', async () => {
    // given
    const key = await instances.start('jobs', { wanted: 1, other: 2, alsoWanted: { deep: true } });

    // when
    const { jobs } = await t.client.activateJobs({
      type: 'jobs-first',
      worker: 'picky',
      timeout: 60_000,
      maxJobsToActivate: 1,
      requestTimeout: 2000,
      fetchVariable: ['wanted', 'alsoWanted'],
    });

    // then
    expect(jobs).to.have.length(1);
    expect(jobs[0].processInstanceKey).to.equal(key);
    expect(jobs[0].worker).to.equal('picky');
    expect(jobs[0].variables).to.deep.equal({ wanted: 1, alsoWanted: { deep: true } });
  });

  it('should answer the final variables to a creation that awaits completion', async () => {
    // given
    const worker = (async () => {
      await completeNext(t.client, 'jobs-first', { first: 'done' });
      await completeNext(t.client, 'jobs-second', { second: 'done' });
    })();

    // when
    const created = await t.client.createProcessInstance({
      processDefinitionId: ProcessDefinitionId.assumeExists('jobs'),
      variables: { input: 1 },
      awaitCompletion: true,
      requestTimeout: 10_000,
      fetchVariables: ['input', 'second'],
    });
    await worker;

    // then
    expect(created.variables).to.deep.equal({ input: 1, second: 'done' });
    expect((await getInstance(t.client, created.processInstanceKey)).state).to.equal('COMPLETED');
  });
});
