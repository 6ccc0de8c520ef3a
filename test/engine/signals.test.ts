import { ProcessDefinitionId } from '@camunda8/orchestration-cluster-api';
import { expect } from 'chai';
import {
  cancel,
  completeNext,
  deployText,
  eventually,
  expectNoJob,
  expectProblem,
  getInstance,
  incidents,
  NOW,
  trail,
  useEngineSuite,
  variables,
  waitForJob,
  waitForState,
} from './helpers.js';

/** A process with only the given elements and root elements, for the deployments Zeebe rejects. */
function processXml(id: string, body: string, roots: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="defs-${id}" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="${id}" isExecutable="true">
    ${body}
  </bpmn:process>
  ${roots}
</bpmn:definitions>`;
}

/** A process started by the signal `signalName` whose one task has the job type `jobType`. */
function signalStartXml(id: string, signalName: string, jobType: string): string {
  return processXml(
    id,
    `<bpmn:startEvent id="started"><bpmn:outgoing>f1</bpmn:outgoing><bpmn:signalEventDefinition id="started-def" signalRef="sig" /></bpmn:startEvent>
    <bpmn:serviceTask id="task"><bpmn:extensionElements><zeebe:taskDefinition type="${jobType}" /></bpmn:extensionElements><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:serviceTask>
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="started" targetRef="task" />
    <bpmn:sequenceFlow id="f2" sourceRef="task" targetRef="end" />`,
    `<bpmn:signal id="sig" name="${signalName}" />`,
  );
}

describe('signals', () => {
  const t = useEngineSuite('signal-catch.bpmn', 'signal-start.bpmn', 'signal-boundary.bpmn', 'signal-esp.bpmn', 'signal-throw.bpmn');
  const { instances } = t;

  const broadcast = (signalName: string, vars: Record<string, unknown> = {}) => t.client.broadcastSignal({ signalName, variables: vars });

  /** The signal subscriptions of an instance as `elementId:state`, read where they are kept across restarts. */
  async function subscriptions(processInstanceKey: string): Promise<string[]> {
    const rows = await t
      .knex('engine.signal_subscriptions')
      .where({ process_instance_key: processInstanceKey })
      .orderBy('key')
      .select('element_id', 'signal_name', 'state');
    return rows.map((r) => `${r.element_id}:${r.signal_name}:${r.state}`);
  }

  describe('intermediate catch events', () => {
    it('should complete every instance waiting for the signal, with its variables, and leave others waiting', async () => {
      // given
      const a = await instances.start('signal-catch', { signalName: 'sig-all' });
      const b = await instances.start('signal-catch', { signalName: 'sig-all' });
      const other = await instances.start('signal-catch', { signalName: 'sig-other' });
      expect(await subscriptions(a)).to.deep.equal(['waitSignal:sig-all:CREATED']);

      // when
      const answer = await broadcast('sig-all', { news: 'arrived' });

      // then
      expect(answer.signalKey).to.match(/^[0-9]+$/);
      for (const key of [a, b]) {
        await waitForState(t.client, key, 'COMPLETED');
        expect(await variables(t.client, key)).to.deep.equal({ signalName: 'sig-all', news: 'arrived' });
      }
      expect(await subscriptions(a)).to.deep.equal(['waitSignal:sig-all:CORRELATED']);
      expect(await trail(t.client, other)).to.deep.equal(['start:COMPLETED', 'waitSignal:ACTIVE']);
      expect(await variables(t.client, other)).to.deep.equal({ signalName: 'sig-other' });
    });

    it('should answer a broadcast nobody waits for, as Zeebe does', async () => {
      // when
      const answer = await broadcast('sig-nobody');

      // then
      expect(answer).to.have.property('tenantId', '<default>');
    });

    it('should delete the subscription of a cancelled instance, so a later broadcast finds nothing', async () => {
      // given
      const key = await instances.start('signal-catch', { signalName: 'sig-cancelled' });
      await cancel(t.client, key);

      // when
      await broadcast('sig-cancelled');

      // then
      expect(await subscriptions(key)).to.deep.equal(['waitSignal:sig-cancelled:DELETED']);
      expect((await getInstance(t.client, key)).state).to.equal('TERMINATED');
    });

    it('should raise an incident when the signal name expression is not a string, and wait once it is resolved', async () => {
      // given
      const key = await instances.start('signal-catch');

      // when
      const [incident] = await eventually('the incident', async () => (await incidents(t.client, key)).filter((i) => i.state === 'ACTIVE'));

      // then
      expect(incident.errorType).to.equal('EXTRACT_VALUE_ERROR');
      expect(incident.errorMessage).to.contain('signal name');
      await t.client.createElementInstanceVariables({
        elementInstanceKey: incident.elementInstanceKey,
        variables: { signalName: 'sig-fixed' },
      });
      await t.client.resolveIncident({ incidentKey: incident.incidentKey });
      await eventually('the subscription', async () => (await subscriptions(key)).length > 0);
      await broadcast('sig-fixed');
      await waitForState(t.client, key, 'COMPLETED');
    });
  });

  describe('start events', () => {
    it('should start one instance of the latest version of each process with the signal, with its variables', async () => {
      // given
      await deployText(t.client, { 'other-start.bpmn': signalStartXml('signal-start-other', 'sig-start', 'signal-started-other') });

      // when
      await broadcast('sig-start', { order: 7 });

      // then
      const job = await waitForJob(t.client, 'signal-started');
      const other = await waitForJob(t.client, 'signal-started-other');
      instances.track(job.processInstanceKey);
      instances.track(other.processInstanceKey);
      expect(job.elementId).to.equal('afterStart');
      expect(await variables(t.client, job.processInstanceKey)).to.deep.equal({ order: 7 });
      expect(await trail(t.client, job.processInstanceKey)).to.deep.equal(['started:COMPLETED', 'afterStart:ACTIVE']);
      await expectNoJob(t.client, 'signal-started');
      await expectNoJob(t.client, 'signal-started-other');
    });

    it('should start only the latest version once a new one is deployed', async () => {
      // given
      await deployText(t.client, { 'versioned.bpmn': signalStartXml('signal-versioned', 'sig-versioned', 'signal-versioned-v1') });
      await deployText(t.client, { 'versioned.bpmn': signalStartXml('signal-versioned', 'sig-versioned', 'signal-versioned-v2') });

      // when
      await broadcast('sig-versioned');

      // then
      const job = await waitForJob(t.client, 'signal-versioned-v2');
      instances.track(job.processInstanceKey);
      const instance = await getInstance(t.client, job.processInstanceKey);
      expect(instance.processDefinitionVersion).to.equal(2);
      await expectNoJob(t.client, 'signal-versioned-v1');
    });
  });

  describe('boundary events', () => {
    it('should interrupt the activity at an interrupting signal boundary event', async () => {
      // given
      const key = await instances.start('signal-boundary');
      await waitForJob(t.client, 'signal-work', { processInstanceKey: key });
      expect(await subscriptions(key)).to.deep.equal(['cancelled:sig-cancel:CREATED', 'noted:sig-note:CREATED']);

      // when
      await broadcast('sig-cancel', { why: 'withdrawn' });

      // then
      await waitForState(t.client, key, 'COMPLETED');
      expect(await trail(t.client, key)).to.deep.equal([
        'start:COMPLETED',
        'work:TERMINATED',
        'cancelled:COMPLETED',
        'endCancelled:COMPLETED',
      ]);
      expect(await variables(t.client, key)).to.deep.equal({ why: 'withdrawn' });
      expect(await subscriptions(key)).to.deep.equal(['cancelled:sig-cancel:CORRELATED', 'noted:sig-note:DELETED']);
    });

    it('should keep the activity and its subscription at a non-interrupting one, taking its path at each broadcast', async () => {
      // given
      const key = await instances.start('signal-boundary');
      const work = await waitForJob(t.client, 'signal-work', { processInstanceKey: key });

      // when
      await broadcast('sig-note');
      await broadcast('sig-note');

      // then
      await completeNext(t.client, 'signal-note', {}, key);
      await completeNext(t.client, 'signal-note', {}, key);
      expect(await subscriptions(key)).to.deep.equal(['cancelled:sig-cancel:CREATED', 'noted:sig-note:CREATED']);
      await t.client.completeJob({ jobKey: work.jobKey, variables: {} });
      await waitForState(t.client, key, 'COMPLETED');
      expect(await subscriptions(key)).to.deep.equal(['cancelled:sig-cancel:DELETED', 'noted:sig-note:DELETED']);
    });
  });

  describe('event subprocesses', () => {
    it('should run a non-interrupting signal event subprocess beside the main path at each broadcast', async () => {
      // given
      const key = await instances.start('signal-esp');
      await waitForJob(t.client, 'signal-esp-main', { processInstanceKey: key });

      // when
      await broadcast('sig-ping', { pinged: true });

      // then
      await completeNext(t.client, 'signal-esp-ping', {}, key);
      const active = await eventually('the main task alone', async () => {
        const elements = await trail(t.client, key);
        return !elements.includes('handlePing:ACTIVE') && elements;
      });
      expect(active.filter((e) => e.endsWith(':ACTIVE'))).to.deep.equal(['main:ACTIVE']);
      expect(await variables(t.client, key)).to.deep.equal({ pinged: true });
    });

    it('should end the main path at an interrupting signal event subprocess and close the other subscriptions', async () => {
      // given
      const key = await instances.start('signal-esp');
      await waitForJob(t.client, 'signal-esp-main', { processInstanceKey: key });

      // when
      await broadcast('sig-abort');

      // then
      await waitForState(t.client, key, 'COMPLETED');
      const elements = await trail(t.client, key);
      expect(elements).to.include.members(['main:TERMINATED', 'onAbort:COMPLETED', 'abort:COMPLETED', 'aborted:COMPLETED']);
      expect(await subscriptions(key)).to.deep.equal(['ping:sig-ping:DELETED', 'abort:sig-abort:CORRELATED']);
      await expectNoJob(t.client, 'signal-esp-main');
    });
  });

  describe('event-based gateways', () => {
    it('should take the way of the signal catch event when the signal comes first, closing the timer', async () => {
      // given
      await deployText(t.client, {
        'signal-gateway.bpmn': processXml(
          'signal-gateway',
          `<bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:eventBasedGateway id="gateway"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing><bpmn:outgoing>f3</bpmn:outgoing></bpmn:eventBasedGateway>
    <bpmn:intermediateCatchEvent id="signalled"><bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f4</bpmn:outgoing><bpmn:signalEventDefinition id="d1" signalRef="sig" /></bpmn:intermediateCatchEvent>
    <bpmn:intermediateCatchEvent id="timedOut"><bpmn:incoming>f3</bpmn:incoming><bpmn:outgoing>f5</bpmn:outgoing><bpmn:timerEventDefinition id="d2"><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
    <bpmn:endEvent id="end"><bpmn:incoming>f4</bpmn:incoming><bpmn:incoming>f5</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="gateway" />
    <bpmn:sequenceFlow id="f2" sourceRef="gateway" targetRef="signalled" />
    <bpmn:sequenceFlow id="f3" sourceRef="gateway" targetRef="timedOut" />
    <bpmn:sequenceFlow id="f4" sourceRef="signalled" targetRef="end" />
    <bpmn:sequenceFlow id="f5" sourceRef="timedOut" targetRef="end" />`,
          '<bpmn:signal id="sig" name="sig-gateway" />',
        ),
      });
      const key = await instances.start('signal-gateway');

      // when
      await broadcast('sig-gateway', { came: 'signal' });

      // then
      await waitForState(t.client, key, 'COMPLETED');
      expect(await trail(t.client, key)).to.deep.equal(['start:COMPLETED', 'gateway:COMPLETED', 'signalled:COMPLETED', 'end:COMPLETED']);
      expect(await variables(t.client, key)).to.deep.equal({ came: 'signal' });
      expect(await subscriptions(key)).to.deep.equal(['signalled:sig-gateway:CORRELATED']);
      const timers = await t.knex('engine.timers').where({ process_instance_key: key }).select('state');
      expect(timers.map((r) => r.state)).to.deep.equal(['CANCELED']);
    });
  });

  describe('throw and end events', () => {
    it("should broadcast from a throw event and an end event, each with its input mappings' variables", async () => {
      // given
      const go = await instances.start('signal-catch', { signalName: 'sig-go' });
      const done = await instances.start('signal-catch', { signalName: 'sig-done' });

      // when
      const thrower = await instances.start('signal-throw', { reason: 'ready', doneWord: 'done' });

      // then
      await waitForState(t.client, thrower, 'COMPLETED');
      await waitForState(t.client, go, 'COMPLETED');
      await waitForState(t.client, done, 'COMPLETED');
      expect(await variables(t.client, go)).to.deep.equal({ signalName: 'sig-go', why: 'ready' });
      expect(await variables(t.client, done)).to.deep.equal({ signalName: 'sig-done', finished: true });
      expect(await variables(t.client, thrower)).to.deep.equal({ reason: 'ready', doneWord: 'done' });
    });
  });

  describe('deployment', () => {
    const cases: Array<{ what: string; elementId: string; reason: RegExp; body: string; roots: string }> = [
      {
        what: 'a signal start event whose name is an expression',
        elementId: 'started',
        reason: /signal start event must be static/,
        body: `<bpmn:startEvent id="started"><bpmn:outgoing>f1</bpmn:outgoing><bpmn:signalEventDefinition id="d" signalRef="sig" /></bpmn:startEvent>
    <bpmn:endEvent id="end"><bpmn:incoming>f1</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="started" targetRef="end" />`,
        roots: '<bpmn:signal id="sig" name="=name" />',
      },
      {
        what: 'two signal start events of the same signal',
        elementId: 'first',
        reason: /'second' waits for the same signal 'twice'/,
        body: `<bpmn:startEvent id="first"><bpmn:outgoing>f1</bpmn:outgoing><bpmn:signalEventDefinition id="d1" signalRef="sig1" /></bpmn:startEvent>
    <bpmn:startEvent id="second"><bpmn:outgoing>f2</bpmn:outgoing><bpmn:signalEventDefinition id="d2" signalRef="sig2" /></bpmn:startEvent>
    <bpmn:endEvent id="end"><bpmn:incoming>f1</bpmn:incoming><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="first" targetRef="end" />
    <bpmn:sequenceFlow id="f2" sourceRef="second" targetRef="end" />`,
        roots: '<bpmn:signal id="sig1" name="twice" /><bpmn:signal id="sig2" name="twice" />',
      },
      {
        what: 'two signal boundary events of the same signal on one activity',
        elementId: 'b1',
        reason: /'b2' waits for the same signal 'stop'/,
        body: `<bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:serviceTask id="task"><bpmn:extensionElements><zeebe:taskDefinition type="t" /></bpmn:extensionElements><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:serviceTask>
    <bpmn:boundaryEvent id="b1" attachedToRef="task"><bpmn:outgoing>f3</bpmn:outgoing><bpmn:signalEventDefinition id="d1" signalRef="sig" /></bpmn:boundaryEvent>
    <bpmn:boundaryEvent id="b2" attachedToRef="task" cancelActivity="false"><bpmn:outgoing>f4</bpmn:outgoing><bpmn:signalEventDefinition id="d2" signalRef="sig" /></bpmn:boundaryEvent>
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming><bpmn:incoming>f3</bpmn:incoming><bpmn:incoming>f4</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="task" />
    <bpmn:sequenceFlow id="f2" sourceRef="task" targetRef="end" />
    <bpmn:sequenceFlow id="f3" sourceRef="b1" targetRef="end" />
    <bpmn:sequenceFlow id="f4" sourceRef="b2" targetRef="end" />`,
        roots: '<bpmn:signal id="sig" name="stop" />',
      },
      {
        what: 'two signal event subprocesses of the same signal in one scope',
        elementId: 'ping1',
        reason: /'ping2' waits for the same signal 'ping'/,
        body: `<bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:endEvent id="end"><bpmn:incoming>f1</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="end" />
    <bpmn:subProcess id="esp1" triggeredByEvent="true">
      <bpmn:startEvent id="ping1" isInterrupting="false"><bpmn:outgoing>e1</bpmn:outgoing><bpmn:signalEventDefinition id="d1" signalRef="sig" /></bpmn:startEvent>
      <bpmn:endEvent id="end1"><bpmn:incoming>e1</bpmn:incoming></bpmn:endEvent>
      <bpmn:sequenceFlow id="e1" sourceRef="ping1" targetRef="end1" />
    </bpmn:subProcess>
    <bpmn:subProcess id="esp2" triggeredByEvent="true">
      <bpmn:startEvent id="ping2"><bpmn:outgoing>e2</bpmn:outgoing><bpmn:signalEventDefinition id="d2" signalRef="sig" /></bpmn:startEvent>
      <bpmn:endEvent id="end2"><bpmn:incoming>e2</bpmn:incoming></bpmn:endEvent>
      <bpmn:sequenceFlow id="e2" sourceRef="ping2" targetRef="end2" />
    </bpmn:subProcess>`,
        roots: '<bpmn:signal id="sig" name="ping" />',
      },
      {
        what: 'a signal event whose signal has no name',
        elementId: 'wait',
        reason: /needs a signal with a name/,
        body: `<bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:intermediateCatchEvent id="wait"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing><bpmn:signalEventDefinition id="d" signalRef="sig" /></bpmn:intermediateCatchEvent>
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait" />
    <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="end" />`,
        roots: '<bpmn:signal id="sig" />',
      },
    ];

    for (const c of cases) {
      it(`should reject ${c.what} with a 400 problem naming the element`, async () => {
        // when
        const problem = await expectProblem(deployText(t.client, { 'rejected.bpmn': processXml('signal-rejected', c.body, c.roots) }), 400);

        // then
        expect(problem.detail).to.contain(`'${c.elementId}'`);
        expect(problem.detail).to.match(c.reason);
        const found = await t.client.searchProcessDefinitions(
          { filter: { processDefinitionId: ProcessDefinitionId.assumeExists('signal-rejected') } },
          NOW,
        );
        expect(found.items).to.have.length(0);
      });
    }
  });
});
