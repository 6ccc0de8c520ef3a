import { JobKey, ProcessInstanceKey } from '@camunda8/orchestration-cluster-api';
import type { EngineError } from 'camunda-external-task-client-js';
import { expect } from 'chai';
import { expectNoJob, MINUTE, NOW, pin, raw, SECOND, useEngineSuite, waitForJob } from '../engine/helpers.js';
import { fetchTopic, post, takeWithLibrary, WORKER } from './external-task-kit.js';

const UNKNOWN = '2251799813999999';

describe('/engine-rest task commands and locks', () => {
  const t = useEngineSuite('jobs.bpmn', 'error-boundary.bpmn');

  describe('errors in Camunda 7 shape', () => {
    const commands: Array<[string, Record<string, unknown>]> = [
      ['complete', { workerId: WORKER }],
      ['failure', { workerId: WORKER, retries: 1 }],
      ['bpmnError', { workerId: WORKER, errorCode: 'E' }],
      ['extendLock', { workerId: WORKER, newDuration: 1000 }],
      ['unlock', {}],
    ];
    for (const [command, body] of commands) {
      it(`should answer ${command} of an unknown id 404 InvalidRequestException`, async () => {
        // when
        const answer = await post(t, `/external-task/${UNKNOWN}/${command}`, body);

        // then
        expect(answer.status).to.equal(404);
        expect(answer.contentType).to.equal('application/json');
        expect(answer.body).to.deep.equal({
          type: 'InvalidRequestException',
          message: `External task with id ${UNKNOWN} does not exist`,
        });
      });
    }

    it('should answer a request without a workerId 400 InvalidRequestException', async () => {
      // when
      const answer = await post(t, '/external-task/fetchAndLock', { maxTasks: 1, topics: [{ topicName: 'x', lockDuration: 1000 }] });

      // then
      expect(answer.status).to.equal(400);
      expect(answer.body).to.have.property('type', 'InvalidRequestException');
      expect(answer.body?.message).to.include('workerId');
    });

    it('should answer a filter the engine cannot apply 400 naming it', async () => {
      // when
      const answer = await post(t, '/external-task/fetchAndLock', {
        workerId: WORKER,
        maxTasks: 1,
        topics: [{ topicName: 'jobs-first', lockDuration: 1000, businessKey: 'order-1' }],
      });
      const listed = await raw(t, 'GET', '/engine-rest/external-task?priorityHigherThanOrEquals=3');

      // then
      expect(answer.status).to.equal(400);
      expect(answer.body?.message).to.include('businessKey is not supported');
      expect(listed.status).to.equal(400);
      expect(listed.body).to.deep.equal({
        type: 'InvalidRequestException',
        message: "Query parameter 'priorityHigherThanOrEquals' is not supported by the embedded engine",
      });
    });
  });

  describe('locks', () => {
    it('should answer 500 RestException to a worker completing a task another worker locked, which the library reports', async () => {
      // given
      await t.instances.start('jobs');
      const [task] = await fetchTopic(t, { topicName: 'jobs-first' }, { workerId: 'first-worker' });

      // when
      const answer = await post(t, `/external-task/${task.id}/complete`, { workerId: WORKER });

      // then
      expect(answer.status).to.equal(500);
      expect(answer.body).to.deep.equal({
        type: 'RestException',
        message: `Worker '${WORKER}' cannot complete external task ${task.id}. It is locked by worker 'first-worker'.`,
      });
    });

    it('should answer 500 to the worker whose lock has expired', async () => {
      // given
      await t.instances.start('jobs');
      const [task] = await fetchTopic(t, { topicName: 'jobs-first', lockDuration: 10 * SECOND });
      await pin(t.client, Date.now() + MINUTE);

      // when
      const complete = await post(t, `/external-task/${task.id}/complete`, { workerId: WORKER });
      const extend = await post(t, `/external-task/${task.id}/extendLock`, { workerId: WORKER, newDuration: MINUTE });

      // then
      for (const answer of [complete, extend]) {
        expect(answer.status).to.equal(500);
        expect(answer.body).to.have.property('type', 'RestException');
        expect(answer.body?.message).to.include(`Its lock expired at ${task.lockExpirationTime}`);
      }
    });

    it('should not hand a job activated through /v2 to fetchAndLock, and refuse /engine-rest commands on it', async () => {
      // given
      await t.instances.start('jobs');
      const job = await waitForJob(t.client, 'jobs-first');

      // when
      const fetched = await fetchTopic(t, { topicName: 'jobs-first' });
      const answer = await post(t, `/external-task/${job.jobKey}/complete`, { workerId: WORKER });

      // then
      expect(fetched).to.deep.equal([]);
      expect(answer.status).to.equal(500);
      expect(answer.body?.message).to.include("It is locked by worker 'acceptance'");
    });

    it('should not let /v2 activate a task fetchAndLock locked, until it is unlocked', async () => {
      // given
      await t.instances.start('jobs');
      const [task] = await fetchTopic(t, { topicName: 'jobs-first' });

      // when
      await expectNoJob(t.client, 'jobs-first');
      const unlocked = await post(t, `/external-task/${task.id}/unlock`);
      const job = await waitForJob(t.client, 'jobs-first');

      // then
      expect(unlocked.status).to.equal(204);
      expect(job.jobKey).to.equal(task.id);
    });

    it("should extend a lock from now, as the task's worker asked", async () => {
      // given
      await t.instances.start('jobs');
      const pinned = Date.parse('2026-05-04T10:00:00.000Z');
      await pin(t.client, pinned);
      const [task] = await fetchTopic(t, { topicName: 'jobs-first', lockDuration: MINUTE });

      // when
      await pin(t.client, pinned + 30 * SECOND);
      const answer = await post(t, `/external-task/${task.id}/extendLock`, { workerId: WORKER, newDuration: 5 * MINUTE });
      const listed = await raw(t, 'GET', `/engine-rest/external-task?externalTaskId=${task.id}`);

      // then
      expect(answer.status).to.equal(204);
      expect(task.lockExpirationTime).to.equal('2026-05-04T10:01:00.000+0000');
      expect((listed.body as unknown as Array<{ lockExpirationTime: string }>)[0].lockExpirationTime).to.equal(
        '2026-05-04T10:05:30.000+0000',
      );
    });
  });

  describe('outcomes', () => {
    it('should count a failure down to the retries given, hold the task for its retryTimeout, and raise an incident at 0', async () => {
      // given
      const key = await t.instances.start('jobs');
      const pinned = Date.parse('2026-05-04T10:00:00.000Z');
      await pin(t.client, pinned);
      const { task, taskService } = await takeWithLibrary(t, 'jobs-first');

      // when
      await taskService.handleFailure(task, { errorMessage: 'register down', retries: 1, retryTimeout: MINUTE });
      const heldBack = await fetchTopic(t, { topicName: 'jobs-first' });
      await pin(t.client, pinned + 2 * MINUTE);
      const [again] = await fetchTopic(t, { topicName: 'jobs-first' });
      await post(t, `/external-task/${again.id}/failure`, { workerId: WORKER, errorMessage: 'still down', retries: 0 });
      const listed = await raw(t, 'GET', `/engine-rest/external-task?processInstanceId=${key}&noRetriesLeft=true`);
      const { items: incidents } = await t.client.searchIncidents({ filter: { jobKey: JobKey.assumeExists(task.id) } }, NOW);

      // then
      expect(heldBack).to.deep.equal([]);
      expect(again).to.include({ id: task.id, retries: 1 });
      expect(listed.body).to.have.length(1);
      expect((listed.body as unknown as Array<Record<string, unknown>>)[0]).to.include({
        id: task.id,
        retries: 0,
        errorMessage: 'still down',
      });
      expect(incidents.map((i) => i.errorMessage)).to.deep.equal(['still down']);
    });

    it('should throw a BPMN error the boundary event catches, with its variables', async () => {
      // given
      const key = await t.instances.start('error-boundary');
      const [task] = await fetchTopic(t, { topicName: 'err-charge' });

      // when
      const answer = await post(t, `/external-task/${task.id}/bpmnError`, {
        workerId: WORKER,
        errorCode: 'PAYMENT_FAILED',
        errorMessage: 'card declined',
        variables: { reason: { type: 'String', value: 'declined' } },
      });
      const [refund] = await fetchTopic(t, { topicName: 'err-refund' });
      const { items } = await t.client.searchVariables(
        { filter: { processInstanceKey: ProcessInstanceKey.assumeExists(key), name: 'reason' } },
        NOW,
      );

      // then
      expect(answer.status, answer.text).to.equal(204);
      expect(refund).to.include({ activityId: 'refund', processInstanceId: key });
      expect(items.map((v) => v.value)).to.deep.equal(['"declined"']);
    });

    it("should report an answer's refusal through the library as an EngineError with the status", async () => {
      // given
      await t.instances.start('jobs');
      const { task, taskService } = await takeWithLibrary(t, 'jobs-first');
      await post(t, `/external-task/${task.id}/unlock`);
      await fetchTopic(t, { topicName: 'jobs-first' }, { workerId: 'thief' });

      // when
      const error = (await taskService.complete(task).catch((e: unknown) => e)) as EngineError;

      // then
      expect(error.httpStatusCode).to.equal(500);
      expect(error.type).to.equal('RestException');
    });
  });

  describe('GET /external-task and /count', () => {
    it('should list and count the open tasks by topic, lock and worker', async () => {
      // given
      const key = await t.instances.start('jobs');
      await t.instances.start('jobs');
      const [locked] = await fetchTopic(t, { topicName: 'jobs-first' }, { maxTasks: 1 });

      // when
      const count = (query: string) => raw(t, 'GET', `/engine-rest/external-task/count?${query}`).then((a) => a.body?.count);
      const counts = {
        topic: await count('topicName=jobs-first'),
        locked: await count('topicName=jobs-first&locked=true'),
        notLocked: await count('topicName=jobs-first&notLocked=true'),
        worker: await count(`workerId=${WORKER}`),
        instance: await count(`processInstanceId=${key}`),
        other: await count('topicName=jobs-second'),
      };
      const all = await raw(t, 'GET', '/engine-rest/external-task?topicName=jobs-first&sortBy=id&sortOrder=asc');
      const page = await raw(t, 'GET', '/engine-rest/external-task?topicName=jobs-first&sortBy=id&sortOrder=desc&maxResults=1');
      const ids = (answer: { body: unknown }) => (answer.body as Array<{ id: string }>).map((task) => task.id);

      // then
      expect(counts).to.deep.equal({ topic: 2, locked: 1, notLocked: 1, worker: 1, instance: 1, other: 0 });
      expect(ids(all)[0]).to.equal(locked.id);
      expect(ids(page)).to.deep.equal([ids(all)[1]]);
    });
  });
});
