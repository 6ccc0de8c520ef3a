import { expect } from 'chai';
import type { Knex } from 'knex';
import { computeDeadlines } from '../../src/domain/deadlines.js';
import { listDeadlineRules } from '../../src/store/org-repository.js';
import { listDeadlines, markDeadlineBreached, markDeadlinesMet, recordDeadlines } from '../../src/store/deadline-repository.js';
import { migratedKnex, openTestCase } from './fixtures.js';

describe('deadline repository', () => {
  let knex: Knex;
  let caseId: string;

  before(async () => {
    knex = await migratedKnex('store_deadlines');
  });

  beforeEach(async () => {
    caseId = (await openTestCase(knex, { attributes: { ageOver75: true } })).caseId;
  });

  after(async () => {
    await knex.destroy();
  });

  /** The deadlines the seeded rules give this case for a contact on Tuesday 3 March 2026. */
  async function computed() {
    return computeDeadlines({
      rules: await listDeadlineRules(knex),
      attributes: { ageOver75: true },
      event: 'CASE_OPENED',
      eventDate: '2026-03-03',
    });
  }

  describe('#recordDeadlines', () => {
    it('should store the computed deadlines with their due instants and registers', async () => {
      // given
      const deadlines = await computed();

      // when
      const rows = await recordDeadlines(knex, { caseId, jobKey: `${caseId}-d`, deadlines });

      // then
      expect(rows.map((r) => [r.ruleId, r.dueAt.toISOString(), r.register])).to.deep.equal([
        ['tervhl-51-hoidon-tarpeen-arvio', '2026-03-03T21:59:59.000Z', 'HEALTH'],
        ['shl-36-arvioinnin-aloitus-tavoite', '2026-03-12T21:59:59.000Z', 'SOCIAL'],
        ['shl-36-seitseman-arkipaivaa', '2026-03-12T21:59:59.000Z', 'SOCIAL'],
      ]);
    });

    it('should store nothing more when the same job is delivered again', async () => {
      // given
      const deadlines = await computed();
      const first = await recordDeadlines(knex, { caseId, jobKey: `${caseId}-d`, deadlines });

      // when
      const replay = await recordDeadlines(knex, { caseId, jobKey: `${caseId}-d`, deadlines });

      // then
      expect(replay).to.deep.equal(first);
      expect(await listDeadlines(knex, caseId)).to.have.length(3);
    });
  });

  describe('#markDeadlinesMet', () => {
    it('should mark the rules met once, keeping the first time', async () => {
      // given
      await recordDeadlines(knex, { caseId, jobKey: `${caseId}-d`, deadlines: await computed() });
      const ruleIds = ['shl-36-arvioinnin-aloitus-tavoite', 'shl-36-seitseman-arkipaivaa'];

      // when
      const met = await markDeadlinesMet(knex, { caseId, ruleIds, at: new Date('2026-03-05T10:00:00Z'), jobKey: 'job-met' });
      const again = await markDeadlinesMet(knex, { caseId, ruleIds, at: new Date('2026-03-06T10:00:00Z'), jobKey: 'job-met-again' });

      // then
      expect(met).to.have.length(2);
      expect(again).to.deep.equal([]);
      const stored = await listDeadlines(knex, caseId);
      expect(stored.filter((d) => d.metAt?.toISOString() === '2026-03-05T10:00:00.000Z').map((d) => d.ruleId)).to.have.members(ruleIds);
    });
  });

  describe('#markDeadlineBreached', () => {
    /** The ids of the case's deadlines due before `now` that are neither met nor escalated. */
    const overdue = async (now: Date) =>
      (await listDeadlines(knex, caseId)).filter((d) => d.dueAt < now && !d.metAt && !d.breachedAt).map((d) => d.id);

    it('should list an overdue deadline once and record its escalation once', async () => {
      // given the same-day assessment was missed
      const [sameDay] = await recordDeadlines(knex, { caseId, jobKey: `${caseId}-d`, deadlines: await computed() });
      const now = new Date('2026-03-04T08:00:00Z');
      expect(await overdue(now)).to.include(sameDay.id);

      // when the escalation job runs twice, and then another job tries again
      const first = await markDeadlineBreached(knex, { deadlineId: sameDay.id, at: now, jobKey: 'escalate-1' });
      const replay = await markDeadlineBreached(knex, {
        deadlineId: sameDay.id,
        at: new Date('2026-03-04T09:00:00Z'),
        jobKey: 'escalate-1',
      });
      const other = await markDeadlineBreached(knex, {
        deadlineId: sameDay.id,
        at: new Date('2026-03-04T10:00:00Z'),
        jobKey: 'escalate-2',
      });

      // then
      expect(first).to.include({ notifiedJobKey: 'escalate-1' });
      expect(first?.breachedAt?.toISOString()).to.equal(now.toISOString());
      expect(replay).to.deep.equal(first);
      expect(other).to.deep.equal(first);
      expect(await overdue(now)).to.not.include(sameDay.id);
    });

    it('should not mark a met deadline as breached', async () => {
      // given
      const [sameDay] = await recordDeadlines(knex, { caseId, jobKey: `${caseId}-d`, deadlines: await computed() });
      await markDeadlinesMet(knex, { caseId, ruleIds: [sameDay.ruleId], at: new Date('2026-03-03T12:00:00Z'), jobKey: 'job-met' });

      // when
      const row = await markDeadlineBreached(knex, {
        deadlineId: sameDay.id,
        at: new Date('2026-03-04T08:00:00Z'),
        jobKey: `${caseId}-late`,
      });

      // then
      expect(row).to.include({ breachedAt: null, notifiedJobKey: null });
    });
  });
});
