import { ProcessInstanceKey } from '@camunda8/orchestration-cluster-api';
import { Variables } from 'camunda-external-task-client-js';
import { expect } from 'chai';
import { NOW, useEngineSuite, type EngineSuite } from '../engine/helpers.js';
import { fetchTopic, post, takeWithLibrary, WORKER } from './external-task-kit.js';

const VALUES = {
  text: 'Aino',
  count: 42,
  big: 2 ** 40,
  ratio: 1.5,
  yes: true,
  nothing: null,
  order: { lines: [{ sku: 'a-1', qty: 2 }], note: null },
  tags: ['x', 1],
};

async function variablesOf(t: EngineSuite, processInstanceKey: string): Promise<Record<string, unknown>> {
  const { items } = await t.client.searchVariables(
    { filter: { processInstanceKey: ProcessInstanceKey.assumeExists(processInstanceKey) }, truncateValues: false },
    NOW,
  );
  return Object.fromEntries(items.map((v) => [v.name, JSON.parse(v.value)]));
}

describe('/engine-rest typed variables', () => {
  const t = useEngineSuite('jobs.bpmn');

  it("should hand a job's variables to fetchAndLock in Camunda 7's typed form, which the library reads back as the same values", async () => {
    // given
    const key = await t.instances.start('jobs', VALUES);

    // when
    const [locked] = await fetchTopic(t, { topicName: 'jobs-first' });
    await post(t, `/external-task/${locked.id}/unlock`);
    const { task } = await takeWithLibrary(t, 'jobs-first');

    // then
    expect(locked.processInstanceId).to.equal(key);
    expect(locked.variables).to.deep.equal({
      text: { type: 'String', value: 'Aino', valueInfo: {} },
      count: { type: 'Integer', value: 42, valueInfo: {} },
      big: { type: 'Long', value: 2 ** 40, valueInfo: {} },
      ratio: { type: 'Double', value: 1.5, valueInfo: {} },
      yes: { type: 'Boolean', value: true, valueInfo: {} },
      nothing: { type: 'Null', value: null, valueInfo: {} },
      order: { type: 'Json', value: JSON.stringify(VALUES.order), valueInfo: {} },
      tags: { type: 'Json', value: '["x",1]', valueInfo: {} },
    });
    expect(task.variables.getAll()).to.deep.equal(VALUES);
    expect(task.extensionProperties).to.deep.equal({ channel: 'email' });
  });

  it('should fetch only the variables a topic names', async () => {
    // given
    await t.instances.start('jobs', VALUES);

    // when
    const [task] = await fetchTopic(t, { topicName: 'jobs-first', variables: ['text', 'order', 'absent'] });

    // then
    expect(Object.keys(task.variables)).to.have.members(['text', 'order']);
  });

  it("should store what the library completes with as the engine's JSON: each type's value, a Date as its instant", async () => {
    // given
    const key = await t.instances.start('jobs');
    const { task, taskService } = await takeWithLibrary(t, 'jobs-first');
    const out = new Variables().setAll({ ...VALUES, due: new Date('2026-03-01T07:30:00.000Z') });
    out.setTyped('invoice', { type: 'Object', value: '{"total":10.5}', valueInfo: { serializationDataFormat: 'application/json' } });

    // when
    await taskService.complete(task, out);

    // then
    expect(await variablesOf(t, key)).to.deep.equal({
      ...VALUES,
      due: '2026-03-01T07:30:00.000Z',
      invoice: { total: 10.5 },
    });
  });

  it('should read a Camunda 7 date with its offset, and Short and Json values, as Camunda 7 clients send them', async () => {
    // given
    const key = await t.instances.start('jobs');
    const [task] = await fetchTopic(t, { topicName: 'jobs-first' });

    // when
    const answer = await post(t, `/external-task/${task.id}/complete`, {
      workerId: WORKER,
      variables: {
        decidedAt: { type: 'Date', value: '2026-03-01T09:30:00.000+0200' },
        floor: { type: 'Short', value: 3 },
        plan: { type: 'Json', value: '{"steps":["a","b"]}' },
        untyped: { value: 'plain' },
      },
    });

    // then
    expect(answer.status, answer.text).to.equal(204);
    expect(await variablesOf(t, key)).to.deep.equal({
      decidedAt: '2026-03-01T07:30:00.000Z',
      floor: 3,
      plan: { steps: ['a', 'b'] },
      untyped: 'plain',
    });
  });

  const unconvertible: Array<[string, unknown, string]> = [
    ['an Integer that is text', { type: 'Integer', value: 'abc' }, 'an Integer must be an integer'],
    ['an Integer beyond 32 bits', { type: 'Integer', value: 2 ** 31 }, 'an Integer must be an integer'],
    ['a Long beyond 2^53', { type: 'Long', value: 2 ** 60 }, 'a Long held exactly'],
    ['a Boolean that is text', { type: 'Boolean', value: 'true' }, 'a Boolean must be true or false'],
    ['Json that is not JSON', { type: 'Json', value: '{nope' }, 'is not valid JSON'],
    [
      'a Java-serialized Object',
      { type: 'Object', value: 'rO0AB', valueInfo: { serializationDataFormat: 'application/x-java-serialized-object' } },
      "serialized as 'application/x-java-serialized-object'",
    ],
    ['Bytes', { type: 'Bytes', value: 'AAEC' }, "type 'Bytes' is not supported"],
    ['a Date without its offset', { type: 'Date', value: '2026-03-01T09:30:00' }, 'a Date must look like'],
    ['a transient variable', { type: 'String', value: 'x', valueInfo: { transient: true } }, 'transient variables are not supported'],
    ['Json naming __proto__', { type: 'Json', value: '{"__proto__":{"polluted":true}}' }, "names '__proto__'"],
  ];
  for (const [what, typed, reason] of unconvertible) {
    it(`should answer 400 naming the variable for ${what}, leaving the task locked`, async () => {
      // given
      await t.instances.start('jobs');
      const [task] = await fetchTopic(t, { topicName: 'jobs-first' });

      // when
      const answer = await post(t, `/external-task/${task.id}/complete`, { workerId: WORKER, variables: { amount: typed } });

      // then
      expect(answer.status).to.equal(400);
      expect(answer.contentType).to.equal('application/json');
      expect(answer.body).to.have.property('type', 'InvalidRequestException');
      expect(answer.body?.message).to.be.a('string').that.includes("variable 'amount'").and.includes(reason);
      const [still] = (await fetchTopic(t, { topicName: 'jobs-first' }, { workerId: 'another' })).filter((x) => x.id === task.id);
      expect(still, 'the task is still locked to its worker').to.equal(undefined);
    });
  }
});
