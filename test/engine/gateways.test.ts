import { expect } from 'chai';
import {
  completeNext,
  expectNoJob,
  expectProblem,
  getInstance,
  HOUR,
  incidents,
  MINUTE,
  pin,
  trail,
  useEngineSuite,
  waitForJob,
  waitForState,
} from './helpers.js';

describe('gateways', () => {
  const t = useEngineSuite('gw-exclusive.bpmn', 'gw-no-default.bpmn', 'gw-parallel.bpmn', 'gw-inclusive.bpmn', 'gw-event.bpmn');
  const { instances } = t;

  describe('exclusive', () => {
    const cases = [
      { amount: 5000, currency: 'EUR', taken: 'large', type: 'gw-large', why: 'the first true condition in order' },
      { amount: 500, currency: 'EUR', taken: 'medium', type: 'gw-medium', why: 'the only true condition' },
      {
        amount: 500,
        currency: 'USD',
        taken: 'standard',
        type: 'gw-standard',
        why: 'the default flow when a FEEL function makes the condition false',
      },
      { amount: 5, currency: 'EUR', taken: 'standard', type: 'gw-standard', why: 'the default flow when no condition is true' },
    ];
    for (const c of cases) {
      it(`should take ${c.why} (amount ${c.amount} ${c.currency} → ${c.taken})`, async () => {
        // given
        const key = await instances.start('gw-exclusive', { amount: c.amount, currency: c.currency });

        // when
        await completeNext(t.client, c.type, {}, key);

        // then
        await waitForState(t.client, key, 'COMPLETED');
        expect(await trail(t.client, key)).to.deep.equal([
          'start:COMPLETED',
          'route:COMPLETED',
          `${c.taken}:COMPLETED`,
          'merge:COMPLETED',
          'end:COMPLETED',
        ]);
      });
    }

    it('should raise a CONDITION_ERROR incident when no condition holds and there is no default flow', async () => {
      // given
      const key = await instances.start('gw-no-default', { answer: 'maybe' });

      // when
      const found = await incidents(t.client, key);

      // then
      expect(found.map((i) => [i.errorType, i.elementId, i.state])).to.deep.equal([['CONDITION_ERROR', 'route', 'ACTIVE']]);
      expect(await trail(t.client, key)).to.deep.equal(['start:COMPLETED', 'route:ACTIVE']);
      expect(await getInstance(t.client, key)).to.include({ state: 'ACTIVE', hasIncident: true });
    });
  });

  describe('parallel', () => {
    it('should fork into both branches and join only when both have arrived', async () => {
      // given
      const key = await instances.start('gw-parallel');
      const a = await waitForJob(t.client, 'gw-par-a', { processInstanceKey: key });
      const b = await waitForJob(t.client, 'gw-par-b', { processInstanceKey: key });

      // when
      await t.client.completeJob({ jobKey: a.jobKey, variables: { fromA: 1 } });

      // then
      await expectNoJob(t.client, 'gw-par-after');
      expect(await trail(t.client, key)).to.deep.equal(['start:COMPLETED', 'fork:COMPLETED', 'a:COMPLETED', 'b:ACTIVE']);

      // when
      await t.client.completeJob({ jobKey: b.jobKey, variables: { fromB: 2 } });

      // then
      const after = await waitForJob(t.client, 'gw-par-after', { processInstanceKey: key });
      expect(after.variables).to.deep.equal({ fromA: 1, fromB: 2 });
      expect(await trail(t.client, key)).to.deep.equal([
        'start:COMPLETED',
        'fork:COMPLETED',
        'a:COMPLETED',
        'b:COMPLETED',
        'join:COMPLETED',
        'after:ACTIVE',
      ]);
    });
  });

  describe('inclusive', () => {
    it('should fork into the branches whose conditions hold and join when exactly those have arrived', async () => {
      // given
      const key = await instances.start('gw-inclusive', { wantX: true, wantY: true, wantZ: false });
      const x = await waitForJob(t.client, 'gw-inc-x', { processInstanceKey: key });
      const y = await waitForJob(t.client, 'gw-inc-y', { processInstanceKey: key });
      await expectNoJob(t.client, 'gw-inc-z');

      // when
      await t.client.completeJob({ jobKey: x.jobKey });

      // then
      await expectNoJob(t.client, 'gw-inc-done');

      // when
      await t.client.completeJob({ jobKey: y.jobKey });

      // then
      await completeNext(t.client, 'gw-inc-done', {}, key);
      await waitForState(t.client, key, 'COMPLETED');
      expect(await trail(t.client, key)).to.deep.equal([
        'start:COMPLETED',
        'split:COMPLETED',
        'x:COMPLETED',
        'y:COMPLETED',
        'merge:COMPLETED',
        'done:COMPLETED',
        'end:COMPLETED',
      ]);
    });

    it('should join at once when a single branch was taken', async () => {
      // given
      const key = await instances.start('gw-inclusive', { wantX: false, wantY: false, wantZ: true });

      // when
      await completeNext(t.client, 'gw-inc-z', {}, key);

      // then
      await completeNext(t.client, 'gw-inc-done', {}, key);
      await waitForState(t.client, key, 'COMPLETED');
      expect(await trail(t.client, key)).to.deep.equal([
        'start:COMPLETED',
        'split:COMPLETED',
        'z:COMPLETED',
        'merge:COMPLETED',
        'done:COMPLETED',
        'end:COMPLETED',
      ]);
    });
  });

  describe('event-based', () => {
    it('should follow the message when it arrives before the timer and cancel the timer', async () => {
      // given
      const t0 = Date.now();
      await pin(t.client, t0);
      const key = await instances.start('gw-event', { orderId: 'evt-1' });

      // when
      await pin(t.client, t0 + 30 * MINUTE);
      const correlated = await t.client.correlateMessage({ name: 'gw-paid', correlationKey: 'evt-1', variables: { paidAmount: 99 } });

      // then
      expect(correlated.processInstanceKey).to.equal(key);
      const ship = await waitForJob(t.client, 'gw-ship', { processInstanceKey: key });
      expect(ship.variables).to.include({ paidAmount: 99 });
      await pin(t.client, t0 + 2 * HOUR);
      await expectNoJob(t.client, 'gw-cancel');
      expect(await trail(t.client, key)).to.deep.equal(['start:COMPLETED', 'race:COMPLETED', 'paid:COMPLETED', 'ship:ACTIVE']);
    });

    it('should follow the timer when it fires before the message and close the message subscription', async () => {
      // given
      const t0 = Date.now();
      await pin(t.client, t0);
      const key = await instances.start('gw-event', { orderId: 'evt-2' });

      // when
      await pin(t.client, t0 + HOUR + MINUTE);

      // then
      await waitForJob(t.client, 'gw-cancel', { processInstanceKey: key });
      expect(await trail(t.client, key)).to.deep.equal(['start:COMPLETED', 'race:COMPLETED', 'timeout:COMPLETED', 'cancelOrder:ACTIVE']);
      await expectProblem(t.client.correlateMessage({ name: 'gw-paid', correlationKey: 'evt-2' }), 404);
      await expectNoJob(t.client, 'gw-ship');
    });
  });
});
