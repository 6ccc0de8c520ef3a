import { expect } from 'chai';
import {
  completeNext,
  expectNoJob,
  expectProblem,
  getInstance,
  incidents,
  trail,
  useEngineSuite,
  waitForChild,
  waitForJob,
  waitForState,
} from './helpers.js';

describe('BPMN errors', () => {
  const t = useEngineSuite(
    'error-boundary.bpmn',
    'error-uncaught.bpmn',
    'error-event-subprocess.bpmn',
    'error-end-event.bpmn',
    'error-child.bpmn',
    'error-parent.bpmn',
  );
  const { instances } = t;

  it('should take the path of the error boundary event matching the thrown code and terminate the task', async () => {
    // given
    const key = await instances.start('error-boundary', { amount: 10 });
    const job = await waitForJob(t.client, 'err-charge', { processInstanceKey: key });

    // when
    await t.client.throwJobError({
      jobKey: job.jobKey,
      errorCode: 'PAYMENT_FAILED',
      errorMessage: 'card declined',
      variables: { reason: 'declined' },
    });

    // then
    const refund = await waitForJob(t.client, 'err-refund', { processInstanceKey: key });
    // The error's variables are the boundary event's own; without output mappings they go no further (Zeebe).
    expect(refund.variables).to.deep.equal({ amount: 10 });
    expect(await trail(t.client, key)).to.deep.equal(['start:COMPLETED', 'charge:TERMINATED', 'paymentFailed:COMPLETED', 'refund:ACTIVE']);
    await expectNoJob(t.client, 'err-escalate');
    await expectProblem(t.client.completeJob({ jobKey: job.jobKey }), 404);
    await t.client.completeJob({ jobKey: refund.jobKey });
    await waitForState(t.client, key, 'COMPLETED');
    expect(await trail(t.client, key)).to.deep.equal([
      'start:COMPLETED',
      'charge:TERMINATED',
      'paymentFailed:COMPLETED',
      'refund:COMPLETED',
      'refunded:COMPLETED',
    ]);
  });

  it('should let a catch-all error boundary event catch a code no other boundary names', async () => {
    // given
    const key = await instances.start('error-boundary');
    const job = await waitForJob(t.client, 'err-charge', { processInstanceKey: key });

    // when
    await t.client.throwJobError({ jobKey: job.jobKey, errorCode: 'FRAUD_SUSPECTED' });

    // then
    await waitForJob(t.client, 'err-escalate', { processInstanceKey: key });
    expect(await trail(t.client, key)).to.deep.equal(['start:COMPLETED', 'charge:TERMINATED', 'anyError:COMPLETED', 'escalate:ACTIVE']);
    await expectNoJob(t.client, 'err-refund');
  });

  it('should raise an UNHANDLED_ERROR_EVENT incident for an error nothing catches and keep the instance active', async () => {
    // given
    const key = await instances.start('error-uncaught');
    const job = await waitForJob(t.client, 'err-risky', { processInstanceKey: key });

    // when
    await t.client.throwJobError({ jobKey: job.jobKey, errorCode: 'NOBODY_CATCHES_THIS', errorMessage: 'boom' });

    // then
    const [incident] = await incidents(t.client, key);
    expect(incident).to.include({ errorType: 'UNHANDLED_ERROR_EVENT', state: 'ACTIVE', elementId: 'risky' });
    expect(incident.errorMessage).to.contain('NOBODY_CATCHES_THIS');
    const instance = await getInstance(t.client, key);
    expect(instance).to.include({ state: 'ACTIVE', hasIncident: true });
    expect(await trail(t.client, key)).to.deep.equal(['start:COMPLETED', 'risky:ACTIVE']);
    await expectNoJob(t.client, 'err-risky');
  });

  it('should start the error event subprocess of the enclosing subprocess and complete through it', async () => {
    // given
    const key = await instances.start('error-event-subprocess');
    const job = await waitForJob(t.client, 'err-pack', { processInstanceKey: key });

    // when
    await t.client.throwJobError({ jobKey: job.jobKey, errorCode: 'PACK_FAILED', variables: { damaged: true } });

    // then
    const repack = await waitForJob(t.client, 'err-repack', { processInstanceKey: key });
    expect(repack.variables).to.not.have.property('damaged');
    expect(await trail(t.client, key)).to.deep.equal([
      'start:COMPLETED',
      'fulfil:ACTIVE',
      'fulfilStart:COMPLETED',
      'pack:TERMINATED',
      'onPackFailed:ACTIVE',
      'packFailed:COMPLETED',
      'repack:ACTIVE',
    ]);
    await t.client.completeJob({ jobKey: repack.jobKey });
    await waitForState(t.client, key, 'COMPLETED');
    expect(await trail(t.client, key)).to.deep.equal([
      'start:COMPLETED',
      'fulfil:COMPLETED',
      'fulfilStart:COMPLETED',
      'pack:TERMINATED',
      'onPackFailed:COMPLETED',
      'packFailed:COMPLETED',
      'repack:COMPLETED',
      'repacked:COMPLETED',
      'end:COMPLETED',
    ]);
  });

  it('should catch an error end event inside a subprocess with the boundary event on the subprocess', async () => {
    // given
    const key = await instances.start('error-end-event');

    // when
    await completeNext(t.client, 'err-inspect', { ok: false }, key);

    // then
    await waitForJob(t.client, 'err-fix', { processInstanceKey: key });
    expect(await trail(t.client, key)).to.deep.equal([
      'start:COMPLETED',
      'check:TERMINATED',
      'checkStart:COMPLETED',
      'inspect:COMPLETED',
      'isValid:COMPLETED',
      'invalid:TERMINATED',
      'onInvalid:COMPLETED',
      'fix:ACTIVE',
    ]);
  });

  it('should leave a subprocess normally when its normal end event is reached', async () => {
    // given
    const key = await instances.start('error-end-event');

    // when
    await completeNext(t.client, 'err-inspect', { ok: true }, key);

    // then
    await waitForState(t.client, key, 'COMPLETED');
    expect(await trail(t.client, key)).to.deep.equal([
      'start:COMPLETED',
      'check:COMPLETED',
      'checkStart:COMPLETED',
      'inspect:COMPLETED',
      'isValid:COMPLETED',
      'valid:COMPLETED',
      'end:COMPLETED',
    ]);
  });

  it('should catch an error thrown in a called process with the boundary event on the call activity', async () => {
    // given
    const key = await instances.start('error-parent');
    const child = await waitForChild(t.client, key);
    const job = await waitForJob(t.client, 'err-child-work', { processInstanceKey: child.processInstanceKey });

    // when
    await t.client.throwJobError({ jobKey: job.jobKey, errorCode: 'CHILD_FAILED' });

    // then
    await waitForJob(t.client, 'err-compensate', { processInstanceKey: key });
    expect(await trail(t.client, key)).to.deep.equal([
      'start:COMPLETED',
      'callChild:TERMINATED',
      'childFailed:COMPLETED',
      'compensate:ACTIVE',
    ]);
    expect((await getInstance(t.client, child.processInstanceKey)).state).to.equal('TERMINATED');
    expect(await trail(t.client, child.processInstanceKey)).to.deep.equal(['start:COMPLETED', 'childWork:TERMINATED']);
  });

  it('should make the job activatable again when its unhandled error incident is resolved', async () => {
    // given
    const key = await instances.start('error-uncaught');
    const job = await waitForJob(t.client, 'err-risky', { processInstanceKey: key });
    await t.client.throwJobError({ jobKey: job.jobKey, errorCode: 'NOBODY_CATCHES_THIS' });
    const [incident] = await incidents(t.client, key);

    // when
    await t.client.resolveIncident({ incidentKey: incident.incidentKey });

    // then
    const again = await waitForJob(t.client, 'err-risky', { processInstanceKey: key });
    expect(again.jobKey).to.equal(job.jobKey);
    expect(await getInstance(t.client, key)).to.include({ state: 'ACTIVE', hasIncident: false });
    await t.client.completeJob({ jobKey: again.jobKey });
    await waitForState(t.client, key, 'COMPLETED');
  });
});
