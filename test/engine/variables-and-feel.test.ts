import { expect } from 'chai';
import {
  allVariables,
  cancel,
  completeNext,
  elementInstances,
  eventually,
  expectNoJob,
  getInstance,
  incidents,
  MINUTE,
  pin,
  trail,
  useEngineSuite,
  variables,
  waitForJob,
  waitForState,
} from './helpers.js';

describe('variables and FEEL', () => {
  const t = useEngineSuite('variables.bpmn', 'feel-expressions.bpmn', 'feel-bad-collection.bpmn');
  const { instances } = t;

  describe('scopes and mappings', () => {
    it('should give a task its input mappings as local variables that do not reach the process scope', async () => {
      // given
      const key = await instances.start('variables', { price: 100, summary: { currency: 'EUR' } });

      // when
      const calc = await waitForJob(t.client, 'var-calc', { processInstanceKey: key });

      // then
      expect(calc.variables).to.deep.equal({ price: 100, summary: { currency: 'EUR' }, localTax: 25 });
      const local = await variables(t.client, key, calc.elementInstanceKey);
      expect(local).to.deep.equal({ localTax: 25 });
      expect(await variables(t.client, key)).to.deep.equal({ price: 100, summary: { currency: 'EUR' } });
    });

    it('should propagate output mappings to the parent scope, merge a nested target and keep job variables local when outputs are mapped', async () => {
      // given
      const key = await instances.start('variables', { price: 100, summary: { currency: 'EUR' } });

      // when
      await completeNext(t.client, 'var-calc', { jobResult: 'r', jobOnly: 1 }, key);
      const bump = await waitForJob(t.client, 'var-bump', { processInstanceKey: key });

      // then
      expect(await variables(t.client, key)).to.deep.equal({
        price: 100,
        summary: { currency: 'EUR', total: 125 },
        total: 125,
        fromJob: 'r',
      });
      expect(bump.variables).to.deep.equal({ price: 100, summary: { currency: 'EUR', total: 125 }, total: 125, fromJob: 'r', counter: 0 });
    });

    it('should write job result variables to the nearest scope that holds them, and new ones to the process scope', async () => {
      // given
      const key = await instances.start('variables', { price: 10 });
      await completeNext(t.client, 'var-calc', {}, key);

      // when
      await completeNext(t.client, 'var-bump', { counter: 5, fresh: 'new' }, key);
      const final = await waitForJob(t.client, 'var-final', { processInstanceKey: key });

      // then
      expect(final.variables).to.include({ fresh: 'new' });
      expect(final.variables).to.not.have.property('counter');
      expect(final.variables).to.not.have.property('localTax');
      const root = await variables(t.client, key);
      expect(root).to.include({ fresh: 'new', total: 12.5 });
      expect(root).to.not.have.property('counter');
      const scope = (await elementInstances(t.client, key)).find((e) => e.elementId === 'scope')!;
      const counters = (await allVariables(t.client, key)).filter((v) => v.name === 'counter');
      expect(counters.map((v) => ({ scopeKey: v.scopeKey, value: v.value }))).to.deep.equal([
        { scopeKey: scope.elementInstanceKey, value: '5' },
      ]);
      await t.client.completeJob({ jobKey: final.jobKey });
      await waitForState(t.client, key, 'COMPLETED');
    });
  });

  describe('expressions', () => {
    it('should evaluate the job type, retries, timer duration and correlation key as FEEL', async () => {
      // given
      const t0 = Date.now();
      await pin(t.client, t0);
      const key = await instances.start('feel-expressions', { kind: 'alpha', retryBudget: 7, waitFor: 'PT5M', order: { id: 'A-1' } });

      // when: the job type is computed from the variables
      const job = await waitForJob(t.client, 'feel-alpha', { processInstanceKey: key });
      expect(job.retries).to.equal(7);
      await t.client.completeJob({ jobKey: job.jobKey });

      // then: the timer waits the duration held in a variable
      await pin(t.client, t0 + 4 * MINUTE);
      expect((await trail(t.client, key)).at(-1)).to.equal('wait:ACTIVE');
      await pin(t.client, t0 + 6 * MINUTE);
      await eventually('the timer to fire', async () => (await trail(t.client, key)).includes('confirm:ACTIVE'));
      expect(await trail(t.client, key)).to.deep.equal(['start:COMPLETED', 'dynamic:COMPLETED', 'wait:COMPLETED', 'confirm:ACTIVE']);

      // then: the correlation key is taken from a nested variable
      await t.client.publishMessage({ name: 'feel-confirm', correlationKey: 'A-2', timeToLive: 0 });
      expect((await getInstance(t.client, key)).state).to.equal('ACTIVE');
      await t.client.publishMessage({ name: 'feel-confirm', correlationKey: 'A-1', timeToLive: 0, variables: { confirmedBy: 'ops' } });
      await waitForState(t.client, key, 'COMPLETED');
      expect(await variables(t.client, key)).to.include({ confirmedBy: 'ops' });
    });

    it('should raise an EXTRACT_VALUE_ERROR incident when an input collection is not a list', async () => {
      // given
      const key = await instances.start('feel-bad-collection', { items: 'not a list' });

      // when
      const [incident] = await incidents(t.client, key);

      // then
      expect(incident).to.include({ errorType: 'EXTRACT_VALUE_ERROR', state: 'ACTIVE', elementId: 'each' });
      expect(incident.errorMessage).to.match(/ARRAY|list/i);
      expect(await getInstance(t.client, key)).to.include({ state: 'ACTIVE', hasIncident: true });
      await expectNoJob(t.client, 'feel-each');

      // when: the instance is cancelled, the incident goes with it
      await cancel(t.client, key);

      // then
      expect(await getInstance(t.client, key)).to.include({ state: 'TERMINATED', hasIncident: false });
      expect((await incidents(t.client, key)).map((i) => i.state)).to.deep.equal(['RESOLVED']);
    });
  });
});
