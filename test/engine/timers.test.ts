import { ProcessDefinitionId } from '@camunda8/orchestration-cluster-api';
import { expect } from 'chai';
import {
  deploy,
  elementInstances,
  eventually,
  expectNoJob,
  expectProblem,
  getInstance,
  HOUR,
  MINUTE,
  NOW,
  pin,
  SECOND,
  trail,
  useEngineSuite,
  waitForJob,
  waitForState,
} from './helpers.js';

describe('timers', () => {
  const t = useEngineSuite('timer-duration.bpmn', 'timer-date.bpmn', 'timer-cycle.bpmn', 'timer-cron.bpmn', 'timer-boundary.bpmn');
  const { instances } = t;

  it('should fire a duration timer once the clock passes its due date, and not before', async () => {
    // given
    const t0 = Date.now();
    await pin(t.client, t0);
    const key = await instances.start('timer-duration');

    // when
    await pin(t.client, t0 + 2 * HOUR - SECOND);
    const before = await trail(t.client, key);
    await pin(t.client, t0 + 2 * HOUR + SECOND);

    // then
    expect(before).to.deep.equal(['start:COMPLETED', 'twoHours:ACTIVE']);
    await waitForState(t.client, key, 'COMPLETED');
    expect(await trail(t.client, key)).to.deep.equal(['start:COMPLETED', 'twoHours:COMPLETED', 'end:COMPLETED']);
  });

  it('should fire a date timer at its ISO 8601 date', async () => {
    // given
    await pin(t.client, new Date('2030-12-31T12:00:00Z'));
    const key = await instances.start('timer-date');

    // when
    await pin(t.client, new Date('2031-01-01T08:59:59Z'));
    const before = await trail(t.client, key);
    await pin(t.client, new Date('2031-01-01T09:00:00Z'));

    // then
    expect(before).to.deep.equal(['start:COMPLETED', 'newYear:ACTIVE']);
    await waitForState(t.client, key, 'COMPLETED');
  });

  it('should fire a non-interrupting R3/PT1H cycle boundary exactly three times while the task stays active', async () => {
    // given
    const t0 = Date.now();
    await pin(t.client, t0);
    const key = await instances.start('timer-cycle');
    await waitForJob(t.client, 'tm-cycle-work', { processInstanceKey: key });
    const reminders: string[] = [];

    // when
    for (let hour = 1; hour <= 5; hour++) {
      await pin(t.client, t0 + hour * HOUR + hour * SECOND);
      if (hour <= 3) {
        const job = await waitForJob(t.client, 'tm-remind', { processInstanceKey: key });
        reminders.push(job.jobKey);
        await t.client.completeJob({ jobKey: job.jobKey });
      } else {
        await expectNoJob(t.client, 'tm-remind');
      }
    }

    // then
    expect(new Set(reminders).size).to.equal(3);
    const elements = await elementInstances(t.client, key);
    expect(elements.filter((e) => e.elementId === 'every-hour').map((e) => e.state)).to.deep.equal(['COMPLETED', 'COMPLETED', 'COMPLETED']);
    expect(elements.find((e) => e.elementId === 'work')?.state).to.equal('ACTIVE');
  });

  it('should fire a cron cycle boundary at the next weekday 09:00', async () => {
    // given: Saturday 1 June 2030, 10:00 UTC
    await pin(t.client, new Date('2030-06-01T10:00:00Z'));
    const key = await instances.start('timer-cron');
    await waitForJob(t.client, 'tm-cron-work', { processInstanceKey: key });

    // when: Sunday morning passes
    await pin(t.client, new Date('2030-06-02T09:30:00Z'));

    // then
    await expectNoJob(t.client, 'tm-morning');

    // when: Monday 09:00
    await pin(t.client, new Date('2030-06-03T09:00:00Z'));

    // then
    const monday = await waitForJob(t.client, 'tm-morning', { processInstanceKey: key });
    await t.client.completeJob({ jobKey: monday.jobKey });
    await pin(t.client, new Date('2030-06-03T18:00:00Z'));
    await expectNoJob(t.client, 'tm-morning');
    await pin(t.client, new Date('2030-06-04T09:00:01Z'));
    const tuesday = await waitForJob(t.client, 'tm-morning', { processInstanceKey: key });
    expect(tuesday.jobKey).to.not.equal(monday.jobKey);
  });

  it('should terminate the task when an interrupting boundary timer fires', async () => {
    // given
    const t0 = Date.now();
    await pin(t.client, t0);
    const key = await instances.start('timer-boundary');
    const job = await waitForJob(t.client, 'tm-call', { processInstanceKey: key });

    // when
    await pin(t.client, t0 + 16 * MINUTE);

    // then
    await waitForJob(t.client, 'tm-no-answer', { processInstanceKey: key });
    expect(await trail(t.client, key)).to.deep.equal(['start:COMPLETED', 'work:TERMINATED', 'no-answer:COMPLETED', 'follow:ACTIVE']);
    await expectProblem(t.client.completeJob({ jobKey: job.jobKey }), 404);
  });

  it('should create process instances from a timer start event when the clock passes its due dates', async () => {
    // given
    const t0 = Date.now();
    await pin(t.client, t0);
    await deploy(t.client, 'timer-start.bpmn');
    const count = async () =>
      (await t.client.searchProcessInstances({ filter: { processDefinitionId: ProcessDefinitionId.assumeExists('timer-start') } }, NOW))
        .items.length;
    expect(await count()).to.equal(0);

    // when
    await pin(t.client, t0 + HOUR + SECOND);
    await eventually('the first instance', async () => (await count()) === 1);
    await pin(t.client, t0 + 2 * HOUR + 2 * SECOND);
    await eventually('the second instance', async () => (await count()) === 2);
    // pin answers after the timer pass at the pinned time: a third instance would be there now
    await pin(t.client, t0 + 5 * HOUR);

    // then: R2 means two instances, no more
    expect(await count()).to.equal(2);
    const found = await t.client.searchProcessInstances(
      { filter: { processDefinitionId: ProcessDefinitionId.assumeExists('timer-start') } },
      NOW,
    );
    for (const instance of found.items) {
      expect(await trail(t.client, instance.processInstanceKey)).to.deep.equal(['hourly:COMPLETED', 'end:COMPLETED']);
    }
  });

  it('should have fired the timers that fell due by the time a clock pin is acknowledged', async () => {
    // given
    const t0 = Date.now();
    await pin(t.client, t0);
    const keys = [await instances.start('timer-duration'), await instances.start('timer-duration')];

    // when
    await pin(t.client, t0 + 3 * HOUR);

    // then: no polling, the pin's answer comes after the timer pass
    for (const key of keys) expect((await getInstance(t.client, key)).state).to.equal('COMPLETED');
  });
});
