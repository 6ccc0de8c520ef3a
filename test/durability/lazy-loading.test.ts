import { ProcessDefinitionId, ProcessInstanceKey } from '@camunda8/orchestration-cluster-api';
import { expect } from 'chai';
import type { Knex } from 'knex';
import { readFileSync } from 'node:fs';
import { useRestartableService } from './restartable-service.js';

/** Issue 2: "a restart with 10,000 waiting instances must not replay them all into memory at boot". */
const WAITING = 10_000;
/**
 * Instances started through the API; the rest are copies of their rows under fresh keys, because
 * 10,000 starts through the API take over a minute on a shared CI machine.
 */
const STARTED = 100;
const KEY_STRIDE = 1_000_000_000;
/** Reads here are consistent at once (the engine's own tables), so no eventual-consistency polling. */
const NOW = { consistency: { waitUpToMs: 0 } };

describe('lazy loading of instances', function () {
  this.timeout(120_000);
  const service = useRestartableService('lazy');

  it('should load none of 10,000 waiting instances at start, and only the one an event needs', async () => {
    // given: instances waiting at a user task, created through the API, then a restart
    let client = await service.restart();
    await client.createDeployment({ resources: [new File([readFileSync('test/fixtures/waiting.bpmn')], 'waiting.bpmn')] });
    const started = await Promise.all(
      Array.from({ length: STARTED }, (_, i) =>
        client.createProcessInstance({ processDefinitionId: ProcessDefinitionId.assumeExists('waiting'), variables: { i } }),
      ),
    );
    await copyInstances(service.current.service.database.knex, WAITING / STARTED - 1);
    client = await service.restart();
    const engine = service.current.service.engine!.engine;

    // when: nothing has happened yet
    const atStart = engine.cachedTrees;
    // A copy's task, so a copy's rows are shown to load and run as the engine's own do.
    const copy = ProcessInstanceKey.assumeExists(
      String(BigInt(started[0].processInstanceKey) + BigInt((WAITING / STARTED - 1) * KEY_STRIDE)),
    );
    const tasks = await client.searchUserTasks({ filter: { state: 'CREATED', processInstanceKey: copy }, page: { limit: 1 } }, NOW);
    const all = await client.searchUserTasks({ filter: { state: 'CREATED' }, page: { limit: 1 } }, NOW);
    await client.completeUserTask({ userTaskKey: tasks.items[0].userTaskKey });

    // then
    expect(atStart).to.equal(0);
    expect(all.page.totalItems).to.equal(WAITING);
    expect(tasks.items.map((t) => t.processInstanceKey)).to.deep.equal([copy]);
    expect(engine.cachedTrees).to.equal(0, 'the completed instance leaves memory with its last command');
    const instance = await client.getProcessInstance({ processInstanceKey: tasks.items[0].processInstanceKey }, NOW);
    expect(instance.state).to.equal('COMPLETED');
    const stillWaiting = await client.searchProcessInstances(
      { filter: { processDefinitionId: ProcessDefinitionId.assumeExists('waiting'), state: 'ACTIVE' }, page: { limit: 1 } },
      NOW,
    );
    expect(stillWaiting.page.totalItems).to.equal(WAITING - 1);
  });
});

/**
 * Copies every instance in the engine tables `copies` times, each copy's keys shifted by a stride,
 * and moves the key sequence past them; the copies are rows of the very shape the engine wrote.
 */
async function copyInstances(knex: Knex, copies: number): Promise<void> {
  const shifted = (columns: string[], all: string[]) =>
    all.map((c) => (columns.includes(c) ? `${c} + g.n::bigint * ${KEY_STRIDE}` : c)).join(', ');
  const tables: Record<string, string[]> = {
    process_instances: ['key', 'root_key'],
    element_instances: ['key', 'root_key', 'process_instance_key', 'flow_scope_key'],
    variables: ['key', 'root_key', 'process_instance_key', 'scope_key'],
    user_tasks: ['key', 'root_key', 'process_instance_key', 'element_instance_key'],
  };
  await knex.transaction(async (tx) => {
    for (const [table, keyColumns] of Object.entries(tables)) {
      const columns = (await tx('information_schema.columns')
        .where({ table_schema: 'engine', table_name: table })
        .orderBy('ordinal_position')
        .pluck('column_name')) as string[];
      await tx.raw(
        `INSERT INTO engine.${table} (${columns.join(', ')}) SELECT ${shifted(keyColumns, columns)} FROM engine.${table} CROSS JOIN generate_series(1, ${copies}) AS g(n)`,
      );
    }
    await tx.raw(`SELECT setval('engine.keys', (SELECT max(key) FROM engine.element_instances) + 1000)`);
  });
}
