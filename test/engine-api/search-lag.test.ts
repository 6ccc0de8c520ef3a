import { ElementId, ProcessDefinitionId, ProcessInstanceKey, UserTaskKey } from '@camunda8/orchestration-cluster-api';
import { expect } from 'chai';
import { eventually } from '../support/eventually.js';
import { startTestService, type TestService } from '../support/service.js';

const NO_WAIT = { consistency: { waitUpToMs: 0 } } as const;
const LAG_MS = 600;
const DAY_MS = 86_400_000;

/**
 * ENGINE_SEARCH_LAG_MS: the embedded engine's search behaves as a cluster's secondary storage
 * behind its exporter, and a clock change answers before the timers it made due have fired.
 */
describe('embedded engine with a search lag', () => {
  let t: TestService;

  before(async () => {
    t = await startTestService({ ENGINE_SEARCH_LAG_MS: String(LAG_MS) });
    await t.client.deployResourcesFromFiles(['test/fixtures/lagging-search.bpmn']);
  });

  after(async () => {
    await t?.client.resetClock();
    await t?.close();
  });

  const tasksAt = async (instanceKey: string, elementId: string) =>
    (
      await t.client.searchUserTasks(
        { filter: { processInstanceKey: ProcessInstanceKey.assumeExists(instanceKey), elementId: ElementId.assumeExists(elementId) } },
        NO_WAIT,
      )
    ).items;

  it('should show a new instance and its task only after the lag, while commands on them work at once', async () => {
    // given
    const created = await t.client.createProcessInstance({
      processDefinitionId: ProcessDefinitionId.assumeExists('lagging-search'),
      variables: { n: 1 },
    });
    const key = String(created.processInstanceKey);
    const startedAt = Date.now();

    // when searched at once
    const instancesAtOnce = await t.client.searchProcessInstances(
      { filter: { processInstanceKey: ProcessInstanceKey.assumeExists(key) } },
      NO_WAIT,
    );
    const tasksAtOnce = await tasksAt(key, 'first');
    const variablesAtOnce = await t.client.searchVariables(
      { filter: { processInstanceKey: ProcessInstanceKey.assumeExists(key) } },
      NO_WAIT,
    );
    const getAtOnce = await t.client.getProcessInstance({ processInstanceKey: ProcessInstanceKey.assumeExists(key) }, NO_WAIT).then(
      () => 'found',
      (error: { status?: number }) => error.status,
    );

    // then nothing shows yet, and then everything does
    expect([instancesAtOnce.items.length, tasksAtOnce.length, variablesAtOnce.items.length, getAtOnce]).to.deep.equal([0, 0, 0, 404]);
    const [task] = await eventually('the task in search', async () =>
      (await tasksAt(key, 'first')).length > 0 ? tasksAt(key, 'first') : undefined,
    );
    expect(Date.now() - startedAt).to.be.at.least(LAG_MS - 50);
    expect((await t.client.getProcessInstance({ processInstanceKey: ProcessInstanceKey.assumeExists(key) }, NO_WAIT)).state).to.equal(
      'ACTIVE',
    );
    await t.client.completeUserTask({ userTaskKey: UserTaskKey.assumeExists(String(task.userTaskKey)) });
  });

  it('should answer a clock change before the timers it made due have fired, and fire them right after', async () => {
    // given an instance waiting on its one-day timer
    const created = await t.client.createProcessInstance({
      processDefinitionId: ProcessDefinitionId.assumeExists('lagging-search'),
      variables: { n: 2 },
    });
    const key = String(created.processInstanceKey);
    const [first] = await eventually('the first task', async () =>
      (await tasksAt(key, 'first')).length > 0 ? tasksAt(key, 'first') : undefined,
    );
    await t.client.completeUserTask({ userTaskKey: UserTaskKey.assumeExists(String(first.userTaskKey)) });
    await eventually('the timer to wait', async () => {
      const waiting = await t.client.searchElementInstances(
        {
          filter: { processInstanceKey: ProcessInstanceKey.assumeExists(key), elementId: ElementId.assumeExists('wait'), state: 'ACTIVE' },
        },
        NO_WAIT,
      );
      return waiting.items.length > 0 || undefined;
    });

    // when
    await t.client.pinClock({ timestamp: Date.now() + 2 * DAY_MS });
    const rowsRightAfter = await t.service.database
      .knex('engine.element_instances')
      .where({ process_instance_key: key, element_id: 'second' })
      .count<{ count: string }[]>('* as count');

    // then
    expect(Number(rowsRightAfter[0].count), 'not yet fired when the call answered').to.equal(0);
    const [second] = await eventually('the second task', async () =>
      (await tasksAt(key, 'second')).length > 0 ? tasksAt(key, 'second') : undefined,
    );
    expect(second.state).to.equal('CREATED');
  });
});
