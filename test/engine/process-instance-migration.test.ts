import { ProcessDefinitionKey, ProcessInstanceKey } from '@camunda8/orchestration-cluster-api';
import { expect } from 'chai';
import {
  type CamundaClient,
  completeNext,
  deployText,
  expectProblem,
  getInstance,
  NOW,
  trail,
  useEngineSuite,
  waitForJob,
  waitForState,
  waitForUserTask,
} from './helpers.js';

const NS = `xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"`;

/**
 * Version 1 waits at a service task `work` (with a message boundary `withdrawn`) or a user task
 * `review`, chosen by `route`; version 2 renames them and adds a user task `check` after `work`.
 */
function version(n: 1 | 2): string {
  const task = n === 1 ? 'work' : 'work-v2';
  const review = n === 1 ? 'review' : 'review-v2';
  const afterWork = n === 1 ? `<bpmn:sequenceFlow id="f-work" sourceRef="${task}" targetRef="done" />` : '';
  const check =
    n === 2
      ? `<bpmn:userTask id="check" name="Tarkista"><bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements><bpmn:incoming>f-work</bpmn:incoming><bpmn:outgoing>f-check</bpmn:outgoing></bpmn:userTask>
    <bpmn:sequenceFlow id="f-work" sourceRef="${task}" targetRef="check" />
    <bpmn:sequenceFlow id="f-check" sourceRef="check" targetRef="done" />`
      : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions ${NS} id="mig-defs" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:message id="msg-withdrawn" name="mig-withdrawn"><bpmn:extensionElements><zeebe:subscription correlationKey="=caseId" /></bpmn:extensionElements></bpmn:message>
  <bpmn:process id="mig" name="Migration v${n}" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f-start</bpmn:outgoing></bpmn:startEvent>
    <bpmn:exclusiveGateway id="route" default="f-work-in"><bpmn:incoming>f-start</bpmn:incoming><bpmn:outgoing>f-work-in</bpmn:outgoing><bpmn:outgoing>f-review-in</bpmn:outgoing></bpmn:exclusiveGateway>
    <bpmn:serviceTask id="${task}" name="Work v${n}"><bpmn:extensionElements><zeebe:taskDefinition type="mig-work" /></bpmn:extensionElements><bpmn:incoming>f-work-in</bpmn:incoming><bpmn:outgoing>f-work</bpmn:outgoing></bpmn:serviceTask>
    <bpmn:boundaryEvent id="${n === 1 ? 'withdrawn' : 'withdrawn-v2'}" attachedToRef="${task}"><bpmn:outgoing>f-withdrawn</bpmn:outgoing><bpmn:messageEventDefinition messageRef="msg-withdrawn" /></bpmn:boundaryEvent>
    <bpmn:userTask id="${review}" name="Review v${n}"><bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements><bpmn:incoming>f-review-in</bpmn:incoming><bpmn:outgoing>f-review</bpmn:outgoing></bpmn:userTask>
    <bpmn:endEvent id="done"><bpmn:incoming>${n === 1 ? 'f-work' : 'f-check'}</bpmn:incoming><bpmn:incoming>f-review</bpmn:incoming></bpmn:endEvent>
    <bpmn:endEvent id="${n === 1 ? 'closed' : 'closed-v2'}"><bpmn:incoming>f-withdrawn</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f-start" sourceRef="start" targetRef="route" />
    <bpmn:sequenceFlow id="f-work-in" sourceRef="route" targetRef="${task}" />
    <bpmn:sequenceFlow id="f-review-in" sourceRef="route" targetRef="${review}"><bpmn:conditionExpression>=kind = "review"</bpmn:conditionExpression></bpmn:sequenceFlow>
    ${afterWork}${check}
    <bpmn:sequenceFlow id="f-review" sourceRef="${review}" targetRef="done" />
    <bpmn:sequenceFlow id="f-withdrawn" sourceRef="${n === 1 ? 'withdrawn' : 'withdrawn-v2'}" targetRef="${n === 1 ? 'closed' : 'closed-v2'}" />
  </bpmn:process>
</bpmn:definitions>`;
}

const MAPPING = [
  { sourceElementId: 'work', targetElementId: 'work-v2' },
  { sourceElementId: 'withdrawn', targetElementId: 'withdrawn-v2' },
  { sourceElementId: 'review', targetElementId: 'review-v2' },
];

async function deployVersion(client: CamundaClient, n: 1 | 2): Promise<string> {
  const deployment = await deployText(client, { [`mig-v${n}.bpmn`]: version(n) });
  return deployment.processes[0]!.processDefinitionKey;
}

function migrate(client: CamundaClient, key: string, target: string, mappingInstructions = MAPPING) {
  return client.migrateProcessInstance({
    processInstanceKey: ProcessInstanceKey.assumeExists(key),
    targetProcessDefinitionKey: ProcessDefinitionKey.assumeExists(target),
    mappingInstructions: mappingInstructions.map((m) => ({
      sourceElementId: m.sourceElementId as never,
      targetElementId: m.targetElementId as never,
    })),
  });
}

describe('process instance migration', () => {
  const t = useEngineSuite();
  let v1 = '';
  let v2 = '';

  const startOn = async (definitionKey: string, variables: Record<string, unknown>) => {
    const created = await t.client.createProcessInstance({
      processDefinitionKey: ProcessDefinitionKey.assumeExists(definitionKey),
      variables,
    });
    return t.instances.track(created.processInstanceKey);
  };

  before(async () => {
    v1 = await deployVersion(t.client, 1);
    v2 = await deployVersion(t.client, 2);
  });

  it('should move a waiting service task to the new version, keeping its job and going on along the new flow', async () => {
    // given
    const key = await startOn(v1, { caseId: 'c-1' });
    const before = await waitForJob(t.client, 'mig-work', { processInstanceKey: key, timeout: 1 });

    // when
    await migrate(t.client, key, v2);

    // then
    const instance = await getInstance(t.client, key);
    expect([instance.processDefinitionKey, instance.processDefinitionVersion]).to.deep.equal([v2, 2]);
    const searched = await t.client.searchProcessInstances(
      { filter: { processDefinitionKey: ProcessDefinitionKey.assumeExists(v2) } },
      NOW,
    );
    expect(searched.items.map((i) => i.processInstanceKey)).to.include(key);
    const job = await waitForJob(t.client, 'mig-work', { processInstanceKey: key });
    expect([job.jobKey, job.elementId, job.processDefinitionKey, job.processDefinitionVersion]).to.deep.equal([
      before.jobKey,
      'work-v2',
      v2,
      2,
    ]);
    await t.client.completeJob({ jobKey: job.jobKey });
    const check = await waitForUserTask(t.client, key, 'check');
    expect(check.processDefinitionKey).to.equal(v2);
    expect(await trail(t.client, key)).to.deep.equal(['start:COMPLETED', 'route:COMPLETED', 'work-v2:COMPLETED', 'check:ACTIVE']);
  });

  it('should keep a mapped boundary event’s message subscription, which then triggers the new version’s boundary', async () => {
    // given
    const key = await startOn(v1, { caseId: 'c-2' });
    await waitForJob(t.client, 'mig-work', { processInstanceKey: key, timeout: 1 });
    const subscriptionsOf = async () =>
      (await t.client.searchMessageSubscriptions({ filter: { processInstanceKey: ProcessInstanceKey.assumeExists(key) } }, NOW)).items;
    const [before] = await subscriptionsOf();

    // when
    await migrate(t.client, key, v2);

    // then
    const after = await subscriptionsOf();
    expect(after.map((s) => [s.messageSubscriptionKey, s.elementId, s.messageSubscriptionState])).to.deep.equal([
      [before!.messageSubscriptionKey, 'withdrawn-v2', 'CREATED'],
    ]);
    await t.client.correlateMessage({ name: 'mig-withdrawn', correlationKey: 'c-2' });
    await waitForState(t.client, key, 'COMPLETED');
    expect(await trail(t.client, key)).to.include.members(['work-v2:TERMINATED', 'withdrawn-v2:COMPLETED', 'closed-v2:COMPLETED']);
  });

  it('should close the subscription of a boundary event left unmapped', async () => {
    // given
    const key = await startOn(v1, { caseId: 'c-3' });
    await waitForJob(t.client, 'mig-work', { processInstanceKey: key, timeout: 1 });

    // when
    await migrate(
      t.client,
      key,
      v2,
      MAPPING.filter((m) => m.sourceElementId !== 'withdrawn'),
    );

    // then
    const subscriptions = await t.client.searchMessageSubscriptions(
      { filter: { processInstanceKey: ProcessInstanceKey.assumeExists(key) }, sort: [{ field: 'messageSubscriptionKey' }] },
      NOW,
    );
    const states = subscriptions.items.map((s) => [s.elementId, s.messageSubscriptionState]);
    // The unmapped source boundary's subscription is deleted; the target's boundary, which nothing maps to, subscribes anew.
    expect(states).to.deep.equal([
      ['withdrawn', 'DELETED'],
      ['withdrawn-v2', 'CREATED'],
    ]);
  });

  it('should keep a user task with its key and assignee, now of the new version', async () => {
    // given
    const key = await startOn(v1, { caseId: 'c-4', kind: 'review' });
    const task = await waitForUserTask(t.client, key, 'review');
    await t.client.assignUserTask({ userTaskKey: task.userTaskKey, assignee: 'hoitaja' });

    // when
    await migrate(t.client, key, v2);

    // then
    const after = await t.client.getUserTask({ userTaskKey: task.userTaskKey }, NOW);
    expect([after.elementId, after.assignee, after.processDefinitionKey, after.processDefinitionVersion, after.state]).to.deep.equal([
      'review-v2',
      'hoitaja',
      v2,
      2,
      'CREATED',
    ]);
    await t.client.completeUserTask({ userTaskKey: task.userTaskKey });
    await waitForState(t.client, key, 'COMPLETED');
  });

  it('should reject an active element without a mapping, naming it, and leave the instance as it was', async () => {
    // given
    const key = await startOn(v1, { caseId: 'c-5' });
    await waitForJob(t.client, 'mig-work', { processInstanceKey: key, timeout: 1 });

    // when
    const problem = await expectProblem(
      migrate(
        t.client,
        key,
        v2,
        MAPPING.filter((m) => m.sourceElementId !== 'work'),
      ),
      400,
    );

    // then
    expect(problem.title).to.equal('INVALID_ARGUMENT');
    expect(problem.detail).to.equal(
      `Expected to migrate process instance '${key}' but no mapping instruction defined for active element with id 'work'. Elements cannot be migrated without a mapping.`,
    );
    expect((await getInstance(t.client, key)).processDefinitionKey).to.equal(v1);
  });

  it('should reject a mapping that changes an active element’s type', async () => {
    // given
    const key = await startOn(v1, { caseId: 'c-6' });
    await waitForJob(t.client, 'mig-work', { processInstanceKey: key, timeout: 1 });

    // when
    const problem = await expectProblem(migrate(t.client, key, v2, [{ sourceElementId: 'work', targetElementId: 'check' }]), 400);

    // then
    expect(problem.detail).to.equal(
      `Expected to migrate process instance '${key}' but active element with id 'work' and type 'SERVICE_TASK' is mapped to an element with id 'check' and different type 'USER_TASK'. Elements must be mapped to elements of the same type.`,
    );
  });

  it('should reject mapping instructions naming elements that do not exist', async () => {
    // given
    const key = await startOn(v1, { caseId: 'c-7' });

    // when
    const source = await expectProblem(migrate(t.client, key, v2, [{ sourceElementId: 'nowhere', targetElementId: 'work-v2' }]), 400);
    const target = await expectProblem(migrate(t.client, key, v2, [{ sourceElementId: 'work', targetElementId: 'nowhere' }]), 400);
    const twice = await expectProblem(
      migrate(t.client, key, v2, [
        { sourceElementId: 'work', targetElementId: 'work-v2' },
        { sourceElementId: 'work', targetElementId: 'work-v2' },
      ]),
      400,
    );

    // then
    expect(source.detail).to.include("a non-existing source element id 'nowhere'");
    expect(target.detail).to.include("a non-existing target element id 'nowhere'");
    expect(twice.detail).to.include("duplicate source element ids 'work'");
  });

  it('should answer 404 for an unknown target definition and for an unknown or ended instance', async () => {
    // given
    const key = await startOn(v1, { caseId: 'c-8', kind: 'review' });
    const task = await waitForUserTask(t.client, key, 'review');
    await t.client.completeUserTask({ userTaskKey: task.userTaskKey });
    await waitForState(t.client, key, 'COMPLETED');
    const running = await startOn(v1, { caseId: 'c-9' });

    // when
    const noTarget = await expectProblem(migrate(t.client, running, '2251799813999999'), 404);
    const ended = await expectProblem(migrate(t.client, key, v2), 404);
    const unknown = await expectProblem(migrate(t.client, '2251799813999998', v2), 404);

    // then
    expect(noTarget.detail).to.include("no process definition found with key '2251799813999999'");
    expect(ended.detail).to.equal(`Expected to migrate process instance but no process instance found with key '${key}'`);
    expect(unknown.detail).to.include("no process instance found with key '2251799813999998'");
  });

  it('should migrate the active instances a filter matches as a batch operation', async () => {
    // given
    const keys = [await startOn(v1, { caseId: 'b-1' }), await startOn(v1, { caseId: 'b-2', kind: 'review' })];
    await waitForJob(t.client, 'mig-work', { processInstanceKey: keys[0], timeout: 1 });

    // when
    const batch = await t.client.migrateProcessInstancesBatchOperation({
      filter: { processDefinitionKey: ProcessDefinitionKey.assumeExists(v1) },
      migrationPlan: {
        targetProcessDefinitionKey: ProcessDefinitionKey.assumeExists(v2),
        mappingInstructions: MAPPING.map((m) => ({
          sourceElementId: m.sourceElementId as never,
          targetElementId: m.targetElementId as never,
        })),
      },
    });

    // then
    expect(batch.batchOperationType).to.equal('MIGRATE_PROCESS_INSTANCE');
    const report = await t.client.getBatchOperation({ batchOperationKey: batch.batchOperationKey }, NOW);
    expect([report.state, report.operationsFailedCount]).to.deep.equal(['COMPLETED', 0]);
    expect(report.operationsCompletedCount).to.be.at.least(2);
    for (const key of keys) expect((await getInstance(t.client, key)).processDefinitionVersion).to.equal(2);
    await completeNext(t.client, 'mig-work', {}, keys[0]);
    await waitForUserTask(t.client, keys[0]!, 'check');
  });
});
