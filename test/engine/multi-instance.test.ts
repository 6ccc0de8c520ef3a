import { expect } from 'chai';
import {
  completeNext,
  elementInstances,
  expectNoJob,
  expectProblem,
  useEngineSuite,
  waitForJob,
  waitForState,
  type Job,
} from './helpers.js';

describe('multi-instance', () => {
  const t = useEngineSuite('mi-parallel.bpmn', 'mi-sequential.bpmn', 'mi-error.bpmn');
  const { instances } = t;

  it('should run a parallel multi-instance over a collection at once and gather the results in input order', async () => {
    // given
    const key = await instances.start('mi-parallel', { items: [3, 1, 2] });

    // when
    const { jobs } = await t.client.activateJobs({
      type: 'mi-par',
      worker: 'acceptance',
      timeout: 60_000,
      maxJobsToActivate: 10,
      requestTimeout: 1000,
    });
    expect(jobs).to.have.length(3);
    const byCounter = [...jobs].sort((a, b) => Number(a.variables.loopCounter) - Number(b.variables.loopCounter));
    for (const job of [...byCounter].reverse()) {
      await t.client.completeJob({ jobKey: job.jobKey, variables: { result: Number(job.variables.item) * 10 } });
    }

    // then
    expect(byCounter.map((j) => [j.variables.loopCounter, j.variables.item])).to.deep.equal([
      [1, 3],
      [2, 1],
      [3, 2],
    ]);
    const collect = await waitForJob(t.client, 'mi-par-collect', { processInstanceKey: key });
    expect(collect.variables.results).to.deep.equal([30, 10, 20]);
    const elements = await elementInstances(t.client, key);
    const each = elements.filter((e) => e.elementId === 'each');
    expect(each.map((e) => `${e.type}:${e.state}`)).to.deep.equal([
      'MULTI_INSTANCE_BODY:COMPLETED',
      'SERVICE_TASK:COMPLETED',
      'SERVICE_TASK:COMPLETED',
      'SERVICE_TASK:COMPLETED',
    ]);
  });

  it('should run a sequential multi-instance one item at a time with its loopCounter', async () => {
    // given
    const key = await instances.start('mi-sequential', { items: ['a', 'b', 'c'] });
    const seen: Job[] = [];

    // when
    for (let i = 0; i < 3; i++) {
      const job = await waitForJob(t.client, 'mi-seq', { processInstanceKey: key });
      await expectNoJob(t.client, 'mi-seq');
      seen.push(job);
      await t.client.completeJob({ jobKey: job.jobKey, variables: { result: `${job.variables.item}!` } });
    }

    // then
    expect(seen.map((j) => [j.variables.loopCounter, j.variables.item])).to.deep.equal([
      [1, 'a'],
      [2, 'b'],
      [3, 'c'],
    ]);
    const collect = await waitForJob(t.client, 'mi-seq-collect', { processInstanceKey: key });
    expect(collect.variables.results).to.deep.equal(['a!', 'b!', 'c!']);
    await t.client.completeJob({ jobKey: collect.jobKey });
    await waitForState(t.client, key, 'COMPLETED');
  });

  it('should complete at once over an empty collection', async () => {
    // given
    const key = await instances.start('mi-parallel', { items: [] });

    // when
    const collect = await completeNext(t.client, 'mi-par-collect', {}, key);

    // then
    expect(collect.variables.results).to.deep.equal([]);
    await waitForState(t.client, key, 'COMPLETED');
    const each = (await elementInstances(t.client, key)).filter((e) => e.elementId === 'each');
    expect(each.map((e) => `${e.type}:${e.state}`)).to.deep.equal(['MULTI_INSTANCE_BODY:COMPLETED']);
    await expectNoJob(t.client, 'mi-par');
  });

  it('should terminate every inner instance when one throws an error caught by a boundary event on the multi-instance activity', async () => {
    // given
    const key = await instances.start('mi-error', { items: ['x', 'y', 'z'] });
    const { jobs } = await t.client.activateJobs({
      type: 'mi-err-each',
      worker: 'acceptance',
      timeout: 60_000,
      maxJobsToActivate: 10,
      requestTimeout: 1000,
    });
    expect(jobs).to.have.length(3);
    await t.client.completeJob({ jobKey: jobs[0].jobKey });

    // when
    await t.client.throwJobError({ jobKey: jobs[1].jobKey, errorCode: 'ITEM_FAILED' });

    // then
    await waitForJob(t.client, 'mi-err-handle', { processInstanceKey: key });
    const each = (await elementInstances(t.client, key)).filter((e) => e.elementId === 'each');
    expect(each.map((e) => `${e.type}:${e.state}`)).to.deep.equal([
      'MULTI_INSTANCE_BODY:TERMINATED',
      'SERVICE_TASK:COMPLETED',
      'SERVICE_TASK:TERMINATED',
      'SERVICE_TASK:TERMINATED',
    ]);
    await expectProblem(t.client.completeJob({ jobKey: jobs[2].jobKey }), 404);
  });
});
