import { ProcessDefinitionId } from '@camunda8/orchestration-cluster-api';
import { expect } from 'chai';
import { deployText, NOW, raw, useEngineSuite, waitForUserTask } from './helpers.js';

/** One user task, so an instance waits with the variables it was started with. */
const WAITING = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="varfilter-defs" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="variable-filters" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="wait">
      <bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements>
      <bpmn:incoming>f1</bpmn:incoming>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait" />
  </bpmn:process>
</bpmn:definitions>`;

/** Variables of the five instances; `d`'s amount is a string and its region null, `e` has none. */
const STARTED = {
  a: { amount: 120, region: 'north', note: 'x' },
  b: { amount: 45.5, region: 'south' },
  c: { amount: 1000, region: 'Turku', skipped: true },
  d: { amount: '500', region: null },
  e: {},
} as const;
type Name = keyof typeof STARTED;

type Condition = { name: string; value: string | Record<string, unknown> };

describe('variable filters (Camunda’s advanced filter operators on variable values)', () => {
  const t = useEngineSuite();
  const keys = {} as Record<Name, string>;

  before(async () => {
    await deployText(t.client, { 'variable-filters.bpmn': WAITING });
    for (const [name, vars] of Object.entries(STARTED)) keys[name as Name] = await t.instances.start('variable-filters', vars);
    for (const name of Object.keys(STARTED) as Name[]) await waitForUserTask(t.client, keys[name]);
  });

  function nameOf(processInstanceKey: string): Name {
    const found = (Object.keys(keys) as Name[]).find((name) => keys[name] === processInstanceKey);
    if (!found) throw new Error(`instance ${processInstanceKey} is none of this suite's`);
    return found;
  }

  /** The instances (by name) whose variables meet all the conditions, searched through the official client. */
  async function instancesWith(...variables: Condition[]): Promise<Name[]> {
    const result = await t.client.searchProcessInstances(
      { filter: { processDefinitionId: ProcessDefinitionId.assumeExists('variable-filters'), variables }, page: { limit: 100 } },
      NOW,
    );
    return result.items.map((i) => nameOf(i.processInstanceKey)).sort();
  }

  /**
   * The same with fetch: the data-fetching rules document `$gt`, `$gte`, `$lt` and `$lte` on
   * variable values, but the 8.9 specification's StringFilterProperty has no such fields, so the
   * official client (strict validation) drops them from the request.
   */
  async function rawSearch(path: string, filter: Record<string, unknown>): Promise<Array<{ processInstanceKey: string }>> {
    const response = await raw(t, 'POST', path, { json: { filter, page: { limit: 100 } } });
    expect(response.status, response.text).to.equal(200);
    return (response.body as { items: Array<{ processInstanceKey: string }> }).items;
  }

  async function instancesInRange(...variables: Condition[]): Promise<Name[]> {
    const items = await rawSearch('/v2/process-instances/search', { processDefinitionId: 'variable-filters', variables });
    return items.map((i) => nameOf(i.processInstanceKey)).sort();
  }

  it('should find with $exists: false the instances that have no variable of that name, and with true those that have one', async () => {
    expect(await instancesWith({ name: 'skipped', value: { $exists: false } })).to.deep.equal(['a', 'b', 'd', 'e']);
    expect(await instancesWith({ name: 'skipped', value: { $exists: true } })).to.deep.equal(['c']);
  });

  it('should compare a plain value or $eq as JSON: a number with the variable’s number, anything else with its JSON text', async () => {
    expect(await instancesWith({ name: 'amount', value: '120' })).to.deep.equal(['a']);
    expect(await instancesWith({ name: 'amount', value: { $eq: '120.0' } })).to.deep.equal(['a']);
    expect(await instancesWith({ name: 'amount', value: '"500"' })).to.deep.equal(['d']);
    expect(await instancesWith({ name: 'amount', value: '500' })).to.deep.equal([]);
    expect(await instancesWith({ name: 'region', value: { $eq: '"north"' } })).to.deep.equal(['a']);
    expect(await instancesWith({ name: 'region', value: 'null' })).to.deep.equal(['d']);
    expect(await instancesWith({ name: 'skipped', value: 'true' })).to.deep.equal(['c']);
  });

  it('should find with $neq the instances whose variable of that name has another value', async () => {
    expect(await instancesWith({ name: 'region', value: { $neq: '"north"' } })).to.deep.equal(['b', 'c', 'd']);
    expect(await instancesWith({ name: 'amount', value: { $neq: '120' } })).to.deep.equal(['b', 'c', 'd']);
  });

  it('should find with $in a value among the given ones and with $notIn a value among none of them', async () => {
    expect(await instancesWith({ name: 'region', value: { $in: ['"north"', '"Turku"'] } })).to.deep.equal(['a', 'c']);
    expect(await instancesWith({ name: 'amount', value: { $in: ['45.5', '1000', '"500"'] } })).to.deep.equal(['b', 'c', 'd']);
    expect(await instancesWith({ name: 'region', value: { $notIn: ['"north"', '"Turku"'] } })).to.deep.equal(['b', 'd']);
  });

  it('should match $like against the JSON text, * for any run of characters and ? for one', async () => {
    expect(await instancesWith({ name: 'region', value: { $like: '"T*' } })).to.deep.equal(['c']);
    expect(await instancesWith({ name: 'region', value: { $like: '*th"' } })).to.deep.equal(['a', 'b']);
    expect(await instancesWith({ name: 'region', value: { $like: '"?urku"' } })).to.deep.equal(['c']);
  });

  it('should compare $gt, $gte, $lt and $lte numerically, leaving out values that are not numbers', async () => {
    expect(await instancesInRange({ name: 'amount', value: { $gt: '100' } })).to.deep.equal(['a', 'c']);
    expect(await instancesInRange({ name: 'amount', value: { $gte: '120' } })).to.deep.equal(['a', 'c']);
    expect(await instancesInRange({ name: 'amount', value: { $lt: '500' } })).to.deep.equal(['a', 'b']);
    expect(await instancesInRange({ name: 'amount', value: { $lte: '45.5' } })).to.deep.equal(['b']);
    expect(await instancesInRange({ name: 'amount', value: { $gt: '50', $lt: '500' } })).to.deep.equal(['a']);
  });

  it('should hold every condition of a list together, as the documented user task example asks', async () => {
    // when
    const tasks = await rawSearch('/v2/user-tasks/search', {
      processDefinitionId: 'variable-filters',
      processInstanceVariables: [
        { name: 'amount', value: { $lt: '500' } },
        { name: 'skipped', value: { $exists: false } },
      ],
    });

    // then
    expect(tasks.map((task) => nameOf(task.processInstanceKey)).sort()).to.deep.equal(['a', 'b']);
    expect(await instancesWith({ name: 'region', value: { $like: '*th"' } }, { name: 'skipped', value: { $exists: false } })).to.deep.equal(
      ['a', 'b'],
    );
    expect(await instancesWith({ name: 'skipped', value: { $exists: false, $eq: 'true' } })).to.deep.equal([]);
  });

  it('should apply the same rules to the value filter of the variable search', async () => {
    // when
    const byClient = await t.client.searchVariables(
      { filter: { name: 'amount', value: { $in: ['1000', '120.0'] } }, page: { limit: 100 } },
      NOW,
    );
    const byRange = await rawSearch('/v2/variables/search', { name: 'amount', value: { $gt: '100' } });

    // then
    expect(byClient.items.map((v) => nameOf(v.processInstanceKey)).sort()).to.deep.equal(['a', 'c']);
    expect(byRange.map((v) => nameOf(v.processInstanceKey)).sort()).to.deep.equal(['a', 'c']);
  });
});
