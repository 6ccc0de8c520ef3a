import { expect } from 'chai';
import {
  completeNext,
  expectNoJob,
  expectProblem,
  getInstance,
  MINUTE,
  pin,
  trail,
  useEngineSuite,
  waitForJob,
  waitForState,
} from './helpers.js';

describe('subprocesses and event subprocesses', () => {
  const t = useEngineSuite('sub-embedded.bpmn', 'esp-message.bpmn', 'esp-timer.bpmn', 'esp-error.bpmn');
  const { instances } = t;

  it('should run an embedded subprocess from its start to its end and continue after it', async () => {
    // given
    const key = await instances.start('sub-embedded', { caseId: 's-1' });

    // when
    const work = await completeNext(t.client, 'sp-work', { inside: true }, key);
    const after = await waitForJob(t.client, 'sp-after', { processInstanceKey: key });

    // then
    expect(work.variables).to.deep.equal({ caseId: 's-1' });
    expect(after.variables).to.deep.equal({ caseId: 's-1', inside: true });
    await t.client.completeJob({ jobKey: after.jobKey });
    await waitForState(t.client, key, 'COMPLETED');
    expect(await trail(t.client, key)).to.deep.equal([
      'start:COMPLETED',
      'inner:COMPLETED',
      'innerStart:COMPLETED',
      'work:COMPLETED',
      'innerEnd:COMPLETED',
      'after:COMPLETED',
      'end:COMPLETED',
    ]);
  });

  it('should run a non-interrupting message event subprocess alongside the main flow, once per message', async () => {
    // given
    const key = await instances.start('esp-message', { caseId: 'case-9' });
    const main = await waitForJob(t.client, 'esp-main', { processInstanceKey: key });

    // when
    await t.client.publishMessage({ name: 'esp-update', correlationKey: 'case-9', variables: { update: 1 } });
    const first = await waitForJob(t.client, 'esp-handle', { processInstanceKey: key });
    await t.client.publishMessage({ name: 'esp-update', correlationKey: 'case-9', variables: { update: 2 } });
    const second = await waitForJob(t.client, 'esp-handle', { processInstanceKey: key });

    // then: the main flow's job is still there and can complete
    expect(first.jobKey).to.not.equal(second.jobKey);
    expect(await trail(t.client, key)).to.deep.equal([
      'start:COMPLETED',
      'main:ACTIVE',
      'onUpdate:ACTIVE',
      'update:COMPLETED',
      'handleUpdate:ACTIVE',
      'onUpdate:ACTIVE',
      'update:COMPLETED',
      'handleUpdate:ACTIVE',
    ]);
    await t.client.completeJob({ jobKey: main.jobKey });
    expect((await getInstance(t.client, key)).state, 'waits for the event subprocesses').to.equal('ACTIVE');
    await t.client.completeJob({ jobKey: first.jobKey });
    await t.client.completeJob({ jobKey: second.jobKey });
    await waitForState(t.client, key, 'COMPLETED');
  });

  it('should terminate the main flow when an interrupting timer event subprocess fires', async () => {
    // given
    const t0 = Date.now();
    await pin(t.client, t0);
    const key = await instances.start('esp-timer');
    const slow = await waitForJob(t.client, 'esp-slow', { processInstanceKey: key });

    // when
    await pin(t.client, t0 + 9 * MINUTE);
    await expectNoJob(t.client, 'esp-escalate');
    await pin(t.client, t0 + 11 * MINUTE);

    // then
    const escalate = await waitForJob(t.client, 'esp-escalate', { processInstanceKey: key });
    expect(await trail(t.client, key)).to.deep.equal([
      'start:COMPLETED',
      'slow:TERMINATED',
      'onTimeout:ACTIVE',
      'tenMinutes:COMPLETED',
      'escalate:ACTIVE',
    ]);
    await expectProblem(t.client.completeJob({ jobKey: slow.jobKey }), 404);
    await t.client.completeJob({ jobKey: escalate.jobKey });
    await waitForState(t.client, key, 'COMPLETED');
    expect(await trail(t.client, key)).to.not.include('end:COMPLETED');
  });

  it('should start an error event subprocess when a job throws its error, and complete through it', async () => {
    // given
    const key = await instances.start('esp-error');
    const risky = await waitForJob(t.client, 'esp-risky', { processInstanceKey: key });

    // when
    await t.client.throwJobError({ jobKey: risky.jobKey, errorCode: 'FAILED', errorMessage: 'it failed' });

    // then
    await completeNext(t.client, 'esp-recover', {}, key);
    await waitForState(t.client, key, 'COMPLETED');
    expect(await trail(t.client, key)).to.deep.equal([
      'start:COMPLETED',
      'risky:TERMINATED',
      'onFailure:COMPLETED',
      'failed:COMPLETED',
      'recover:COMPLETED',
      'recovered:COMPLETED',
    ]);
  });
});
