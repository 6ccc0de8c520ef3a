import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { nextMeeting, type MeetingCalendar } from '../../src/domain/meetings.js';
import type { StageCode } from '../../src/domain/stages.js';
import { startTestService, type TestService } from '../support/service.js';
import { bucketPercentile, type CaseStory, type DurationBucket, recordStory } from './pathway-rows.js';
import { ADMIN, MANAGER, NURSE, signedInAs } from './signed-in.js';
import { expectProblem } from '../support/problem.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** Monday 2 March 2026, 08:00 UTC (10:00 in Finland). */
const D0 = Date.parse('2026-03-02T08:00:00Z');
const at = (days: number, hours = 0) => new Date(D0 + days * DAY + hours * HOUR);
const RULE = 'shl-36-arvioinnin-aloitus-tavoite';

const seedRegions: { id: string; meetingCalendar: MeetingCalendar }[] = JSON.parse(readFileSync('seed/regions.json', 'utf8'));
const seedPeople: { id: string; teamId: string; role: string; capacity: number }[] = JSON.parse(
  readFileSync('seed/professionals.json', 'utf8'),
);
const salonNextMeeting = new Date(nextMeeting(seedRegions.find((r) => r.id === 'salon-seutu')!.meetingCalendar, new Date())!.startsAt);

const TURKU = { teamId: 'turku-keskusta', regionId: 'turun-seutu' };
const SALO = { teamId: 'salo-somero', regionId: 'salon-seutu' };
const LOIMAA = { teamId: 'loimaa', regionId: 'loimaan-seutu' };

/** The seeded pathway: each figure below is computed from these stories, not read back from the database. */
const STORIES: CaseStory[] = [
  {
    ...TURKU,
    stages: [
      { stage: 'TUEN_TARVE', at: at(0) },
      { stage: 'TYOPARIN_MUODOSTUS', at: at(1) },
      { stage: 'ARVIOINTI', at: at(1, 6) },
    ],
    pair: { nurseId: 'p-turku-keskusta-sh1', socialWorkerId: 'p-turku-keskusta-so1' },
    deadline: { ruleId: RULE, dueAt: at(7), metAt: at(1, 6) },
  },
  {
    ...TURKU,
    stages: [
      { stage: 'TUEN_TARVE', at: at(0) },
      { stage: 'TYOPARIN_MUODOSTUS', at: at(3) },
      { stage: 'ARVIOINTI', at: at(3, 12) },
      { stage: 'SUUNNITELMA', at: at(10) },
    ],
    pair: { nurseId: 'p-turku-keskusta-sh1', socialWorkerId: 'p-turku-keskusta-so2' },
    deadline: { ruleId: RULE, dueAt: at(2), metAt: at(3, 12) },
  },
  {
    ...SALO,
    stages: [
      { stage: 'TUEN_TARVE', at: at(0) },
      { stage: 'TYOPARIN_MUODOSTUS', at: at(2) },
      { stage: 'ARVIOINTI', at: at(2, 3) },
      { stage: 'SUUNNITELMA', at: at(9) },
      { stage: 'TYORYHMAKASITTELY', at: at(14) },
    ],
    pair: { nurseId: 'p-salo-somero-sh1', socialWorkerId: 'p-salo-somero-st1' },
    groupBooking: { regionId: 'salon-seutu', meetingAt: salonNextMeeting },
    deadline: { ruleId: RULE, dueAt: at(2) },
  },
  {
    ...SALO,
    stages: [{ stage: 'TUEN_TARVE', at: at(0) }],
    pair: { nurseId: 'p-salo-somero-sh2', socialWorkerId: 'p-salo-somero-so1' },
    deadline: { ruleId: RULE, dueAt: at(1) },
    closed: { at: at(5), outcome: 'SINGLE_SECTOR_REFERRAL' },
  },
  {
    ...SALO,
    stages: [
      { stage: 'TUEN_TARVE', at: at(1) },
      { stage: 'TYORYHMAKASITTELY', at: at(4) },
      { stage: 'TOTEUTUS', at: at(12) },
    ],
    groupBooking: { regionId: 'salon-seutu', meetingAt: new Date('2026-03-05T11:00:00Z') },
    deadline: { ruleId: RULE, dueAt: new Date('2027-06-01T21:00:00Z') },
  },
  {
    ...LOIMAA,
    stages: [
      { stage: 'TUEN_TARVE', at: at(0, 2) },
      { stage: 'TYORYHMAKASITTELY', at: at(6) },
    ],
    groupBooking: { regionId: 'loimaan-seutu', meetingAt: new Date('2026-03-11T11:00:00Z') },
  },
];

/** Every closed stage visit of the stories: stage, team, length in days and when it ended. */
function closedVisits(stories: CaseStory[]) {
  return stories.flatMap((story) =>
    story.stages.flatMap(({ stage, at: entered }, i) => {
      const left = story.stages[i + 1]?.at ?? story.closed?.at;
      return left ? [{ stage, teamId: story.teamId, days: (left.getTime() - entered.getTime()) / DAY, left }] : [];
    }),
  );
}

function expectedDurations(visits: ReturnType<typeof closedVisits>, buckets: readonly DurationBucket[]) {
  const stages = [...new Set(visits.map((v) => v.stage))];
  return Object.fromEntries(
    stages.map((stage) => {
      const days = visits.filter((v) => v.stage === stage).map((v) => v.days);
      return [
        stage,
        { visits: days.length, medianDays: bucketPercentile(days, 0.5, buckets), p90Days: bucketPercentile(days, 0.9, buckets) },
      ];
    }),
  );
}

describe('manager dashboard figures /api/dashboard', () => {
  let t: TestService;
  let admin: Record<string, string>;
  let buckets: DurationBucket[];

  async function get(path: string, headers: Record<string, string> = admin) {
    const response = await fetch(`${t.service.url}/api/dashboard/${path}`, { headers });
    return { status: response.status, type: response.headers.get('content-type'), body: await response.json() };
  }

  before(async () => {
    t = await startTestService();
    const knex = t.service.database.knex;
    for (const story of STORIES) await recordStory(knex, story);
    admin = await signedInAs(knex, ADMIN);
    buckets = await knex('stage_duration_buckets').orderBy('bucket');
  });

  after(async () => {
    await t?.close();
  });

  describe('GET /api/dashboard/active-cases', () => {
    it('should count open cases per current stage, per region and team', async () => {
      // given
      const expected = new Map<string, number>();
      for (const story of STORIES.filter((s) => !s.closed)) {
        const key = `${story.regionId}|${story.teamId}|${story.stages.at(-1)!.stage}`;
        expected.set(key, (expected.get(key) ?? 0) + 1);
      }

      // when
      const { status, body } = await get('active-cases');

      // then
      expect(status).to.equal(200);
      const actual = new Map(
        (body.items as { regionId: string; teamId: string; stage: string; activeCases: number }[]).map((i) => [
          `${i.regionId}|${i.teamId}|${i.stage}`,
          i.activeCases,
        ]),
      );
      expect(actual).to.deep.equal(expected);
      expect(body.items[0]).to.have.property('stageLabel').that.is.a('string');
    });

    it('should narrow to one team', async () => {
      // when
      const { body } = await get('active-cases?teamId=salo-somero');

      // then
      expect(body.items.map((i: { stage: string; activeCases: number }) => [i.stage, i.activeCases])).to.deep.equal([
        ['TOTEUTUS', 1],
        ['TYORYHMAKASITTELY', 1],
      ]);
    });
  });

  describe('GET /api/dashboard/stage-durations', () => {
    it('should give the median and 90th percentile of closed visits per stage, in days, to bucket resolution', async () => {
      // given
      const expected = expectedDurations(closedVisits(STORIES), buckets);

      // when
      const { status, body } = await get('stage-durations');

      // then
      expect(status).to.equal(200);
      const byStage = Object.fromEntries(body.items.map((i: { stage: StageCode }) => [i.stage, i]));
      expect(Object.keys(byStage)).to.have.members(Object.keys(expected));
      for (const [stage, figures] of Object.entries(expected)) {
        expect(byStage[stage].visits, stage).to.equal(figures.visits);
        expect(byStage[stage].medianDays, stage).to.be.closeTo(figures.medianDays, 1e-9);
        expect(byStage[stage].p90Days, stage).to.be.closeTo(figures.p90Days, 1e-9);
      }
      expect(body.items.map((i: { stage: string }) => i.stage)[0]).to.equal('TUEN_TARVE');
    });

    it('should count only visits that ended within the period and the region', async () => {
      // given: 3–5 March 2026 in Finnish days
      const from = new Date('2026-03-03T00:00:00+02:00');
      const to = new Date('2026-03-06T00:00:00+02:00');
      const visits = closedVisits(STORIES.filter((s) => s.regionId === 'salon-seutu')).filter((v) => v.left >= from && v.left < to);
      const expected = expectedDurations(visits, buckets);

      // when
      const { body } = await get('stage-durations?regionId=salon-seutu&from=2026-03-03&to=2026-03-05');

      // then
      expect(visits).to.have.length.above(0);
      expect(
        Object.fromEntries(
          body.items.map((i: { stage: string; visits: number; medianDays: number; p90Days: number }) => [
            i.stage,
            { visits: i.visits, medianDays: i.medianDays, p90Days: i.p90Days },
          ]),
        ),
      ).to.deep.equal(expected);
    });
  });

  describe('GET /api/dashboard/caseloads', () => {
    it('should give each pair member’s active cases against capacity, and team totals', async () => {
      // given: closed cases release their pair
      const load = new Map<string, number>();
      for (const story of STORIES.filter((s) => s.pair && !s.closed)) {
        for (const id of [story.pair!.nurseId, story.pair!.socialWorkerId]) load.set(id, (load.get(id) ?? 0) + 1);
      }
      const salo = seedPeople.filter((p) => p.teamId === 'salo-somero' && ['NURSE', 'SOCIAL_COUNSELLOR', 'SOCIAL_WORKER'].includes(p.role));

      // when
      const { status, body } = await get('caseloads?teamId=salo-somero');

      // then
      expect(status).to.equal(200);
      expect(
        body.people.map((p: { professionalId: string; capacity: number; activeCases: number }) => [
          p.professionalId,
          p.capacity,
          p.activeCases,
        ]),
      ).to.have.deep.members(salo.map((p) => [p.id, p.capacity, load.get(p.id) ?? 0]));
      expect(body.teams).to.deep.equal([
        {
          teamId: 'salo-somero',
          regionId: 'salon-seutu',
          capacity: salo.reduce((sum, p) => sum + p.capacity, 0),
          activeCases: salo.reduce((sum, p) => sum + (load.get(p.id) ?? 0), 0),
        },
      ]);
    });
  });

  describe('GET /api/dashboard/deadline-breaches', () => {
    it('should count deadlines due by now per team and rule: breached when met late or not met', async () => {
      // given
      const now = new Date();
      const due = STORIES.filter((s) => s.deadline && s.deadline.dueAt < now);
      const expected = [TURKU, SALO, LOIMAA]
        .map((team) => {
          const mine = due.filter((s) => s.teamId === team.teamId);
          const breached = mine.filter((s) => !s.deadline!.metAt || s.deadline!.metAt > s.deadline!.dueAt);
          return {
            ...team,
            due: mine.length,
            breached: breached.length,
            open: breached.filter((s) => !s.deadline!.metAt && !s.closed).length,
          };
        })
        .filter((row) => row.due > 0);

      // when
      const { status, body } = await get('deadline-breaches');

      // then
      expect(status).to.equal(200);
      expect(
        body.items.map((i: { regionId: string; teamId: string; due: number; breached: number; open: number }) => ({
          regionId: i.regionId,
          teamId: i.teamId,
          due: i.due,
          breached: i.breached,
          open: i.open,
        })),
      ).to.have.deep.members(
        expected.map((e) => ({ regionId: e.regionId, teamId: e.teamId, due: e.due, breached: e.breached, open: e.open })),
      );
      expect(body.items.every((i: { ruleId: string; kind: string }) => i.ruleId === RULE && i.kind === 'PROPOSED_TARGET')).to.equal(true);
    });
  });

  describe('GET /api/dashboard/deadline-breaches with a period', () => {
    it('should count only deadlines due within the period', async () => {
      // given: 3–4 March 2026 in Finnish days
      const from = new Date('2026-03-03T00:00:00+02:00');
      const to = new Date('2026-03-05T00:00:00+02:00');
      const inPeriod = STORIES.filter((s) => s.deadline && s.deadline.dueAt >= from && s.deadline.dueAt < to);

      // when
      const { body } = await get('deadline-breaches?from=2026-03-03&to=2026-03-04');

      // then
      expect(inPeriod).to.have.length.above(0);
      expect(inPeriod.length).to.be.below(STORIES.filter((s) => s.deadline).length);
      expect(body.items.reduce((sum: number, i: { due: number }) => sum + i.due, 0)).to.equal(inPeriod.length);
    });
  });

  describe('GET /api/dashboard/group-queues', () => {
    it('should list each working group’s waiting cases and its next meetings with the cases booked', async () => {
      // given: waiting = open and still in TYORYHMAKASITTELY
      const now = new Date();
      const waiting = STORIES.filter((s) => !s.closed && s.stages.at(-1)!.stage === 'TYORYHMAKASITTELY');

      // when
      const { status, body } = await get('group-queues');

      // then
      expect(status).to.equal(200);
      expect(body.items).to.have.length(seedRegions.length);
      for (const region of body.items as {
        regionId: string;
        waitingCases: number;
        pastMeetingCases: number;
        nextMeetings: { startsAt: string; bookedCases: number }[];
      }[]) {
        const mine = waiting.filter((s) => s.groupBooking!.regionId === region.regionId);
        expect(region.waitingCases, region.regionId).to.equal(mine.length);
        expect(region.pastMeetingCases, region.regionId).to.equal(mine.filter((s) => s.groupBooking!.meetingAt < now).length);
        expect(region.nextMeetings).to.have.length(3);
        const first = region.nextMeetings[0];
        expect(new Date(first.startsAt) >= now).to.equal(true);
        expect(first.bookedCases, region.regionId).to.equal(
          mine.filter((s) => s.groupBooking!.meetingAt.getTime() === Date.parse(first.startsAt)).length,
        );
      }
      expect(body.items.find((r: { regionId: string }) => r.regionId === 'salon-seutu').nextMeetings[0]).to.deep.include({
        bookedCases: 1,
      });
    });

    it('should show only the team’s region when filtered by team', async () => {
      // when
      const { body } = await get('group-queues?teamId=loimaa');

      // then
      expect(body.items.map((r: { regionId: string; waitingCases: number }) => [r.regionId, r.waitingCases])).to.deep.equal([
        ['loimaan-seutu', 1],
      ]);
    });
  });

  describe('filters and access', () => {
    it('should refuse an unknown team, a bad date and an unknown parameter, naming each', async () => {
      // when
      const unknownTeam = await get('active-cases?teamId=atlantis');
      const badDate = await get('stage-durations?from=2026-02-30');
      const reversed = await get('stage-durations?from=2026-03-10&to=2026-03-01');
      const misspelt = await get('caseloads?team=salo-somero');

      // then
      expectProblem({ ...unknownTeam, contentType: unknownTeam.type }, 400);
      expect(unknownTeam.body.errors).to.deep.equal([{ field: 'teamId', detail: 'no team atlantis' }]);
      expect(badDate.status).to.equal(400);
      expect(badDate.body.errors[0].field).to.equal('from');
      expect(reversed.body.errors[0].field).to.equal('to');
      expect(misspelt.status).to.equal(400);
      expect(misspelt.body.detail).to.contain('team');
    });

    it('should refuse a period other than all, and all beside from or to, naming period', async () => {
      // when
      const unknownPeriod = await get('stage-durations?period=forever');
      const allWithFrom = await get('deadline-breaches?period=all&from=2026-03-01');

      // then
      expectProblem({ ...unknownPeriod, contentType: unknownPeriod.type }, 400);
      expect(unknownPeriod.body.errors[0].field).to.equal('period');
      expect(allWithFrom.status).to.equal(400);
      expect(allWithFrom.body.errors[0].field).to.equal('period');
    });

    it('should count the same visits over all time as over the default last 12 months when all of them are recent', async () => {
      // when
      const recent = await get('stage-durations');
      const allTime = await get('stage-durations?period=all');

      // then
      expect(allTime.status).to.equal(200);
      expect(allTime.body.items).to.deep.equal(recent.body.items);
    });

    it('should answer 401 without a session and 403 to a caseworker', async () => {
      // given
      const nurse = await signedInAs(t.service.database.knex, NURSE);

      // when
      const anonymous = await get('active-cases', {});
      const caseworker = await get('active-cases', nurse);

      // then
      expect(anonymous.status).to.equal(401);
      expect(caseworker.status).to.equal(403);
    });

    it('should show a manager their own region only', async () => {
      // given: the Turku region's manager
      const manager = await signedInAs(t.service.database.knex, MANAGER);

      // when
      const own = await get('active-cases', manager);
      const ownTeam = await get('caseloads?teamId=turku-keskusta', manager);
      const otherRegion = await get('active-cases?regionId=salon-seutu', manager);
      const otherTeam = await get('active-cases?teamId=salo-somero', manager);

      // then
      expect(own.status).to.equal(200);
      expect(new Set(own.body.items.map((i: { regionId: string }) => i.regionId))).to.deep.equal(new Set(['turun-seutu']));
      expect(ownTeam.status).to.equal(200);
      expect(otherRegion.status).to.equal(403);
      expect(otherTeam.status).to.equal(403);
    });

    it('should show a team lead their own team only', async () => {
      // given
      const lead = await signedInAs(t.service.database.knex, 'u-salo-somero-esihenkilo');

      // when
      const own = await get('active-cases', lead);
      const other = await get('active-cases?teamId=turku-keskusta', lead);

      // then
      expect(own.status).to.equal(200);
      expect(own.body.items.map((i: { teamId: string }) => i.teamId)).to.deep.equal(['salo-somero', 'salo-somero']);
      expect(other.status).to.equal(403);
    });
  });
});
