import {
  JobKey,
  ProcessDefinitionId,
  ProcessDefinitionKey,
  ProcessInstanceKey,
  IncidentKey,
  UserTaskKey,
} from '@camunda8/orchestration-cluster-api';
import { expect } from 'chai';
import type { ActivatedJob } from '../../src/engine/commands.js';
import { EngineRejection } from '../../src/engine/errors.js';
import { eventually } from '../support/eventually.js';
import { expectProblem } from '../support/problem.js';
import { raw } from '../support/raw.js';
import { type ApiHarness, startApi } from './harness.js';

const JOB: ActivatedJob = {
  jobKey: '2251799813685400',
  type: 'send-letter',
  processDefinitionId: 'order',
  processDefinitionVersion: 3,
  processDefinitionKey: '2251799813685250',
  processInstanceKey: '2251799813685251',
  rootProcessInstanceKey: '2251799813685251',
  elementId: 'send',
  elementInstanceKey: '2251799813685260',
  customHeaders: { channel: 'mail' },
  worker: 'letters',
  retries: 3,
  deadline: 1767261600000,
  variables: { orderId: 'A-1' },
  kind: 'BPMN_ELEMENT',
  listenerEventType: 'UNSPECIFIED',
};

describe('/v2 router: commands', () => {
  let api: ApiHarness;

  before(async () => {
    api = await startApi('api_commands');
  });

  beforeEach(() => {
    api.commands.calls.length = 0;
    api.commands.answers = {};
    api.commands.holdActivation = false;
  });

  after(async () => {
    await api.close();
  });

  describe('POST /v2/process-instances', () => {
    it('should create by process id and latest version, answering the created instance', async () => {
      // when
      const created = await api.client.createProcessInstance({
        processDefinitionId: ProcessDefinitionId.assumeExists('order'),
        variables: { orderId: 'A-1', lines: [1, 2] },
      });

      // then
      expect(api.commands.last('createProcessInstance')).to.deep.equal([
        {
          processDefinitionId: 'order',
          processDefinitionKey: undefined,
          processDefinitionVersion: undefined,
          variables: { orderId: 'A-1', lines: [1, 2] },
          awaitCompletion: false,
          requestTimeout: 0,
          fetchVariables: undefined,
        },
      ]);
      expect(created).to.deep.equal({
        processDefinitionId: 'order',
        processDefinitionVersion: 1,
        tenantId: '<default>',
        variables: { orderId: 'A-1', lines: [1, 2] },
        processDefinitionKey: '2251799813685250',
        processInstanceKey: '2251799813685251',
        tags: [],
        businessId: null,
      });
    });

    it('should pass a definition key, an explicit version and the await options', async () => {
      // when
      await api.client.createProcessInstance({
        processDefinitionKey: ProcessDefinitionKey.assumeExists('2251799813685250'),
        awaitCompletion: true,
        requestTimeout: 2500,
        fetchVariables: ['total'],
      });
      await api.client.createProcessInstance({
        processDefinitionId: ProcessDefinitionId.assumeExists('order'),
        processDefinitionVersion: 2,
      });

      // then
      const [byKey, byVersion] = api.commands.calls.map((c) => c.args[0]);
      expect(byKey).to.deep.include({
        processDefinitionKey: '2251799813685250',
        awaitCompletion: true,
        requestTimeout: 2500,
        fetchVariables: ['total'],
        variables: {},
      });
      expect(byVersion).to.deep.include({ processDefinitionId: 'order', processDefinitionVersion: 2 });
    });

    it('should require a process id or key, but not both', async () => {
      // when
      const neither = await raw(api, 'POST', '/v2/process-instances', { json: { variables: {} } });
      const both = await raw(api, 'POST', '/v2/process-instances', { json: { processDefinitionId: 'order', processDefinitionKey: '1' } });

      // then
      expect(neither.status).to.equal(400);
      expect(neither.body?.detail).to.equal('At least one of [processDefinitionId, processDefinitionKey] is required.');
      expect(both.body?.detail).to.equal('Only one of [processDefinitionId, processDefinitionKey] is allowed.');
      expect(api.commands.calls).to.deep.equal([]);
    });

    it('should reject variables that are not a JSON object, naming them', async () => {
      // when
      const list = await raw(api, 'POST', '/v2/process-instances', { json: { processDefinitionId: 'order', variables: [1] } });
      const text = await raw(api, 'POST', '/v2/process-instances', { json: { processDefinitionId: 'order', variables: 'x' } });

      // then
      expect(list.status).to.equal(400);
      expect(list.body).to.include({ title: 'INVALID_ARGUMENT', detail: "The value for variables is '[1]' but must be a JSON object." });
      expect(text.body?.detail).to.equal("The value for variables is 'x' but must be a JSON object.");
    });

    it('should refuse what the embedded engine cannot do instead of ignoring it', async () => {
      // when
      const response = await raw(api, 'POST', '/v2/process-instances', {
        json: { processDefinitionId: 'order', runtimeInstructions: [{ type: 'TERMINATE_PROCESS_INSTANCE' }], tags: ['vip'] },
      });

      // then
      expect(response.status).to.equal(400);
      expect(response.body?.detail).to.equal(
        'The embedded engine does not support runtimeInstructions when creating a process instance. The embedded engine does not support tags when creating a process instance.',
      );
    });

    it('should refuse another tenant as a cluster without multi-tenancy does', async () => {
      // when
      const response = await raw(api, 'POST', '/v2/process-instances', { json: { processDefinitionId: 'order', tenantId: 'acme' } });

      // then
      expect(response.body?.detail).to.equal(
        "Expected to handle request Create Process Instance with tenant identifier 'acme', but multi-tenancy is disabled.",
      );
    });

    it('should map an engine rejection to its status and title', async () => {
      // given
      api.commands.failNextWith(EngineRejection.notFound("Expected to find process definition with process ID 'nope', but none found"));

      // when
      const problem = await expectProblem(
        api.client.createProcessInstance({ processDefinitionId: ProcessDefinitionId.assumeExists('nope') }),
        404,
      );

      // then
      expect(problem).to.deep.equal({
        status: 404,
        title: 'NOT_FOUND',
        detail: "Expected to find process definition with process ID 'nope', but none found",
      });
    });
  });

  describe('POST /v2/process-instances/{key}/cancellation', () => {
    it('should cancel the instance and answer 204', async () => {
      // when
      await api.client.cancelProcessInstance({ processInstanceKey: ProcessInstanceKey.assumeExists('2251799813685251') });

      // then
      expect(api.commands.last('cancelProcessInstance')).to.deep.equal(['2251799813685251']);
    });

    it('should answer 409 INVALID_STATE when the engine refuses', async () => {
      // given
      api.commands.failNextWith(EngineRejection.invalidState('Expected to cancel an active process instance'));

      // when
      const response = await raw(api, 'POST', '/v2/process-instances/42/cancellation');

      // then
      expect(response.status).to.equal(409);
      expect(response.body).to.deep.equal({
        type: 'about:blank',
        title: 'INVALID_STATE',
        status: 409,
        detail: 'Expected to cancel an active process instance',
        instance: '/v2/process-instances/42/cancellation',
      });
    });
  });

  describe('POST /v2/jobs/activation', () => {
    it('should activate with the request parameters and answer the jobs', async () => {
      // given
      api.commands.answers.jobs = [JOB];

      // when
      const { jobs } = await api.client.activateJobs({
        type: 'send-letter',
        worker: 'letters',
        timeout: 30_000,
        maxJobsToActivate: 5,
        fetchVariable: ['orderId'],
        requestTimeout: 2000,
      });

      // then
      expect(api.commands.last('activateJobs')).to.deep.equal([
        { type: 'send-letter', worker: 'letters', timeout: 30_000, maxJobsToActivate: 5, fetchVariable: ['orderId'], requestTimeout: 2000 },
      ]);
      expect(jobs).to.have.length(1);
      expect(jobs[0]).to.deep.include({
        jobKey: JOB.jobKey,
        type: 'send-letter',
        tenantId: '<default>',
        customHeaders: { channel: 'mail' },
        variables: { orderId: 'A-1' },
        deadline: JOB.deadline,
        userTask: null,
        tags: [],
        rootProcessInstanceKey: JOB.rootProcessInstanceKey,
      });
    });

    it('should long-poll the gateway default when no requestTimeout is given and answer at once for a negative one', async () => {
      // when
      await raw(api, 'POST', '/v2/jobs/activation', { json: { type: 'a', timeout: 1000, maxJobsToActivate: 1 } });
      await raw(api, 'POST', '/v2/jobs/activation', { json: { type: 'a', timeout: 1000, maxJobsToActivate: 1, requestTimeout: 0 } });
      await raw(api, 'POST', '/v2/jobs/activation', { json: { type: 'a', timeout: 1000, maxJobsToActivate: 1, requestTimeout: -1 } });

      // then
      expect(api.commands.calls.map((c) => (c.args[0] as { requestTimeout: number }).requestTimeout)).to.deep.equal([10_000, 10_000, 0]);
      expect((api.commands.calls[0]!.args[0] as { worker: string }).worker).to.equal('');
    });

    it('should name every missing or invalid parameter as Camunda does', async () => {
      // when
      const missing = await raw(api, 'POST', '/v2/jobs/activation', { json: {} });
      const invalid = await raw(api, 'POST', '/v2/jobs/activation', { json: { type: '  ', timeout: 0, maxJobsToActivate: -1 } });

      // then
      expect(missing.status).to.equal(400);
      expect(missing.body).to.include({
        title: 'INVALID_ARGUMENT',
        detail: 'No type provided. No timeout provided. No maxJobsToActivate provided.',
      });
      expect(invalid.body?.detail).to.equal(
        "No type provided. The value for timeout is '0' but must be greater than 0. The value for maxJobsToActivate is '-1' but must be greater than 0.",
      );
      expect(api.commands.calls).to.deep.equal([]);
    });

    it('should abort the long poll when the client goes away', async () => {
      // given
      api.commands.holdActivation = true;
      const controller = new AbortController();

      // when
      const request = fetch(`${api.url}/v2/jobs/activation`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'a', timeout: 1000, maxJobsToActivate: 1, requestTimeout: 60_000 }),
        signal: controller.signal,
      }).catch(() => undefined);
      const signal = await eventually(
        'the activation to reach the engine',
        async () => api.commands.calls.length > 0 && api.commands.signals.at(-1),
        { every: 5 },
      );
      expect(signal.aborted).to.equal(false);
      controller.abort();
      await request;

      // then
      await eventually('the engine to be told the client went away', async () => signal.aborted, { within: 2000, every: 5 });
    });
  });

  describe('job commands', () => {
    const jobKey = JobKey.assumeExists('2251799813685400');

    it('should complete a job with its variables', async () => {
      // when
      await api.client.completeJob({ jobKey, variables: { sent: true } });
      await raw(api, 'POST', '/v2/jobs/2251799813685400/completion');

      // then
      expect(api.commands.calls.map((c) => c.args)).to.deep.equal([
        ['2251799813685400', { sent: true }],
        ['2251799813685400', {}],
      ]);
    });

    it('should refuse a job result the engine cannot apply', async () => {
      // when
      const response = await raw(api, 'POST', '/v2/jobs/1/completion', { json: { result: { type: 'userTask', denied: true } } });

      // then
      expect(response.status).to.equal(400);
      expect(response.body?.detail).to.match(/does not support a job result/);
    });

    it('should fail a job with retries, message, back-off and variables (defaults when absent)', async () => {
      // when
      await api.client.failJob({ jobKey, retries: 2, errorMessage: 'printer jammed', retryBackOff: 5000, variables: { attempt: 1 } });
      await raw(api, 'POST', '/v2/jobs/2251799813685400/failure', { json: {} });

      // then
      expect(api.commands.calls.map((c) => c.args)).to.deep.equal([
        ['2251799813685400', { retries: 2, errorMessage: 'printer jammed', retryBackOff: 5000, variables: { attempt: 1 } }],
        ['2251799813685400', { retries: 0, errorMessage: '', retryBackOff: 0, variables: {} }],
      ]);
    });

    it('should throw a BPMN error and require its code', async () => {
      // when
      await api.client.throwJobError({ jobKey, errorCode: 'NO_STOCK', errorMessage: 'out of stock', variables: { sku: 'x' } });
      const missing = await raw(api, 'POST', '/v2/jobs/2251799813685400/error', { json: { errorMessage: 'x' } });

      // then
      expect(api.commands.last('throwJobError')).to.deep.equal([
        '2251799813685400',
        { errorCode: 'NO_STOCK', errorMessage: 'out of stock', variables: { sku: 'x' } },
      ]);
      expect(missing.body?.detail).to.equal('No errorCode provided.');
    });

    it('should update retries and timeout from the changeset and require one of them', async () => {
      // when
      await api.client.updateJob({ jobKey, changeset: { retries: 5 } });
      await api.client.updateJob({ jobKey, changeset: { timeout: 60_000, retries: null } });
      const empty = await raw(api, 'PATCH', '/v2/jobs/2251799813685400', { json: { changeset: {} } });

      // then
      expect(api.commands.calls.map((c) => c.args)).to.deep.equal([
        ['2251799813685400', { retries: 5 }],
        ['2251799813685400', { timeout: 60_000 }],
      ]);
      expect(empty.status).to.equal(400);
      expect(empty.body?.detail).to.equal('At least one of [retries, timeout] is required.');
    });
  });

  describe('user task commands', () => {
    const userTaskKey = UserTaskKey.assumeExists('2251799813685500');

    it('should assign (override allowed by default), unassign and complete', async () => {
      // when
      await api.client.assignUserTask({ userTaskKey, assignee: 'kaisa' });
      await api.client.assignUserTask({ userTaskKey, assignee: 'ville', allowOverride: false });
      await api.client.unassignUserTask({ userTaskKey });
      await api.client.completeUserTask({ userTaskKey, variables: { approved: true } });

      // then
      expect(api.commands.calls.map((c) => [c.method, ...c.args])).to.deep.equal([
        ['assignUserTask', '2251799813685500', { assignee: 'kaisa', allowOverride: true }],
        ['assignUserTask', '2251799813685500', { assignee: 'ville', allowOverride: false }],
        ['unassignUserTask', '2251799813685500'],
        ['completeUserTask', '2251799813685500', { approved: true }],
      ]);
    });

    it('should require an assignee', async () => {
      // when
      const response = await raw(api, 'POST', '/v2/user-tasks/2251799813685500/assignment', { json: { assignee: '' } });

      // then
      expect(response.status).to.equal(400);
      expect(response.body?.detail).to.equal('No assignee provided.');
    });
  });

  describe('messages', () => {
    it('should publish with defaults for correlation key and time to live', async () => {
      // when
      const published = await api.client.publishMessage({
        name: 'paid',
        correlationKey: 'A-1',
        timeToLive: 60_000,
        messageId: 'm-1',
        variables: { amount: 5 },
      });
      await raw(api, 'POST', '/v2/messages/publication', { json: { name: 'ping' } });

      // then
      expect(published).to.deep.equal({ tenantId: '<default>', messageKey: '2251799813685300' });
      expect(api.commands.calls.map((c) => c.args[0])).to.deep.equal([
        { name: 'paid', correlationKey: 'A-1', timeToLive: 60_000, messageId: 'm-1', variables: { amount: 5 } },
        { name: 'ping', correlationKey: '', timeToLive: 0, messageId: undefined, variables: {} },
      ]);
    });

    it('should correlate and answer the process instance', async () => {
      // when
      const correlated = await api.client.correlateMessage({ name: 'paid', correlationKey: 'A-1', variables: { amount: 5 } });

      // then
      expect(api.commands.last('correlateMessage')).to.deep.equal([{ name: 'paid', correlationKey: 'A-1', variables: { amount: 5 } }]);
      expect(correlated).to.deep.equal({ tenantId: '<default>', messageKey: '2251799813685301', processInstanceKey: '2251799813685302' });
    });

    it('should require a message name', async () => {
      // when
      const response = await raw(api, 'POST', '/v2/messages/correlation', { json: { correlationKey: 'A-1' } });

      // then
      expect(response.body?.detail).to.equal('No name provided.');
    });
  });

  describe('POST /v2/signals/broadcast', () => {
    it('should broadcast with its variables and answer the signal key', async () => {
      // when
      const broadcast = await api.client.broadcastSignal({ signalName: 'stop', variables: { reason: 'closed' } });
      await raw(api, 'POST', '/v2/signals/broadcast', { json: { signalName: 'ping' } });

      // then
      expect(broadcast).to.deep.equal({ tenantId: '<default>', signalKey: '2251799813685303' });
      expect(api.commands.calls.map((c) => c.args[0])).to.deep.equal([
        { signalName: 'stop', variables: { reason: 'closed' } },
        { signalName: 'ping', variables: {} },
      ]);
    });

    it('should require a signal name', async () => {
      // when
      const response = await raw(api, 'POST', '/v2/signals/broadcast', { json: { variables: {} } });

      // then
      expect(response.status).to.equal(400);
      expect(response.body?.detail).to.equal('No signalName provided.');
      expect(api.commands.calls).to.deep.equal([]);
    });

    it('should refuse a tenant other than the default', async () => {
      // when
      const response = await raw(api, 'POST', '/v2/signals/broadcast', { json: { signalName: 'stop', tenantId: 'other' } });

      // then
      expect(response.status).to.equal(400);
      expect(api.commands.calls).to.deep.equal([]);
    });
  });

  describe('POST /v2/incidents/{key}/resolution', () => {
    it('should resolve the incident', async () => {
      // when
      await api.client.resolveIncident({ incidentKey: IncidentKey.assumeExists('2251799813685600') });

      // then
      expect(api.commands.last('resolveIncident')).to.deep.equal(['2251799813685600']);
    });
  });
});
