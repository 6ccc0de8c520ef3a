import { expect } from 'chai';
import type { Knex } from 'knex';
import { InvalidInputError } from '../../src/jobs/definition.js';
import { listDeadlines, markDeadlinesMet } from '../../src/store/deadline-repository.js';
import { handle } from '../../workers/deadline-notice.js';
import * as routeCase from '../../workers/route-case.js';
import { depsAt, jobContext, NOW, openTestCase, rejectionOf, workerKnex } from './fixtures.js';

/** Friday 20 March 2026: the day after a case opened on 10 March missed its assessment start. */
const AFTER_DUE = new Date('2026-03-20T08:00:00Z');

describe('worker deadline-notice', () => {
  let knex: Knex;

  before(async () => {
    knex = await workerKnex('workers_deadline_notice');
  });

  after(async () => {
    await knex.destroy();
  });

  /** A routed case, with the deadlines opening it started. */
  async function routedCase(attributes: { urgent?: boolean; ageOver75?: boolean } = {}): Promise<string> {
    const { caseId } = await openTestCase(knex, { attributes });
    await routeCase.handle({ caseId, municipality: 'Turku' }, depsAt(knex, NOW), jobContext());
    return caseId;
  }

  describe('#handle', () => {
    it('should record the missed assessment start as breached by this job', async () => {
      // given
      const caseId = await routedCase();
      const job = jobContext();

      // when
      const output = await handle({ caseId, deadlineRule: 'ARVIOINTI_ALOITUS' }, depsAt(knex, AFTER_DUE), job);

      // then
      expect(output).to.deep.equal({ deadlineNotified: true });
      const breached = (await listDeadlines(knex, caseId)).filter((d) => d.breachedAt !== null);
      expect(breached.map((d) => [d.ruleId, d.notifiedJobKey, d.breachedAt?.toISOString()])).to.deep.equal([
        ['shl-36-arvioinnin-aloitus-tavoite', job.jobKey, AFTER_DUE.toISOString()],
      ]);
    });

    it('should escalate the group’s deadline that fell first', async () => {
      // given an urgent case: to be assessed the same day, as well as by the proposed target
      const caseId = await routedCase({ urgent: true });

      // when
      await handle({ caseId, deadlineRule: 'ARVIOINTI_ALOITUS' }, depsAt(knex, AFTER_DUE), jobContext());

      // then
      const breached = (await listDeadlines(knex, caseId)).filter((d) => d.breachedAt !== null);
      expect(breached.map((d) => d.ruleId)).to.deep.equal(['shl-36-kiireellinen']);
    });

    it('should record one breach when the same job is delivered twice', async () => {
      // given
      const caseId = await routedCase({ ageOver75: true });
      const job = jobContext();

      // when
      const first = await handle({ caseId, deadlineRule: 'ARVIOINTI_ALOITUS' }, depsAt(knex, AFTER_DUE), job);
      const second = await handle({ caseId, deadlineRule: 'ARVIOINTI_ALOITUS' }, depsAt(knex, AFTER_DUE), job);

      // then
      expect(first).to.deep.equal({ deadlineNotified: true });
      expect(second).to.deep.equal({ deadlineNotified: true });
      expect((await listDeadlines(knex, caseId)).filter((d) => d.breachedAt !== null)).to.have.length(1);
    });

    it('should accept a rule id as well as a group name', async () => {
      // given
      const caseId = await routedCase();

      // when
      const output = await handle({ caseId, deadlineRule: 'tervhl-51-hoidon-tarpeen-arvio' }, depsAt(knex, AFTER_DUE), jobContext());

      // then
      expect(output).to.deep.equal({ deadlineNotified: true });
      expect((await listDeadlines(knex, caseId)).find((d) => d.ruleId === 'tervhl-51-hoidon-tarpeen-arvio')?.breachedAt).to.not.equal(null);
    });

    it('should answer false when the deadline was met', async () => {
      // given
      const caseId = await routedCase();
      await markDeadlinesMet(knex, { caseId, ruleIds: ['shl-36-arvioinnin-aloitus-tavoite'], at: NOW, jobKey: 'job-met' });

      // when
      const output = await handle({ caseId, deadlineRule: 'ARVIOINTI_ALOITUS' }, depsAt(knex, AFTER_DUE), jobContext());

      // then
      expect(output).to.deep.equal({ deadlineNotified: false });
      expect((await listDeadlines(knex, caseId)).filter((d) => d.breachedAt !== null)).to.have.length(0);
    });

    it('should refuse a rule that does not exist, naming the field', async () => {
      // given
      const caseId = await routedCase();

      // when
      const error = await rejectionOf(handle({ caseId, deadlineRule: 'no-such-rule' }, depsAt(knex, AFTER_DUE), jobContext()));

      // then
      expect(error).to.be.instanceOf(InvalidInputError);
      expect(error.message).to.equal("deadlineRule: no deadline rule or group 'no-such-rule'");
    });
  });
});
