import { UserTaskKey } from '@camunda8/orchestration-cluster-api';
import { expect } from 'chai';
import { cancel, deployText, expectProblem, raw, useEngineSuite, waitForUserTask } from './helpers.js';

/** One user task: an instance stays active, and its task open, until the task is completed. */
const ONE_TASK = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="paging-defs" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="paging" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="review">
      <bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements>
      <bpmn:incoming>f1</bpmn:incoming>
      <bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
    <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;

interface Page<Item> {
  items: Item[];
  page: { totalItems: number; startCursor: string | null; endCursor: string | null };
}

/**
 * The searches are sent with fetch: the official client, with strict validation, drops `page.after`
 * and `page.before` of some of its page unions, and these tests are about exactly those fields.
 */
async function search<Item>(t: { url: string }, path: string, body: unknown): Promise<Page<Item>> {
  const response = await raw(t, 'POST', path, { json: body });
  expect(response.status, response.text).to.equal(200);
  return response.body as unknown as Page<Item>;
}

type Instance = { processInstanceKey: string; state: string };
type Task = { userTaskKey: string; processInstanceKey: string };

describe('search cursors', () => {
  const t = useEngineSuite();

  before(async () => {
    await deployText(t.client, { 'paging.bpmn': ONE_TASK });
  });

  async function startSome(n: number): Promise<string[]> {
    const keys: string[] = [];
    for (let i = 0; i < n; i++) keys.push(await t.instances.start('paging'));
    return keys;
  }

  it('should page through active instances neither repeating nor skipping when instances end and start between pages', async () => {
    // given
    const [a1, a2, a3, a4, a5, a6] = await startSome(6);
    const query = (page: Record<string, unknown>) =>
      search<Instance>(t, '/v2/process-instances/search', {
        filter: { processDefinitionId: 'paging', state: 'ACTIVE' },
        sort: [{ field: 'processInstanceKey', order: 'ASC' }],
        page: { limit: 2, ...page },
      });
    const first = await query({});

    // when: the first page's first instance ends and a new one starts
    await cancel(t.client, a1!);
    const a7 = await t.instances.start('paging');
    const second = await query({ after: first.page.endCursor });
    // and: the second page's last instance ends
    await cancel(t.client, a4!);
    const third = await query({ after: second.page.endCursor });
    const fourth = await query({ after: third.page.endCursor });

    // then
    const keys = (p: Page<Instance>) => p.items.map((i) => i.processInstanceKey);
    expect(keys(first)).to.deep.equal([a1, a2]);
    expect(keys(second)).to.deep.equal([a3, a4]);
    expect(keys(third)).to.deep.equal([a5, a6]);
    expect(keys(fourth)).to.deep.equal([a7]);
    expect(fourth.page.totalItems).to.equal(5);
  });

  it('should not repeat items when newer instances start before the cursor of a newest-first sort', async () => {
    // given
    const started = await startSome(5);
    const query = (page: Record<string, unknown>) =>
      search<Instance>(t, '/v2/process-instances/search', {
        filter: { processDefinitionId: 'paging', state: 'ACTIVE', processInstanceKey: { $in: started } },
        sort: [
          { field: 'startDate', order: 'DESC' },
          { field: 'processDefinitionId', order: 'ASC' },
        ],
        page: { limit: 2, ...page },
      });
    const first = await query({});

    // when: two newer instances start, which sort before the first page
    const newer = await startSome(2);
    started.push(...newer);
    const second = await query({ after: first.page.endCursor });
    const third = await query({ after: second.page.endCursor });
    const back = await query({ before: third.page.startCursor });

    // then
    const keys = (p: Page<Instance>) => p.items.map((i) => i.processInstanceKey);
    const newestFirst = [...started.slice(0, 5)].reverse();
    expect([...keys(first), ...keys(second), ...keys(third)]).to.deep.equal(newestFirst);
    expect(keys(back)).to.deep.equal(newestFirst.slice(2, 4));
  });

  it('should page a sort whose values are partly null (nulls last) forward and back as one page would list it', async () => {
    // given: three ended instances (with an end date) among four active ones (none)
    const keys = await startSome(7);
    for (const key of [keys[1]!, keys[4]!, keys[5]!]) await cancel(t.client, key);
    const body = (page: Record<string, unknown>) => ({
      filter: { processDefinitionId: 'paging', processInstanceKey: { $in: keys } },
      sort: [{ field: 'endDate', order: 'DESC' }],
      page,
    });
    const whole = (await search<Instance>(t, '/v2/process-instances/search', body({ limit: 100 }))).items.map((i) => i.processInstanceKey);

    // when
    const forward: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < whole.length; i++) {
      const page: Page<Instance> = await search<Instance>(
        t,
        '/v2/process-instances/search',
        body(after ? { limit: 1, after } : { limit: 1 }),
      );
      forward.push(...page.items.map((item) => item.processInstanceKey));
      after = page.page.endCursor;
    }
    const backward: string[] = [];
    let before = after;
    for (let i = 0; i < whole.length - 1; i++) {
      const page: Page<Instance> = await search<Instance>(t, '/v2/process-instances/search', body({ limit: 1, before }));
      backward.unshift(...page.items.map((item) => item.processInstanceKey));
      before = page.page.startCursor;
    }

    // then
    expect(whole.slice(3)).to.have.members([keys[0], keys[2], keys[3], keys[6]]);
    expect(forward).to.deep.equal(whole);
    expect(backward).to.deep.equal(whole.slice(0, -1));
  });

  it('should page through open user tasks neither skipping nor repeating when tasks are completed and created between pages', async () => {
    // given: six open tasks, newest first
    const instanceKeys = await startSome(6);
    const tasks: string[] = [];
    for (const key of instanceKeys) tasks.push((await waitForUserTask(t.client, key)).userTaskKey);
    const [t1, t2, t3, t4, t5, t6] = tasks;
    const query = (page: Record<string, unknown>) =>
      search<Task>(t, '/v2/user-tasks/search', {
        filter: { state: 'CREATED', processDefinitionId: 'paging' },
        sort: [{ field: 'creationDate', order: 'DESC' }],
        page: { limit: 2, ...page },
      });
    const first = await query({});

    // when: both tasks of the first page are completed and a new task is created
    for (const key of [t6!, t5!]) await t.client.completeUserTask({ userTaskKey: UserTaskKey.assumeExists(key) });
    const t7 = (await waitForUserTask(t.client, await t.instances.start('paging'))).userTaskKey;
    const second = await query({ after: first.page.endCursor });
    const third = await query({ after: second.page.endCursor });
    const before = await query({ before: second.page.startCursor });

    // then
    const keys = (p: Page<Task>) => p.items.map((i) => i.userTaskKey);
    expect(keys(first)).to.deep.equal([t6, t5]);
    expect(keys(second)).to.deep.equal([t4, t3]);
    expect(keys(third)).to.deep.equal([t2, t1]);
    expect(keys(before)).to.deep.equal([t7]);
  });

  it('should refuse a cursor that no search of this sort returned', async () => {
    // given
    await startSome(1);
    const first = await search<Instance>(t, '/v2/process-instances/search', {
      filter: { processDefinitionId: 'paging' },
      page: { limit: 1 },
    });

    // when: the cursor of an unsorted search (one sort value: the key) sent with a sort by start date
    const response = await raw(t, 'POST', '/v2/process-instances/search', {
      json: { sort: [{ field: 'startDate' }], page: { after: first.page.endCursor } },
    });

    // then
    expectProblem(response, 400, { detail: 'page.after' });
  });
});
