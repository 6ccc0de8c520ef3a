import { expect } from 'chai';
import type { Knex } from 'knex';
import { getCase } from '../../src/store/case-repository.js';
import { deadlineBreaches } from '../../src/store/dashboard/deadlines.js';
import type { DashboardFilter } from '../../src/store/dashboard/filter-clauses.js';
import { activeCasesPerStage, stageDurations } from '../../src/store/dashboard/stages.js';
import { listDeadlines } from '../../src/store/deadline-repository.js';
import * as closeCase from '../../workers/close-case.js';
import * as deadlineNotice from '../../workers/deadline-notice.js';
import * as enter from '../../workers/pathway-stage-enter.js';
import * as leave from '../../workers/pathway-stage-leave.js';
import * as routeCase from '../../workers/route-case.js';
import { rawActiveCases, rawDeadlineBreaches, rawStageDurations } from '../support/dashboard-raw-figures.js';
import { depsAt, jobContext, NOW, openTestCase, workerKnex } from './fixtures.js';

const daysLater = (days: number) => new Date(NOW.getTime() + days * 86_400_000);
/** After every deadline of a case opened at NOW fell due, mid-day, so the last day is read from the rows. */
const LATER = new Date('2026-09-01T10:30:00Z');

describe('the workers’ writes in the dashboard summaries', () => {
  let knex: Knex;

  before(async () => {
    knex = await workerKnex('workers_dashboard_summaries');
  });

  after(async () => {
    await knex.destroy();
  });

  /** The dashboard's figures for the team, from the summaries, beside the same from the rows. */
  async function figures(filter: DashboardFilter) {
    const durations = (await stageDurations(knex, filter)).sort((a, b) => a.stage.localeCompare(b.stage));
    const raw = await rawStageDurations(knex, filter);
    return {
      summarised: {
        active: await activeCasesPerStage(knex, filter),
        visits: durations.map((d) => [d.stage, d.visits]),
        deadlines: await deadlineBreaches(knex, filter, LATER),
      },
      raw: {
        active: await rawActiveCases(knex, filter),
        visits: raw.map((r) => [r.stage, r.lengths.length]),
        deadlines: await rawDeadlineBreaches(knex, filter, LATER),
      },
    };
  }

  it('should count each stage change once, also when its listener job is delivered twice', async () => {
    // given a routed case
    const { caseId } = await openTestCase(knex);
    await routeCase.handle({ caseId, municipality: 'Turku' }, depsAt(knex), jobContext());
    const teamId = (await getCase(knex, caseId))?.teamId;
    const filter = { teamId: teamId ?? 'none' };

    // when every listener job is delivered twice
    const jobs = [
      [enter, 'TUEN_TARVE', 0, jobContext({ listenerEventType: 'START' })],
      [leave, 'TUEN_TARVE', 1, jobContext({ listenerEventType: 'END' })],
      [enter, 'TYOPARIN_MUODOSTUS', 1, jobContext({ listenerEventType: 'START' })],
      [leave, 'TYOPARIN_MUODOSTUS', 3, jobContext({ listenerEventType: 'END' })],
      [enter, 'ARVIOINTI', 3, jobContext({ listenerEventType: 'START' })],
    ] as const;
    for (const [worker, stage, day, job] of jobs) {
      await worker.handle({ caseId, stage }, depsAt(knex, daysLater(day)), job);
      await worker.handle({ caseId, stage }, depsAt(knex, daysLater(day + 0.5)), job);
    }

    // then
    const { summarised, raw } = await figures(filter);
    expect(summarised).to.deep.equal(raw);
    expect(summarised.visits).to.deep.equal([
      ['TUEN_TARVE', 1],
      ['TYOPARIN_MUODOSTUS', 1],
    ]);
    expect(summarised.active).to.deep.equal([{ regionId: 'turun-seutu', teamId, stage: 'ARVIOINTI', activeCases: 1 }]);
  });

  it('should count a deadline met late, its escalation and the case closing once each, also when delivered twice', async () => {
    // given a routed case whose assessment is done after its deadlines, escalated first
    const { caseId } = await openTestCase(knex);
    await routeCase.handle({ caseId, municipality: 'Turku' }, depsAt(knex), jobContext());
    const filter = { teamId: (await getCase(knex, caseId))?.teamId ?? 'none' };
    const before = await figures(filter);
    const notice = jobContext();
    const assessing = jobContext({ listenerEventType: 'START' });
    const assessed = jobContext({ listenerEventType: 'END' });
    const closing = jobContext();

    // when
    for (let delivery = 0; delivery < 2; delivery++) {
      await deadlineNotice.handle({ caseId, deadlineRule: 'ARVIOINTI_ALOITUS' }, depsAt(knex, daysLater(10)), notice);
      await enter.handle({ caseId, stage: 'ARVIOINTI' }, depsAt(knex, daysLater(11)), assessing);
      await leave.handle({ caseId, stage: 'ARVIOINTI' }, depsAt(knex, daysLater(12)), assessed);
      await closeCase.handle({ caseId, closeReason: 'CLIENT_WITHDREW' }, depsAt(knex, daysLater(13)), closing);
    }

    // then
    const { summarised, raw } = await figures(filter);
    expect(summarised).to.deep.equal(raw);
    const late = (await listDeadlines(knex, caseId)).filter((d) => d.metAt !== null && d.metAt > d.dueAt);
    expect(late).to.have.length.above(0);
    const breached = (f: typeof before) => f.summarised.deadlines.reduce((sum, d) => sum + d.breached, 0);
    const open = (f: typeof before) => f.summarised.deadlines.reduce((sum, d) => sum + d.open, 0);
    expect(breached(await figures(filter)) - breached(before)).to.equal(0);
    expect(open(await figures(filter))).to.be.below(open(before));
  });
});
