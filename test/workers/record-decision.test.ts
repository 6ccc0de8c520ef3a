import { expect } from 'chai';
import type { Knex } from 'knex';
import { finnishDate } from '../../src/domain/finnish-time.js';
import { closeCase } from '../../src/store/case-repository.js';
import { listDeadlines } from '../../src/store/deadline-repository.js';
import { handle, Input } from '../../workers/record-decision.js';
import { depsAt, jobContext, NOW, openTestCase, workerKnex } from './fixtures.js';

/** The deadlines a job started, as rule and Finnish due day. */
async function startedBy(knex: Knex, caseId: string, jobKey: string): Promise<[string, string][]> {
  return (await listDeadlines(knex, caseId)).filter((d) => d.createdJobKey === jobKey).map((d) => [d.ruleId, finnishDate(d.dueAt)]);
}

describe('worker record-decision', () => {
  let knex: Knex;

  before(async () => {
    knex = await workerKnex('workers_record_decision');
  });

  after(async () => {
    await knex.destroy();
  });

  describe('#handle', () => {
    it('should start the appeal period from the decision date and, for a granted service, SHL 45 § counted from the case’s opening', async () => {
      // given a case opened on 10 March 2026; 30 days from 1 April end on May Day, a holiday, so on Monday 4 May
      const { caseId } = await openTestCase(knex);
      const job = jobContext();

      // when
      await handle({ caseId, decision: 'APPROVED', decisionDate: '2026-04-01' }, depsAt(knex), job);

      // then
      expect(await startedBy(knex, caseId, job.jobKey)).to.deep.equal([
        ['hallintolaki-oikaisuvaatimus-30-pv', '2026-05-04'],
        ['shl-45-toimeenpano-3-kk', '2026-06-10'],
      ]);
    });

    it('should start only the appeal period for a refusal', async () => {
      // given
      const { caseId } = await openTestCase(knex);
      const job = jobContext();

      // when
      await handle({ caseId, decision: 'REJECTED', decisionDate: '2026-04-01' }, depsAt(knex), job);

      // then
      expect(await startedBy(knex, caseId, job.jobKey)).to.deep.equal([['hallintolaki-oikaisuvaatimus-30-pv', '2026-05-04']]);
    });

    it('should start each deadline once when the job is delivered twice', async () => {
      // given
      const { caseId } = await openTestCase(knex);
      const job = jobContext();

      // when
      await handle({ caseId, decision: 'APPROVED', decisionDate: '2026-04-01' }, depsAt(knex), job);
      await handle({ caseId, decision: 'APPROVED', decisionDate: '2026-04-01' }, depsAt(knex), job);

      // then
      expect(await startedBy(knex, caseId, job.jobKey)).to.have.length(2);
    });

    it('should start nothing for a case closed before the decision', async () => {
      // given
      const { caseId } = await openTestCase(knex);
      await closeCase(knex, { caseId, outcome: 'CLIENT_WITHDREW', at: NOW, jobKey: jobContext().jobKey });
      const job = jobContext();

      // when
      await handle({ caseId, decision: 'APPROVED', decisionDate: '2026-04-01' }, depsAt(knex), job);

      // then
      expect(await startedBy(knex, caseId, job.jobKey)).to.deep.equal([]);
    });
  });

  describe('Input', () => {
    it('should refuse a decision date that is not a calendar date, naming the field', () => {
      // when
      const result = Input.safeParse({ caseId: '6f1c2a38-5a7e-4d0e-9d8b-2f7a3c1e4b5d', decision: 'APPROVED', decisionDate: '2026-02-30' });

      // then
      expect(result.success).to.equal(false);
      expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).to.deep.equal([
        ['decisionDate', 'must be a calendar date (YYYY-MM-DD)'],
      ]);
    });
  });
});
