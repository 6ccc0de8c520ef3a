import { expect } from 'chai';
import { mkdtempSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pino } from 'pino';
import { loadConfig } from '../../src/config.js';
import { startService, type Service } from '../../src/service.js';
import { createTestDatabase } from '../support/postgres.js';
import { camundaClientFor } from '../support/service.js';

const WAITING = 300;
/** Reads here are consistent at once (the engine's own tables), so no eventual-consistency polling. */
const NOW = { consistency: { waitUpToMs: 0 } };

describe('lazy loading of instances', function () {
  this.timeout(120_000);
  let databaseUrl: string;
  let service: Service | undefined;

  const start = async () => {
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      DATA_DIR: mkdtempSync(join(resolve('.tmp'), 'data-')),
      LOG_LEVEL: 'silent',
      WORKERS: 'off',
    });
    service = await startService(config, { logger: pino({ level: 'silent' }) });
    return service;
  };

  before(async () => {
    databaseUrl = await createTestDatabase('lazy');
  });

  after(async () => {
    await service?.close();
  });

  it('should load no waiting instance at start, and only the one an event needs', async () => {
    // given: instances waiting at a user task, then a restart
    let running = await start();
    let client = camundaClientFor(running.url);
    await client.createDeployment({ resources: [new File([readFileSync('test/fixtures/waiting.bpmn')], 'waiting.bpmn')] });
    for (let i = 0; i < WAITING; i++) await client.createProcessInstance({ processDefinitionId: 'waiting' as never, variables: { i } });
    await running.close();
    running = await start();
    client = camundaClientFor(running.url);

    // when: nothing has happened yet
    const atStart = running.engine!.engine.cachedTrees;
    const tasks = await client.searchUserTasks({ filter: { state: 'CREATED' }, page: { limit: 1 } }, NOW);
    await client.completeUserTask({ userTaskKey: tasks.items[0].userTaskKey });

    // then
    expect(atStart).to.equal(0);
    expect(tasks.page.totalItems).to.equal(WAITING);
    expect(running.engine!.engine.cachedTrees).to.equal(0, 'the completed instance leaves memory with its last command');
    const instance = await client.getProcessInstance({ processInstanceKey: tasks.items[0].processInstanceKey }, NOW);
    expect(instance.state).to.equal('COMPLETED');
    const stillWaiting = await client.searchProcessInstances({ filter: { processDefinitionId: 'waiting' as never, state: 'ACTIVE' } }, NOW);
    expect(stillWaiting.page.totalItems).to.equal(WAITING - 1);
  });
});
