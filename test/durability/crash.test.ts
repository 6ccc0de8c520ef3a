import { expect } from 'chai';
import knexFactory, { type Knex } from 'knex';
import { readFileSync } from 'node:fs';
import { ChildService, freePort } from '../../kit/child-service.js';
import { createTestDatabase } from '../support/postgres.js';
import { camundaClientFor, type CamundaClient } from '../../kit/camunda-client.js';
import { eventually } from '../support/eventually.js';
import { seededRandom, seedFromEnvironment } from '../../kit/seeded-random.js';

const INSTANCES = 60;
const KILLS = 3;

/**
 * Workers written as plain activate/complete loops that shrug off connection errors, so they keep
 * going while the service is down, as a real worker fleet would.
 */
function startWorker(client: CamundaClient, type: string, stop: { done: boolean }): Promise<void> {
  return (async () => {
    while (!stop.done) {
      try {
        const { jobs } = await client.activateJobs(
          { type, worker: 'crash-test', timeout: 2000, maxJobsToActivate: 20, requestTimeout: 500 },
          { retry: false },
        );
        await Promise.all(
          jobs.map((job) =>
            client.completeJob({ jobKey: job.jobKey, variables: { [`${type}-done`]: true } }, { retry: false }).catch(() => undefined),
          ),
        );
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  })();
}

/** The seed of the kill moments: printed at the start, so `CHAOS_SEED=<seed>` replays a failing run's choices. */
const CHAOS_SEED = seedFromEnvironment('CHAOS_SEED');

describe('durability', function () {
  this.timeout(240_000);
  let knex: Knex;
  let service: ChildService;

  before(async () => {
    console.log(`CHAOS_SEED=${CHAOS_SEED} (set it to replay this run's kill moments)`);
    const url = await createTestDatabase('crash');
    knex = knexFactory({ client: 'pg', connection: url, pool: { min: 0, max: 2 } });
    service = new ChildService(await freePort(), { DATABASE_URL: url, WORKERS: 'off', DATA_DIR: '.tmp/crash-data' });
  });

  after(async () => {
    await service.stop();
    await knex.destroy();
  });

  it('should complete every instance exactly once when the service is killed with SIGKILL mid-run', async () => {
    // given
    await service.start();
    const client = camundaClientFor(service.url);
    await client.createDeployment({ resources: [new File([readFileSync('test/fixtures/durable.bpmn')], 'durable.bpmn')] });
    const keys: string[] = [];
    for (let i = 0; i < INSTANCES; i++) {
      keys.push((await client.createProcessInstance({ processDefinitionId: 'durable' as never, variables: { i } })).processInstanceKey);
    }
    const stop = { done: false };
    const workers = [startWorker(client, 'durable-a', stop), startWorker(client, 'durable-b', stop)];

    // when: killed at random moments, restarted after the 1 s timers have fallen due
    const random = seededRandom(CHAOS_SEED);
    for (let round = 0; round < KILLS; round++) {
      await new Promise((r) => setTimeout(r, 300 + random() * 700));
      await service.kill();
      await new Promise((r) => setTimeout(r, 1200));
      await service.start();
    }
    const completedCount = async () =>
      Number((await knex('engine.process_instances').where({ state: 'COMPLETED' }).count({ n: '*' }))[0].n);
    await eventually(
      `all ${INSTANCES} instances to complete`,
      async () => {
        const completed = await completedCount();
        if (completed < INSTANCES) throw new Error(`${completed} of ${INSTANCES} completed`);
        return true;
      },
      { within: 60_000, every: 200 },
    ).finally(async () => {
      stop.done = true;
      await Promise.all(workers);
    });

    // then
    expect(await completedCount()).to.equal(INSTANCES);
    const perElement = await knex('engine.element_instances')
      .whereIn('process_instance_key', keys)
      .andWhere({ state: 'COMPLETED' })
      .select('process_instance_key', 'element_id')
      .count({ n: '*' })
      .groupBy('process_instance_key', 'element_id');
    expect(perElement).to.have.length(INSTANCES * 6);
    expect(perElement.every((row) => Number(row.n) === 1)).to.equal(true);
    const leftovers = await knex('engine.element_instances')
      .whereIn('process_instance_key', keys)
      .andWhere({ state: 'ACTIVE' })
      .count({ n: '*' });
    expect(Number(leftovers[0].n)).to.equal(0);
    const openJobs = await knex('engine.jobs').whereNull('ended_at').count({ n: '*' });
    expect(Number(openJobs[0].n)).to.equal(0);
  });
});
