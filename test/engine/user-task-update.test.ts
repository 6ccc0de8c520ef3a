import { UserTaskKey } from '@camunda8/orchestration-cluster-api';
import { expect } from 'chai';
import { deployText, expectProblem, NOW, raw, useEngineSuite, waitForUserTask } from './helpers.js';

/** A Camunda user task with a candidate group and a due date from the diagram. */
const REVIEW = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="utupdate-defs" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="user-task-update" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="review">
      <bpmn:extensionElements>
        <zeebe:userTask />
        <zeebe:assignmentDefinition candidateGroups="team-a" />
        <zeebe:taskSchedule dueDate="2027-01-15T12:00:00Z" />
      </bpmn:extensionElements>
      <bpmn:incoming>f1</bpmn:incoming>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
  </bpmn:process>
</bpmn:definitions>`;

describe('PATCH /v2/user-tasks/{key}', () => {
  const t = useEngineSuite();

  before(async () => {
    await deployText(t.client, { 'user-task-update.bpmn': REVIEW });
  });

  async function openTask(): Promise<string> {
    return (await waitForUserTask(t.client, await t.instances.start('user-task-update'))).userTaskKey;
  }
  const read = (key: string) => t.client.getUserTask({ userTaskKey: UserTaskKey.assumeExists(key) }, NOW);
  const update = (key: string, changeset: Record<string, unknown>) =>
    t.client.updateUserTask({ userTaskKey: UserTaskKey.assumeExists(key), changeset });

  it('should change the due and follow-up dates, candidate groups and users and the priority of the changeset', async () => {
    // given
    const key = await openTask();

    // when
    await update(key, {
      dueDate: '2027-02-01T08:00:00.000Z',
      followUpDate: '2027-01-25T08:00:00.000Z',
      candidateGroups: ['team-b', 'leads'],
      candidateUsers: ['aino'],
      priority: 80,
    });

    // then
    expect(await read(key)).to.include({ dueDate: '2027-02-01T08:00:00.000Z', followUpDate: '2027-01-25T08:00:00.000Z', priority: 80 });
    expect(await read(key)).to.deep.include({ candidateGroups: ['team-b', 'leads'], candidateUsers: ['aino'] });
    const found = await t.client.searchUserTasks({ filter: { candidateGroup: 'leads', userTaskKey: UserTaskKey.assumeExists(key) } }, NOW);
    expect(found.items.map((task) => task.userTaskKey)).to.deep.equal([key]);
  });

  it('should keep what the changeset leaves out or sets null, and clear a date with an empty string and a list with an empty list', async () => {
    // given
    const key = await openTask();
    await update(key, { followUpDate: '2027-01-10T08:00:00.000Z', candidateUsers: ['aino'], priority: 70 });

    // when
    await update(key, { priority: 10, candidateUsers: null });
    const partly = await read(key);
    // An empty string clears a date, as the specification says, but its date-time format makes the client refuse one.
    const clearing = await raw(t, 'PATCH', `/v2/user-tasks/${key}`, { json: { changeset: { dueDate: '', candidateGroups: [] } } });
    const cleared = await read(key);

    // then
    expect(clearing.status, clearing.text).to.equal(204);
    expect(partly).to.include({ dueDate: '2027-01-15T12:00:00.000Z', followUpDate: '2027-01-10T08:00:00.000Z', priority: 10 });
    expect(partly).to.deep.include({ candidateGroups: ['team-a'], candidateUsers: ['aino'] });
    expect(cleared.dueDate ?? null).to.equal(null);
    expect(cleared).to.include({ followUpDate: '2027-01-10T08:00:00.000Z', priority: 10 });
    expect(cleared).to.deep.include({ candidateGroups: [], candidateUsers: ['aino'] });
  });

  it('should answer 404 for a task that is not there and 400 naming the field for a priority over 100', async () => {
    // given
    const key = await openTask();

    // then
    await expectProblem(update('2251799813699999', { priority: 1 }), 404);
    // The client refuses to send a priority the specification does not allow; a cluster answers it 400.
    const response = await raw(t, 'PATCH', `/v2/user-tasks/${key}`, { json: { changeset: { priority: 101 } } });
    expectProblem(response, 400, { detail: 'changeset.priority' });
    expect((await read(key)).priority).to.equal(50);
  });
});
