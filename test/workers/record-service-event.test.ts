import { expect } from 'chai';
import type { Knex } from 'knex';
import { finnishDate } from '../../src/domain/finnish-time.js';
import { closeCase } from '../../src/store/case-repository.js';
import { listDeadlines } from '../../src/store/deadline-repository.js';
import { handle, Input } from '../../workers/record-service-event.js';
import { depsAt, jobContext, openTestCase, workerKnex } from './fixtures.js';

/** The deadlines a job started, as rule and Finnish due day. */
async function startedBy(knex: Knex, caseId: string, jobKey: string): Promise<[string, string][]> {
  return (await listDeadlines(knex, caseId)).filter((d) => d.createdJobKey === jobKey).map((d) => [d.ruleId, finnishDate(d.dueAt)]);
}

describe('worker record-service-event', () => {
  let knex: Knex;

  before(async () => {
    knex = await workerKnex('workers_record_service_event');
  });

  after(async () => {
    await knex.destroy();
  });

  describe('#handle', () => {
    it('should start the 5-day records rule from the meeting’s date, not rolled to a weekday', async () => {
      // given a visit on Thursday 2 April 2026: five days later is Tuesday 7 April, and Easter Monday between does not move it
      const { caseId } = await openTestCase(knex);
      const job = jobContext();

      // when
      await handle({ caseId, serviceEventDate: '2026-04-02' }, depsAt(knex), job);

      // then
      expect(await startedBy(knex, caseId, job.jobKey)).to.deep.equal([['potilasasiakirjat-5-vrk', '2026-04-07']]);
    });

    it('should start it once when the job is delivered twice, and again for the next visit', async () => {
      // given
      const { caseId } = await openTestCase(knex);
      const job = jobContext();

      // when
      await handle({ caseId, serviceEventDate: '2026-04-02' }, depsAt(knex), job);
      await handle({ caseId, serviceEventDate: '2026-04-02' }, depsAt(knex), job);
      await handle({ caseId, serviceEventDate: '2026-04-16' }, depsAt(knex), jobContext());

      // then
      const records = (await listDeadlines(knex, caseId)).filter((d) => d.ruleId === 'potilasasiakirjat-5-vrk');
      expect(records.map((d) => finnishDate(d.dueAt))).to.deep.equal(['2026-04-07', '2026-04-21']);
    });

    it('should start nothing for a closed case', async () => {
      // given
      const { caseId } = await openTestCase(knex);
      await closeCase(knex, { caseId, outcome: 'CLIENT_WITHDREW', at: new Date(), jobKey: jobContext().jobKey });

      // when
      await handle({ caseId, serviceEventDate: '2026-04-02' }, depsAt(knex), jobContext());

      // then
      expect(await listDeadlines(knex, caseId)).to.deep.equal([]);
    });
  });

  describe('Input', () => {
    it('should refuse a meeting date that is not a calendar date, naming the field', () => {
      // when
      const parsed = Input.safeParse({ caseId: '7d3f1f0e-8f3a-4c2b-9a51-0a4c0e6d2b11', serviceEventDate: '2.4.2026' });

      // then
      expect(parsed.success).to.equal(false);
      expect(parsed.error?.issues.map((i) => i.path.join('.'))).to.deep.equal(['serviceEventDate']);
    });
  });
});
