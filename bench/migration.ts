import createCamundaClient, { type EndCursor, ProcessDefinitionKey, ProcessInstanceKey } from '@camunda8/orchestration-cluster-api';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ChildService, freePort } from '../kit/child-service.js';

/**
 * `npm run bench:migration`: BENCH_INSTANCES (default 1,000) instances waiting at a user task with
 * a timer boundary event, migrated from version 1 of their process to version 2 one
 * POST /v2/process-instances/{key}/migration each (BENCH_IN_FLIGHT at a time, default 20), then
 * all together from version 2 to 3 as one batch operation (POST /v2/process-instances/migration).
 * The service runs as `npm start` runs it (embedded engine and PostgreSQL, no workers) in a process
 * of its own. Prints wall time and instances/s of each, then checks that every instance is on the
 * last version with its user task's key kept.
 */
const INSTANCES = Number(process.env.BENCH_INSTANCES ?? 1000);
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 20);

/** Each version renames the waiting task and its boundary, so a migration must map them. */
function diagram(version: number): string {
  const id = (name: string) => `${name}-v${version}`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="bench-migration-defs" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="bench-migration" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="${id('assess')}"><bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>
    <bpmn:boundaryEvent id="${id('remind')}" cancelActivity="false" attachedToRef="${id('assess')}"><bpmn:outgoing>f3</bpmn:outgoing><bpmn:timerEventDefinition><bpmn:timeDuration>P14D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:endEvent id="reminded"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="${id('assess')}" />
    <bpmn:sequenceFlow id="f2" sourceRef="${id('assess')}" targetRef="end" />
    <bpmn:sequenceFlow id="f3" sourceRef="${id('remind')}" targetRef="reminded" />
  </bpmn:process>
</bpmn:definitions>`;
}

const mapping = (from: number, to: number) =>
  ['assess', 'remind'].map((name) => ({ sourceElementId: `${name}-v${from}` as never, targetElementId: `${name}-v${to}` as never }));

/** Runs `work` for each item, `limit` at a time. */
async function inPool<T>(items: T[], limit: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: limit }, async () => {
    while (next < items.length) await work(items[next++]!);
  });
  await Promise.all(lanes);
}

async function main(): Promise<void> {
  mkdirSync(resolve('.tmp'), { recursive: true });
  const dataDir = mkdtempSync(join(resolve('.tmp'), 'bench-migration-'));
  const service = new ChildService(await freePort(), { DATA_DIR: dataDir, DATABASE_URL: '', CAMUNDA_REST_ADDRESS: '', WORKERS: 'off' });
  await service.start();
  const client = createCamundaClient({
    config: { CAMUNDA_REST_ADDRESS: service.url, CAMUNDA_SDK_LOG_LEVEL: 'silent', CAMUNDA_SDK_VALIDATION: 'none' },
  });
  try {
    const keysOf: string[] = [];
    for (const version of [1, 2, 3]) {
      const deployment = await client.createDeployment({
        resources: [new File([diagram(version)], `v${version}.bpmn`, { type: 'application/xml' })],
      });
      keysOf[version] = deployment.processes[0]!.processDefinitionKey;
    }
    const instances: string[] = [];
    await inPool(Array.from({ length: INSTANCES }), IN_FLIGHT, async () => {
      const created = await client.createProcessInstance({ processDefinitionKey: ProcessDefinitionKey.assumeExists(keysOf[1]!) });
      instances.push(created.processInstanceKey);
    });
    const tasksBefore = new Map((await userTaskKeys(client, INSTANCES)).map((task) => [task.key, task.instance]));

    const singleBegan = performance.now();
    await inPool(instances, IN_FLIGHT, (key) =>
      client.migrateProcessInstance({
        processInstanceKey: ProcessInstanceKey.assumeExists(key),
        targetProcessDefinitionKey: ProcessDefinitionKey.assumeExists(keysOf[2]!),
        mappingInstructions: mapping(1, 2),
      }),
    );
    const single = (performance.now() - singleBegan) / 1000;

    const batchBegan = performance.now();
    const batch = await client.migrateProcessInstancesBatchOperation({
      filter: { processDefinitionKey: ProcessDefinitionKey.assumeExists(keysOf[2]!) },
      migrationPlan: { targetProcessDefinitionKey: ProcessDefinitionKey.assumeExists(keysOf[3]!), mappingInstructions: mapping(2, 3) },
    });
    const report = await client.getBatchOperation({ batchOperationKey: batch.batchOperationKey }, { consistency: { waitUpToMs: 0 } });
    const batched = (performance.now() - batchBegan) / 1000;

    const tasksAfter = await userTaskKeys(client, INSTANCES);
    const onLast = await client.searchProcessInstances(
      { filter: { processDefinitionKey: ProcessDefinitionKey.assumeExists(keysOf[3]!), state: 'ACTIVE' }, page: { limit: 1 } },
      { consistency: { waitUpToMs: 0 } },
    );
    const kept = tasksAfter.filter((task) => tasksBefore.get(task.key) === task.instance && task.elementId === 'assess-v3').length;

    console.log(`${INSTANCES} instances waiting at a user task with a timer boundary, ${IN_FLIGHT} requests in flight`);
    console.log(`one by one (v1 → v2)   ${single.toFixed(2)} s   ${(INSTANCES / single).toFixed(0)} instances/s`);
    console.log(
      `one batch  (v2 → v3)   ${batched.toFixed(2)} s   ${(INSTANCES / batched).toFixed(0)} instances/s   (${report.operationsCompletedCount} completed, ${report.operationsFailedCount} failed)`,
    );
    console.log(`on version 3: ${onLast.page.totalItems} of ${INSTANCES}; user tasks that kept their key and instance: ${kept}`);
  } finally {
    await service.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Every open user task of the benchmark: its key, instance and element. */
async function userTaskKeys(client: ReturnType<typeof createCamundaClient>, expected: number) {
  const tasks: Array<{ key: string; instance: string; elementId: string }> = [];
  let after: EndCursor | undefined;
  while (tasks.length < expected) {
    const page = await client.searchUserTasks(
      { filter: { state: 'CREATED' }, page: after ? { limit: 500, after } : { limit: 500 } },
      { consistency: { waitUpToMs: 0 } },
    );
    if (page.items.length === 0) break;
    for (const t of page.items) tasks.push({ key: t.userTaskKey, instance: t.processInstanceKey, elementId: t.elementId });
    after = page.page.endCursor ?? undefined;
  }
  return tasks;
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
