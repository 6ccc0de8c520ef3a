import { ProcessInstanceKey } from '@camunda8/orchestration-cluster-api';
import { expect } from 'chai';
import { expectProblem, NOW, trail, useEngineSuite, waitForJob, waitForState, waitForUserTask } from './helpers.js';

const DUE = '2030-03-01T12:00:00.000Z';
const FOLLOW_UP = '2030-02-27T08:30:00.000Z';

describe('user tasks', () => {
  const t = useEngineSuite('user-tasks.bpmn', 'approval.form');
  const { instances } = t;
  const startApproval = (vars: Record<string, unknown> = {}) =>
    instances.start('user-tasks', { initialAssignee: 'kaisa', region: 'north', dueAt: DUE, followUpAt: FOLLOW_UP, urgency: 7, ...vars });

  it('should serve the form linked by formId from the same deployment', async () => {
    // given
    const key = await startApproval();
    const task = await waitForUserTask(t.client, key);

    // when
    const form = await t.client.getUserTaskForm({ userTaskKey: task.userTaskKey }, NOW);

    // then
    expect(form).to.not.equal(undefined);
    expect(form!.formId).to.equal('approval-form');
    expect(form!.formKey).to.equal(task.formKey);
    expect(JSON.parse(form!.schema)).to.deep.include({ id: 'approval-form' });
    expect(JSON.parse(form!.schema).components[0]).to.include({ key: 'approved' });
  });

  it('should evaluate assignee, candidates, dates and priority with FEEL when the task is created', async () => {
    // given
    const key = await startApproval();

    // when
    const task = await waitForUserTask(t.client, key);
    const fetched = await t.client.getUserTask({ userTaskKey: task.userTaskKey }, NOW);

    // then
    for (const found of [task, fetched]) {
      expect(found).to.include({
        state: 'CREATED',
        assignee: 'kaisa',
        elementId: 'approve',
        name: 'Approve request',
        priority: 70,
        processDefinitionId: 'user-tasks',
      });
      expect(found.candidateGroups).to.deep.equal(['managers', 'north']);
      expect(found.candidateUsers).to.deep.equal(['alice', 'bob']);
      expect(new Date(found.dueDate!).toISOString()).to.equal(DUE);
      expect(new Date(found.followUpDate!).toISOString()).to.equal(FOLLOW_UP);
    }
  });

  it('should assign, unassign and complete a task with variables, moving on to the next element', async () => {
    // given
    const key = await startApproval({ initialAssignee: null });
    const task = await waitForUserTask(t.client, key);
    expect(task.assignee).to.equal(null);

    // when
    await t.client.assignUserTask({ userTaskKey: task.userTaskKey, assignee: 'mikko' });
    const assigned = await t.client.getUserTask({ userTaskKey: task.userTaskKey }, NOW);
    await t.client.unassignUserTask({ userTaskKey: task.userTaskKey });
    const unassigned = await t.client.getUserTask({ userTaskKey: task.userTaskKey }, NOW);
    await t.client.assignUserTask({ userTaskKey: task.userTaskKey, assignee: 'liisa' });
    await t.client.completeUserTask({ userTaskKey: task.userTaskKey, variables: { approved: true, comment: 'ok' } });

    // then
    expect(assigned.assignee).to.equal('mikko');
    expect(unassigned.assignee).to.equal(null);
    const next = await waitForJob(t.client, 'ut-after', { processInstanceKey: key });
    expect(next.variables).to.include({ approved: true, comment: 'ok' });
    const completed = await t.client.getUserTask({ userTaskKey: task.userTaskKey }, NOW);
    expect(completed).to.include({ state: 'COMPLETED', assignee: 'liisa' });
    expect(completed.completionDate).to.be.a('string');
    expect(await trail(t.client, key)).to.deep.equal(['start:COMPLETED', 'approve:COMPLETED', 'after:ACTIVE']);
    await t.client.completeJob({ jobKey: next.jobKey });
    await waitForState(t.client, key, 'COMPLETED');
  });

  it('should refuse to take over an assigned task when allowOverride is false', async () => {
    // given
    const key = await startApproval();
    const task = await waitForUserTask(t.client, key);

    // when
    const problem = await expectProblem(
      t.client.assignUserTask({ userTaskKey: task.userTaskKey, assignee: 'intruder', allowOverride: false }),
      409,
    );

    // then
    expect(problem.detail).to.contain('kaisa');
    expect((await t.client.getUserTask({ userTaskKey: task.userTaskKey }, NOW)).assignee).to.equal('kaisa');
  });

  it('should filter tasks by state, assignee and candidate group', async () => {
    // given
    const a = await startApproval({ initialAssignee: 'filter-anna', region: 'filter-east' });
    const b = await startApproval({ initialAssignee: 'filter-bert', region: 'filter-west' });
    const taskA = await waitForUserTask(t.client, a);
    const taskB = await waitForUserTask(t.client, b);
    await t.client.completeUserTask({ userTaskKey: taskB.userTaskKey });
    const keysOf = (items: Array<{ userTaskKey: string }>) => items.map((i) => i.userTaskKey);

    // when
    const byAssignee = await t.client.searchUserTasks({ filter: { assignee: 'filter-anna' } }, NOW);
    const byGroup = await t.client.searchUserTasks({ filter: { candidateGroup: 'filter-west' } }, NOW);
    const createdInA = await t.client.searchUserTasks(
      { filter: { state: 'CREATED', processInstanceKey: ProcessInstanceKey.assumeExists(a) } },
      NOW,
    );
    const createdInB = await t.client.searchUserTasks(
      { filter: { state: 'CREATED', processInstanceKey: ProcessInstanceKey.assumeExists(b) } },
      NOW,
    );
    const completedInB = await t.client.searchUserTasks(
      { filter: { state: 'COMPLETED', processInstanceKey: ProcessInstanceKey.assumeExists(b) } },
      NOW,
    );

    // then
    expect(keysOf(byAssignee.items)).to.deep.equal([taskA.userTaskKey]);
    expect(keysOf(byGroup.items)).to.deep.equal([taskB.userTaskKey]);
    expect(keysOf(createdInA.items)).to.deep.equal([taskA.userTaskKey]);
    expect(keysOf(createdInB.items)).to.deep.equal([]);
    expect(keysOf(completedInB.items)).to.deep.equal([taskB.userTaskKey]);
  });

  it('should store candidate groups and users as JSON arrays and find a task by either through the client', async () => {
    // given
    const key = await startApproval({ region: 'candidates-south' });
    const task = await waitForUserTask(t.client, key);
    await t.client.assignUserTask({ userTaskKey: task.userTaskKey, assignee: 'mikko' });
    const inInstance = { processInstanceKey: ProcessInstanceKey.assumeExists(key) };
    const keysOf = (result: { items: Array<{ userTaskKey: string }> }) => result.items.map((i) => i.userTaskKey);

    // when
    const byGroup = await t.client.searchUserTasks({ filter: { candidateGroup: 'candidates-south' } }, NOW);
    const byUser = await t.client.searchUserTasks({ filter: { ...inInstance, candidateUser: 'bob' } }, NOW);
    const byOtherUser = await t.client.searchUserTasks({ filter: { ...inInstance, candidateUser: 'carol' } }, NOW);
    const byGroupIn = await t.client.searchUserTasks({ filter: { ...inInstance, candidateGroup: { $in: ['nobody', 'managers'] } } }, NOW);
    const stored = await t
      .knex('engine.user_tasks')
      .where({ key: task.userTaskKey })
      .first(t.knex.raw('jsonb_typeof(candidate_groups) AS groups, jsonb_typeof(candidate_users) AS users'));

    // then
    expect(keysOf(byGroup)).to.deep.equal([task.userTaskKey]);
    expect(keysOf(byUser)).to.deep.equal([task.userTaskKey]);
    expect(keysOf(byOtherUser)).to.deep.equal([]);
    expect(keysOf(byGroupIn)).to.deep.equal([task.userTaskKey]);
    expect(byUser.items[0]).to.deep.include({ candidateGroups: ['managers', 'candidates-south'], candidateUsers: ['alice', 'bob'] });
    expect(stored).to.deep.equal({ groups: 'array', users: 'array' });
  });

  it('should answer 404 when a completed task is completed again', async () => {
    // given
    const key = await startApproval();
    const task = await waitForUserTask(t.client, key);
    await t.client.completeUserTask({ userTaskKey: task.userTaskKey, variables: { approved: true } });

    // when
    const problem = await expectProblem(t.client.completeUserTask({ userTaskKey: task.userTaskKey, variables: { approved: false } }), 404);

    // then
    expect(problem.title).to.equal('NOT_FOUND');
    const next = await waitForJob(t.client, 'ut-after', { processInstanceKey: key });
    expect(next.variables).to.include({ approved: true });
  });
});
