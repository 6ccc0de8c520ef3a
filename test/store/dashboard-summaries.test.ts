import { expect } from 'chai';
import type { Knex } from 'knex';
import { seedScaleData } from '../../kit/scale-seed.js';
import { finnishInstant } from '../../src/domain/finnish-time.js';
import { pairCaseloads } from '../../src/store/dashboard/caseloads.js';
import { deadlineBreaches } from '../../src/store/dashboard/deadlines.js';
import type { DashboardFilter } from '../../src/store/dashboard/filter-clauses.js';
import { groupQueue } from '../../src/store/dashboard/queue-counts.js';
import { activeCasesPerStage, stageDurations } from '../../src/store/dashboard/stages.js';
import * as summaries from '../../src/store/migrations/20261207090000-create-dashboard-summaries.js';
import * as caseloadMembers from '../../src/store/migrations/20261209110000-count-responsible-social-workers-in-caseloads.js';
import { rawActiveCases, rawCaseloads, rawDeadlineBreaches, rawGroupQueue, rawStageDurations } from '../support/dashboard-raw-figures.js';
import { migratedKnex } from './fixtures.js';

const NOW = new Date();
const monthsAgo = (months: number) => {
  const at = new Date(NOW);
  at.setUTCMonth(at.getUTCMonth() - months);
  return at;
};

// The readers' scopes (an administrator, Turku's manager, a team lead) and periods: the default
// year from an instant, all time, whole Finnish days, and a period ending mid-day.
const SCOPES: Record<string, DashboardFilter> = {
  admin: {},
  'manager turun-seutu': { regionId: 'turun-seutu' },
  'lead turku-keskusta': { teamId: 'turku-keskusta' },
};
const PERIODS: Record<string, DashboardFilter> = {
  'last 12 months': { from: monthsAgo(12) },
  all: {},
  'whole months': { from: finnishInstant('2025-03-01', '00:00'), to: finnishInstant('2026-02-01', '00:00') },
  'whole days': { from: finnishInstant('2025-03-15', '00:00'), to: finnishInstant('2026-01-20', '00:00') },
  'part days': { from: new Date(monthsAgo(20).getTime() + 3_600_000 * 7.5), to: new Date(monthsAgo(2).getTime() + 3_600_000 * 13.25) },
};

// The generator puts some open visits' start after now; a visit cannot end before it starts.
const leftNow = (db: Knex) => db.raw('greatest(entered_at, ?::timestamptz)', [NOW]);

interface Bucket {
  from_days: number;
  to_days: number | null;
}

describe('store/dashboard summaries (stage visits and deadlines per day and month, open stages, caseloads)', function () {
  this.timeout(180_000);
  let knex: Knex;
  let buckets: Bucket[];

  before(async () => {
    knex = await migratedKnex('dashboard_summaries');
    await seedScaleData(knex, { cases: 600 });
    buckets = await knex('stage_duration_buckets').orderBy('bucket');
  });

  after(async () => {
    await knex?.destroy();
  });

  /** Every figure of every reader and period from the summaries, against the same from the rows. */
  async function expectSummariesToEqualRows(): Promise<void> {
    const loads = new Map((await rawCaseloads(knex)).map((l) => [l.professionalId, l.activeCases]));
    for (const [reader, scope] of Object.entries(SCOPES)) {
      expect(await activeCasesPerStage(knex, scope), `${reader}: active cases`).to.deep.equal(await rawActiveCases(knex, scope));
      expect(await groupQueue(knex, scope), `${reader}: group queue`).to.deep.equal(await rawGroupQueue(knex, scope));
      expect(
        (await pairCaseloads(knex, scope)).map((p) => [p.professionalId, p.activeCases]),
        `${reader}: caseloads`,
      ).to.deep.equal((await pairCaseloads(knex, scope)).map((p) => [p.professionalId, loads.get(p.professionalId) ?? 0]));
      for (const [period, range] of Object.entries(PERIODS)) {
        const filter = { ...scope, ...range };
        const label = `${reader}, ${period}`;
        expect(await deadlineBreaches(knex, filter, NOW), `${label}: deadline breaches`).to.deep.equal(
          await rawDeadlineBreaches(knex, filter, NOW),
        );
        const raw = await rawStageDurations(knex, filter);
        const summarised = (await stageDurations(knex, filter)).sort((a, b) => a.stage.localeCompare(b.stage));
        expect(
          summarised.map((s) => [s.stage, s.visits]),
          `${label}: visits`,
        ).to.deep.equal(raw.map((r) => [r.stage, r.lengths.length]));
        for (const [i, r] of raw.entries()) {
          expectWithinBuckets(summarised[i].medianDays, r.lengths, 0.5, `${label}: ${r.stage} median`);
          expectWithinBuckets(summarised[i].p90Days, r.lengths, 0.9, `${label}: ${r.stage} p90`);
        }
      }
    }
  }

  /** The bucket-resolution percentile lies between the buckets of the two visits the exact one interpolates between. */
  function expectWithinBuckets(estimate: number, lengths: number[], fraction: number, label: string): void {
    const position = fraction * (lengths.length - 1);
    const below = bucketOf(lengths[Math.floor(position)]);
    const above = bucketOf(lengths[Math.ceil(position)]);
    expect(estimate, label).to.be.within(below.from_days, above.to_days ?? above.from_days);
  }

  function bucketOf(days: number): Bucket {
    return buckets.filter((b) => b.from_days <= days).at(-1) ?? buckets[0];
  }

  it('should give the generated cases’ figures as the rows do, for every reader and period', async () => {
    expect(await rawGroupQueue(knex, SCOPES['manager turun-seutu'])).to.have.length.above(0);
    expect(await rawDeadlineBreaches(knex, SCOPES['lead turku-keskusta'], NOW)).to.have.length.above(0);
    await expectSummariesToEqualRows();
  });

  for (const table of ['stage_visit_days', 'stage_visit_months'])
    it(`should hold in ${table} the same histogram of visit lengths as the visits bucketed one by one`, async () => {
      // when
      const fromRows: { stage: string; bucket: number; visits: number }[] = (
        await knex.raw(`select stage, stage_duration_bucket(left_at - entered_at) as bucket, count(*)::int as visits
        from stage_history where left_at is not null group by 1, 2 order by 1, 2`)
      ).rows;
      const columns = buckets.map((_, i) => `sum(bucket_${String(i + 1).padStart(2, '0')})::int`).join(', ');
      const summarised: { stage: string; counts: number[] }[] = (
        await knex.raw(`select stage, array[${columns}] as counts from ${table} group by stage order by stage`)
      ).rows;

      // then
      expect(
        summarised.flatMap((s) => s.counts.flatMap((visits, i) => (visits === 0 ? [] : [{ stage: s.stage, bucket: i + 1, visits }]))),
      ).to.deep.equal(fromRows);
    });

  it('should move a case’s figures with it when it is routed to another team, closed (its pair released), or its deadlines met late', async () => {
    // given
    const cases: { case_id: string }[] = await knex('cases').where({ team_id: 'turku-keskusta' }).orderBy('case_id').limit(40);
    const [moved, closed, late] = [cases.slice(0, 15), cases.slice(15, 30), cases.slice(30)].map((c) => c.map((r) => r.case_id));

    // when
    await knex('cases').whereIn('case_id', moved).update({ team_id: 'salo-somero', region_id: 'salon-seutu' });
    await knex.transaction(async (trx) => {
      await trx('stage_history')
        .whereIn('case_id', closed)
        .whereNull('left_at')
        .update({ left_at: leftNow(trx) });
      await trx('cases').whereIn('case_id', closed).whereNull('closed_at').update({ closed_at: NOW, outcome: 'MOVED_AWAY' });
    });
    await knex('pair_assignments').whereIn('case_id', closed).whereNull('released_at').update({ released_at: NOW });
    await knex('deadlines')
      .whereIn('case_id', late)
      .whereNull('met_at')
      .update({ met_at: knex.raw("due_at + interval '2 days'") });

    // then
    await expectSummariesToEqualRows();
  });

  it('should count a responsible social worker in their caseload, once per case when they are also the pair’s social-side member', async () => {
    // given open cases with a pair: one gets another professional as its responsible social worker, one the pair's own member
    const [other, own, released] = await knex('pair_assignments').whereNull('released_at').orderBy('case_id').limit(3);
    const [socialWorker] = await knex('professionals').where({ role: 'SOCIAL_WORKER' }).whereNot({ id: other.social_worker_id }).limit(1);
    const row = (caseId: string, professionalId: string, jobKey: string) => ({
      case_id: caseId,
      professional_id: professionalId,
      assigned_at: NOW,
      manual: false,
      job_key: jobKey,
      register: 'SOCIAL',
    });

    // when they are assigned, and a third is assigned and released
    await knex('responsible_social_workers').insert([
      row(other.case_id, socialWorker.id, 'caseload-test-1'),
      row(own.case_id, own.social_worker_id, 'caseload-test-2'),
      row(released.case_id, socialWorker.id, 'caseload-test-3'),
    ]);
    await knex('responsible_social_workers').where({ job_key: 'caseload-test-3' }).update({ released_at: NOW });

    // then the summaries count each case once per professional, as the rows do
    const loads = new Map((await rawCaseloads(knex)).map((l) => [l.professionalId, l.activeCases]));
    const kept = new Map(
      (await knex('professional_caseloads').select('professional_id', 'active_cases')).map((r) => [r.professional_id, r.active_cases]),
    );
    expect(kept.get(socialWorker.id)).to.equal(loads.get(socialWorker.id)).and.to.be.above(0);
    expect(kept.get(own.social_worker_id)).to.equal(loads.get(own.social_worker_id));
    await expectSummariesToEqualRows();
  });

  it('should build from the existing rows what the triggers kept (migrations 20261207090000 and 20261209110000 down and up)', async () => {
    // given
    const kept = await summaryRows();

    // when
    await knex.transaction(async (trx) => {
      await caseloadMembers.down(trx);
      await summaries.down(trx);
      await summaries.up(trx);
      await caseloadMembers.up(trx);
    });

    // then
    expect(await summaryRows()).to.deep.equal(kept);
    await expectSummariesToEqualRows();
  });

  it('should summarise a write in the writer’s transaction: invisible to others until it commits, gone when it rolls back', async () => {
    // given
    const [open] = await knex('open_case_stages').select('case_id').orderBy('case_id').limit(1);
    const before = await activeCasesPerStage(knex, {});
    const total = (items: { activeCases: number }[]) => items.reduce((sum, i) => sum + i.activeCases, 0);

    // when
    const seen = { inside: 0, outside: 0 };
    const rollBack = new Error('roll back');
    const ended = await knex
      .transaction(async (trx) => {
        await trx('stage_history')
          .where({ case_id: open.case_id })
          .whereNull('left_at')
          .update({ left_at: leftNow(trx) });
        seen.inside = total(await activeCasesPerStage(trx, {}));
        seen.outside = total(await activeCasesPerStage(knex, {}));
        throw rollBack;
      })
      .catch((e: unknown) => e);

    // then
    expect(ended).to.equal(rollBack);
    expect(seen).to.deep.equal({ inside: total(before) - 1, outside: total(before) });
    expect(await activeCasesPerStage(knex, {})).to.deep.equal(before);
  });

  async function summaryRows() {
    const visits = async (table: string) => knex(table).where('visits', '<>', 0).orderBy(['period_start', 'stage', 'region_id', 'team_id']);
    const deadlines = async (table: string) =>
      knex(table)
        .where((q) => q.where('due', '<>', 0).orWhere('met_in_time', '<>', 0).orWhere('unmet_open', '<>', 0))
        .orderBy(['period_start', 'region_id', 'team_id', 'rule_id']);
    const open = await knex('open_case_stages').orderBy('case_id');
    const caseloads = await knex('professional_caseloads').where('active_cases', '<>', 0).orderBy('professional_id');
    return {
      visitDays: await visits('stage_visit_days'),
      visitMonths: await visits('stage_visit_months'),
      deadlineDays: await deadlines('deadline_days'),
      deadlineMonths: await deadlines('deadline_months'),
      open,
      caseloads,
    };
  }
});
