import { expect } from 'chai';
import { activeElements, deployText, SECOND, useEngineSuite, waitForJob, waitForState } from './helpers.js';

/** A process of one element between its start and end event. */
const oneStep = (processId: string, step: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="${processId}-defs" targetNamespace="http://sote-tyopari/test">
  <bpmn:process id="${processId}" isExecutable="true">
    <bpmn:startEvent id="start" />
    ${step}
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="step" />
    <bpmn:sequenceFlow id="f2" sourceRef="step" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;

/** A service task of a job type given at start, so each test polls for a type of its own. */
const SERVICE_TASK = oneStep(
  'wake-job',
  '<bpmn:serviceTask id="step"><bpmn:extensionElements><zeebe:taskDefinition type="=jobType" /></bpmn:extensionElements></bpmn:serviceTask>',
);

/** A timer catch event whose duration is given at start. */
const TIMER = oneStep(
  'wake-timer',
  '<bpmn:intermediateCatchEvent id="step"><bpmn:timerEventDefinition id="wait-def"><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">=wait</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>',
);

/**
 * Idle is idle: long polls and the timer loop sleep until something is due instead of re-querying
 * on a schedule, so these tests assert that what they sleep through still reaches them. The bound
 * is mocha's timeout; each poll's own requestTimeout is as long, so an answer before it is a wake-up.
 */
describe('wake-ups of long polls and the timer loop', () => {
  const t = useEngineSuite();
  const { instances } = t;

  before(async () => {
    await deployText(t.client, { 'wake-job.bpmn': SERVICE_TASK, 'wake-timer.bpmn': TIMER });
  });

  const longPoll = (type: string, timeout = 60_000) =>
    t.client.activateJobs({ type, worker: 'wake-up', timeout, maxJobsToActivate: 1, requestTimeout: 60_000 });

  it('should hand a job created while a long poll waits to that poll', async () => {
    // given
    const poll = longPoll('wake-created');

    // when
    const key = await instances.start('wake-job', { jobType: 'wake-created' });

    // then
    const { jobs } = await poll;
    expect(jobs.map((j) => j.processInstanceKey)).to.deep.equal([key]);
  });

  it('should hand each of several waiting long polls of one type one of the jobs created while they wait', async () => {
    // given
    const polls = [longPoll('wake-several'), longPoll('wake-several'), longPoll('wake-several')];

    // when
    const keys = [];
    for (let i = 0; i < 3; i++) keys.push(await instances.start('wake-job', { jobType: 'wake-several' }));

    // then
    const answers = await Promise.all(polls);
    const delivered = answers.flatMap((a) => a.jobs.map((j) => j.processInstanceKey));
    expect(delivered.sort()).to.deep.equal([...keys].sort());
  });

  it('should hand a job whose timeout runs out while a long poll waits to that poll', async () => {
    // given
    const key = await instances.start('wake-job', { jobType: 'wake-timed-out' });
    const first = await waitForJob(t.client, 'wake-timed-out', { timeout: SECOND, processInstanceKey: key });

    // when
    const { jobs } = await longPoll('wake-timed-out');

    // then
    expect(jobs.map((j) => j.jobKey)).to.deep.equal([first.jobKey]);
  });

  it('should fire a timer due before the one the timer loop sleeps towards', async () => {
    // given
    const later = await instances.start('wake-timer', { wait: 'PT1H' });

    // when
    const sooner = await instances.start('wake-timer', { wait: 'PT1S' });

    // then
    await waitForState(t.client, sooner, 'COMPLETED', 50 * SECOND);
    expect(await activeElements(t.client, later)).to.deep.equal(['step']);
  });
});
