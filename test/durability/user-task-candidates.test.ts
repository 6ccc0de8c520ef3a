import { expect } from 'chai';
import { deploy, NOW, start, waitForUserTask } from '../engine/helpers.js';
import { useRestartableService } from './restartable-service.js';

describe('user task candidate lists stored by older versions', function () {
  this.timeout(60_000);
  const service = useRestartableService('candidates');

  it('should read candidate lists stored as JSON text and write them back as arrays', async () => {
    // given: a waiting task whose lists are stored as JSONB strings, as versions before the fix wrote them
    let client = await service.restart();
    await deploy(client, 'user-tasks.bpmn', 'approval.form');
    const key = await start(client, 'user-tasks', { initialAssignee: null, region: 'north', dueAt: null, followUpAt: null, urgency: 1 });
    const task = await waitForUserTask(client, key);
    await service.current.service.database.knex.raw(
      `UPDATE engine.user_tasks SET candidate_groups = to_jsonb(candidate_groups::text), candidate_users = to_jsonb(candidate_users::text) WHERE key = ?`,
      [task.userTaskKey],
    );

    // when: after a restart, a command loads the task from its row and writes it again
    client = await service.restart();
    await client.assignUserTask({ userTaskKey: task.userTaskKey, assignee: 'mikko' });

    // then
    const assigned = await client.getUserTask({ userTaskKey: task.userTaskKey }, NOW);
    expect(assigned).to.deep.include({ assignee: 'mikko', candidateGroups: ['managers', 'north'], candidateUsers: ['alice', 'bob'] });
    const stored = await service.current.service.database
      .knex('engine.user_tasks')
      .where({ key: task.userTaskKey })
      .first(service.current.service.database.knex.raw('jsonb_typeof(candidate_groups) AS groups, jsonb_typeof(candidate_users) AS users'));
    expect(stored).to.deep.equal({ groups: 'array', users: 'array' });
  });
});
