import { ElementInstanceKey, ProcessDefinitionId, ProcessInstanceKey } from '@camunda8/orchestration-cluster-api';
import { expect } from 'chai';
import {
  type CamundaClient,
  deployText,
  elementInstances,
  expectProblem,
  getInstance,
  NOW,
  trail,
  useEngineSuite,
  variables,
  waitForJob,
  waitForUserTask,
} from './helpers.js';

/** start → user task `first` → subprocess `sub` (a service task `inner` with an input mapping) → service task `last` → end. */
const MODIFY = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="mod-defs" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="mod" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="first"><bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>
    <bpmn:subProcess id="sub">
      <bpmn:extensionElements><zeebe:ioMapping><zeebe:input source="=&quot;in sub&quot;" target="where" /></zeebe:ioMapping></bpmn:extensionElements>
      <bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing>
      <bpmn:startEvent id="sub-start"><bpmn:outgoing>s1</bpmn:outgoing></bpmn:startEvent>
      <bpmn:serviceTask id="inner"><bpmn:extensionElements><zeebe:taskDefinition type="mod-inner" /></bpmn:extensionElements><bpmn:incoming>s1</bpmn:incoming><bpmn:outgoing>s2</bpmn:outgoing></bpmn:serviceTask>
      <bpmn:endEvent id="sub-end"><bpmn:incoming>s2</bpmn:incoming></bpmn:endEvent>
      <bpmn:sequenceFlow id="s1" sourceRef="sub-start" targetRef="inner" />
      <bpmn:sequenceFlow id="s2" sourceRef="inner" targetRef="sub-end" />
    </bpmn:subProcess>
    <bpmn:boundaryEvent id="sub-timeout" attachedToRef="sub"><bpmn:outgoing>f5</bpmn:outgoing><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
    <bpmn:serviceTask id="last"><bpmn:extensionElements><zeebe:taskDefinition type="mod-last" /></bpmn:extensionElements><bpmn:incoming>f3</bpmn:incoming><bpmn:outgoing>f4</bpmn:outgoing></bpmn:serviceTask>
    <bpmn:endEvent id="end"><bpmn:incoming>f4</bpmn:incoming></bpmn:endEvent>
    <bpmn:endEvent id="timed-out"><bpmn:incoming>f5</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="first" />
    <bpmn:sequenceFlow id="f2" sourceRef="first" targetRef="sub" />
    <bpmn:sequenceFlow id="f3" sourceRef="sub" targetRef="last" />
    <bpmn:sequenceFlow id="f4" sourceRef="last" targetRef="end" />
    <bpmn:sequenceFlow id="f5" sourceRef="sub-timeout" targetRef="timed-out" />
  </bpmn:process>
</bpmn:definitions>`;

type Modification = Omit<Parameters<CamundaClient['modifyProcessInstance']>[0], 'processInstanceKey'>;

function modify(client: CamundaClient, key: string, instructions: Record<string, unknown>) {
  return client.modifyProcessInstance({ processInstanceKey: ProcessInstanceKey.assumeExists(key), ...(instructions as Modification) });
}

describe('process instance modification', () => {
  const t = useEngineSuite();

  before(async () => {
    await deployText(t.client, { 'mod.bpmn': MODIFY });
  });

  const keyOf = async (key: string, elementId: string) =>
    (await elementInstances(t.client, key)).find((e) => e.elementId === elementId && e.state === 'ACTIVE')!.elementInstanceKey;

  it('should activate an element with variables and terminate another by its key', async () => {
    // given
    const key = await t.instances.start('mod');
    const first = await waitForUserTask(t.client, key, 'first');

    // when
    await modify(t.client, key, {
      activateInstructions: [{ elementId: 'last', variableInstructions: [{ variables: { fixed: true } }] }],
      terminateInstructions: [{ elementInstanceKey: first.elementInstanceKey }],
    });

    // then
    const job = await waitForJob(t.client, 'mod-last', { processInstanceKey: key });
    expect(job.variables).to.include({ fixed: true });
    expect(await trail(t.client, key)).to.deep.equal(['start:COMPLETED', 'first:TERMINATED', 'last:ACTIVE']);
    expect((await t.client.getUserTask({ userTaskKey: first.userTaskKey }, NOW)).state).to.equal('CANCELED');
  });

  it('should create the flow scope an activated element needs, with its input mappings and boundary events, but not its start event', async () => {
    // given
    const key = await t.instances.start('mod');
    await waitForUserTask(t.client, key, 'first');

    // when
    await modify(t.client, key, {
      activateInstructions: [{ elementId: 'inner', variableInstructions: [{ scopeId: 'sub', variables: { local: 'yes' } }] }],
    });

    // then
    const job = await waitForJob(t.client, 'mod-inner', { processInstanceKey: key });
    expect(job.variables).to.include({ where: 'in sub', local: 'yes' });
    expect(await trail(t.client, key)).to.deep.equal(['start:COMPLETED', 'first:ACTIVE', 'sub:ACTIVE', 'inner:ACTIVE']);
    const sub = await keyOf(key, 'sub');
    expect(await variables(t.client, key, sub)).to.deep.equal({ local: 'yes', where: 'in sub' });
    expect(await variables(t.client, key)).to.deep.equal({});
  });

  it('should terminate the flow scope and then the process instance when their last active element is terminated', async () => {
    // given
    const key = await t.instances.start('mod');
    await waitForUserTask(t.client, key, 'first');
    await modify(t.client, key, { activateInstructions: [{ elementId: 'inner' }], terminateInstructions: [{ elementId: 'first' }] });

    // when
    await modify(t.client, key, { terminateInstructions: [{ elementInstanceKey: await keyOf(key, 'inner') }] });

    // then
    expect((await getInstance(t.client, key)).state).to.equal('TERMINATED');
    expect(await trail(t.client, key)).to.deep.equal(['start:COMPLETED', 'first:TERMINATED', 'sub:TERMINATED', 'inner:TERMINATED']);
  });

  it('should move a token from one element to another in the source’s flow scope', async () => {
    // given
    const key = await t.instances.start('mod');
    await waitForUserTask(t.client, key, 'first');

    // when
    await modify(t.client, key, {
      moveInstructions: [
        {
          sourceElementInstruction: { sourceType: 'byId', sourceElementId: 'first' },
          targetElementId: 'last',
          ancestorScopeInstruction: { ancestorScopeType: 'sourceParent' },
        },
      ],
    });

    // then
    await waitForJob(t.client, 'mod-last', { processInstanceKey: key });
    expect(await trail(t.client, key)).to.deep.equal(['start:COMPLETED', 'first:TERMINATED', 'last:ACTIVE']);
  });

  it('should ask for an ancestor when the flow scope has several active instances, and activate in the one named', async () => {
    // given
    const key = await t.instances.start('mod');
    await waitForUserTask(t.client, key, 'first');
    await modify(t.client, key, { activateInstructions: [{ elementId: 'sub' }, { elementId: 'sub' }] });
    const subs = (await elementInstances(t.client, key)).filter((e) => e.elementId === 'sub').map((e) => e.elementInstanceKey);

    // when
    const ambiguous = await expectProblem(modify(t.client, key, { activateInstructions: [{ elementId: 'inner' }] }), 400);
    await modify(t.client, key, { activateInstructions: [{ elementId: 'inner', ancestorElementInstanceKey: subs[1] }] });

    // then
    expect(ambiguous.detail).to.include("a flow scope with more than one active instance: 'sub'");
    const inner = (await elementInstances(t.client, key)).filter((e) => e.elementId === 'inner' && e.state === 'ACTIVE');
    expect(inner).to.have.length(3);
    const { items } = await t.client.searchElementInstances(
      {
        filter: { processInstanceKey: ProcessInstanceKey.assumeExists(key), elementId: 'inner' as never, elementInstanceScopeKey: subs[1] },
      },
      NOW,
    );
    expect(items).to.have.length(2);
  });

  it('should reject instructions naming what is not there, changing nothing', async () => {
    // given
    const key = await t.instances.start('mod');
    const first = await waitForUserTask(t.client, key, 'first');
    const missing = ElementInstanceKey.assumeExists('2251799813999999');

    // when
    const unknown = await expectProblem(modify(t.client, key, { activateInstructions: [{ elementId: 'nowhere' }] }), 400);
    const boundary = await expectProblem(modify(t.client, key, { activateInstructions: [{ elementId: 'sub-timeout' }] }), 400);
    const terminate = await expectProblem(
      modify(t.client, key, {
        activateInstructions: [{ elementId: 'last' }],
        terminateInstructions: [{ elementInstanceKey: missing }],
      }),
      400,
    );
    const ancestor = await expectProblem(
      modify(t.client, key, { activateInstructions: [{ elementId: 'last', ancestorElementInstanceKey: missing }] }),
      400,
    );
    const notAbove = await expectProblem(
      modify(t.client, key, { activateInstructions: [{ elementId: 'last', ancestorElementInstanceKey: first.elementInstanceKey }] }),
      400,
    );
    const scope = await expectProblem(
      modify(t.client, key, {
        activateInstructions: [{ elementId: 'last', variableInstructions: [{ scopeId: 'sub', variables: { x: 1 } }] }],
      }),
      400,
    );
    const noInstance = await expectProblem(modify(t.client, '2251799813999998', { terminateInstructions: [{ elementId: 'first' }] }), 404);

    // then
    expect(unknown.detail).to.equal(
      "Expected to modify instance of process 'mod' but it contains one or more activate instructions for an element that cannot be activated: 'nowhere' is not found",
    );
    expect(boundary.detail).to.include("'sub-timeout' is of unsupported type 'BOUNDARY_EVENT'");
    expect(terminate.detail).to.include(`terminate instructions with an element instance that could not be found: '${missing}'`);
    expect(ancestor.detail).to.include(`an ancestor scope key that does not exist, or is not in an active state: '${missing}'`);
    expect(notAbove.detail).to.include(`'${first.elementInstanceKey}' is not an ancestor of 'last'`);
    expect(scope.detail).to.include("a scope element that doesn't belong to the activating element's flow scope: 'sub'");
    expect(noInstance.detail).to.include("no process instance found with key '2251799813999998'");
    expect(await trail(t.client, key)).to.deep.equal(['start:COMPLETED', 'first:ACTIVE']);
  });
});

describe('start instructions', () => {
  const t = useEngineSuite();

  before(async () => {
    await deployText(t.client, { 'mod.bpmn': MODIFY });
  });

  const startAt = (...elementIds: string[]) =>
    t.client.createProcessInstance({
      processDefinitionId: ProcessDefinitionId.assumeExists('mod'),
      variables: { given: 1 },
      startInstructions: elementIds.map((elementId) => ({ elementId: elementId as never })),
    });

  it('should start an instance at the given elements instead of its start event', async () => {
    // when
    const created = await startAt('last', 'inner');
    const key = t.instances.track(created.processInstanceKey);

    // then
    await waitForJob(t.client, 'mod-last', { processInstanceKey: key });
    const inner = await waitForJob(t.client, 'mod-inner', { processInstanceKey: key });
    expect(inner.variables).to.include({ given: 1, where: 'in sub' });
    expect((await trail(t.client, key)).sort()).to.deep.equal(['inner:ACTIVE', 'last:ACTIVE', 'sub:ACTIVE']);
  });

  it('should reject a start instruction for an element that does not exist or cannot be started at', async () => {
    // when
    const unknown = await expectProblem(startAt('nowhere'), 400);
    const boundary = await expectProblem(startAt('sub-timeout'), 400);

    // then
    expect(unknown.detail).to.equal(
      "Expected to create instance of process with start instructions but the element with id 'nowhere' is not found",
    );
    expect(boundary.detail).to.include("'sub-timeout' is of unsupported type 'BOUNDARY_EVENT'");
  });
});
