import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { openCase } from '../../src/store/case-repository.js';
import { bookMeeting } from '../../src/store/meeting-repository.js';
import { assignPair } from '../../src/store/pair-repository.js';
import { startTestService, type TestService } from '../support/service.js';
import { ADMIN, MANAGER, signedInAs } from '../dashboard/signed-in.js';
import { expectProblem } from '../support/problem.js';

const seedTeams: { id: string }[] = JSON.parse(readFileSync('seed/teams.json', 'utf8'));
const CALENDAR = [{ kind: 'NTH_WEEKDAY_OF_MONTH', weekday: 'WEDNESDAY', time: '14:30', ordinals: [1, 3] }];

describe('admin API /api/admin', () => {
  let t: TestService;
  let admin: Record<string, string>;

  async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = admin) {
    const response = await fetch(`${t.service.url}/api/admin/${path}`, {
      method,
      headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      location: response.headers.get('location'),
      body: text ? JSON.parse(text) : undefined,
    };
  }

  before(async () => {
    t = await startTestService();
    admin = await signedInAs(t.service.database.knex, ADMIN);
  });

  after(async () => {
    await t?.close();
  });

  describe('access', () => {
    it('should answer 401 without a session and 403 to a manager', async () => {
      // given
      const manager = await signedInAs(t.service.database.knex, MANAGER);

      // when
      const anonymous = await call('GET', 'teams', undefined, {});
      const managerAnswer = await call('GET', 'teams', undefined, manager);

      // then
      expect(anonymous.status).to.equal(401);
      expect(managerAnswer.status).to.equal(403);
    });
  });

  describe('teams', () => {
    it('should list the seeded teams with their next meetings', async () => {
      // when
      const { status, body } = await call('GET', 'teams');

      // then
      expect(status).to.equal(200);
      expect(body.items.map((team: { id: string }) => team.id)).to.have.members(seedTeams.map((team) => team.id));
      expect(body.items[0].nextMeetings).to.have.length(3);
    });

    it('should create a team, refuse it twice, and delete it while nothing refers to it', async () => {
      // when
      const made = await call('POST', 'teams', {
        id: 'mynamaki-testi',
        name: 'Mynämäen testitiimi',
        regionId: 'turun-seutu',
        meetingCalendar: CALENDAR,
      });
      const again = await call('POST', 'teams', {
        id: 'mynamaki-testi',
        name: 'Toinen',
        regionId: 'turun-seutu',
        meetingCalendar: CALENDAR,
      });
      const removed = await call('DELETE', 'teams/mynamaki-testi');

      // then
      expect(made.status).to.equal(201);
      expect(made.location).to.equal('/api/admin/teams/mynamaki-testi');
      expect(made.body).to.deep.equal({
        id: 'mynamaki-testi',
        name: 'Mynämäen testitiimi',
        regionId: 'turun-seutu',
        consultantId: null,
        meetingCalendar: CALENDAR,
      });
      expect(again.status).to.equal(409);
      expect(removed.status).to.equal(204);
      expect(await t.service.database.knex('teams').where({ id: 'mynamaki-testi' }).first()).to.equal(undefined);
    });

    it('should name every invalid field of a new team', async () => {
      // when
      const { status, type, body } = await call('POST', 'teams', {
        id: 'Iso Tiimi',
        name: 'x',
        regionId: 'turun-seutu',
        meetingCalendar: [{ kind: 'EVERY_N_WEEKS', weekday: 'TUESDAY', time: '25:00', intervalWeeks: 2, anchorDate: '2026-01-14' }],
      });

      // then
      expectProblem({ status, contentType: type, body }, 400);
      expect(body.errors.map((e: { field: string }) => e.field)).to.have.members([
        'id',
        'meetingCalendar.0.time',
        'meetingCalendar.0.anchorDate',
      ]);
    });

    it('should refuse an unknown region, naming the field', async () => {
      // when
      const { status, body } = await call('POST', 'teams', { id: 'uusi', name: 'Uusi', regionId: 'atlantis', meetingCalendar: CALENDAR });

      // then
      expect(status).to.equal(400);
      expect(body.errors).to.deep.equal([{ field: 'regionId', pointer: '#/regionId', detail: 'no region atlantis' }]);
    });

    it('should not delete a team that professionals, municipalities and cases refer to', async () => {
      // when
      const { status, body } = await call('DELETE', 'teams/salo-somero');

      // then
      expect(status).to.equal(409);
      expect(body.detail).to.contain('8 professionals').and.contain('municipalities');
      expect(await t.service.database.knex('teams').where({ id: 'salo-somero' }).first()).to.not.equal(undefined);
    });

    it('should change a team’s meeting calendar, name another team’s consultant, and refuse one who is not a consultant', async () => {
      // when
      const changed = await call('PATCH', 'teams/loimaa', { meetingCalendar: CALENDAR, name: 'Loimaan tiimi' });
      const wrongConsultant = await call('PATCH', 'teams/loimaa', { consultantId: 'p-loimaa-sh1' });
      const sharedConsultant = await call('PATCH', 'teams/poytya-aura', { consultantId: 'p-loimaa-konsultti' });
      const otherRegion = await call('PATCH', 'teams/loimaa', { regionId: 'vakka-suomi' });

      // then
      expect(changed.status).to.equal(200);
      expect(changed.body).to.deep.include({ name: 'Loimaan tiimi', meetingCalendar: CALENDAR, consultantId: 'p-loimaa-konsultti' });
      expect(wrongConsultant.status).to.equal(400);
      expect(wrongConsultant.body.errors[0].field).to.equal('consultantId');
      // a consultant is the team's contact in specialist care, not necessarily its member: one may serve two teams
      expect(sharedConsultant.status).to.equal(200);
      expect(sharedConsultant.body).to.include({ consultantId: 'p-loimaa-konsultti' });
      expect(otherRegion.status).to.equal(409);
      expect(otherRegion.body.detail).to.contain('Loimaa');
    });
  });

  describe('professionals', () => {
    it('should add a professional and change capacity, absence and activity', async () => {
      // when
      const made = await call('POST', 'professionals', {
        id: 'p-loimaa-sh9',
        displayName: 'Testi Hoitaja',
        role: 'NURSE',
        teamId: 'loimaa',
        capacity: 12,
      });
      const changed = await call('PATCH', 'professionals/p-loimaa-sh9', { capacity: 15, absentUntil: '2026-12-31', active: false });
      const listed = await call('GET', 'professionals?teamId=loimaa');

      // then
      expect(made.status).to.equal(201);
      expect(changed.body).to.deep.equal({
        id: 'p-loimaa-sh9',
        displayName: 'Testi Hoitaja',
        role: 'NURSE',
        teamId: 'loimaa',
        capacity: 15,
        active: false,
        absentUntil: '2026-12-31',
      });
      expect(listed.body.items.find((p: { id: string }) => p.id === 'p-loimaa-sh9')).to.deep.equal(changed.body);
      expect(listed.body.roles).to.deep.include({ code: 'NURSE', label: 'Päihdesairaanhoitaja' });
    });

    it('should refuse a capacity for a team lead', async () => {
      // when
      const { status, body } = await call('PATCH', 'professionals/p-loimaa-esihenkilo', { capacity: 5 });

      // then
      expect(status).to.equal(400);
      expect(body.errors[0]).to.deep.include({ field: 'capacity' });
    });

    it('should add the team members the model names beside the pair, never with a caseload', async () => {
      // when
      const add = (id: string, role: string, capacity: number) =>
        call('POST', 'professionals', { id, displayName: `Testi ${role}`, role, teamId: 'loimaa', capacity });
      const doctor = await add('p-loimaa-laakari', 'DOCTOR', 0);
      const expert = await add('p-loimaa-ka9', 'EXPERIENCE_EXPERT', 3);
      const unknown = await add('p-loimaa-x1', 'PSYCHOLOGIST', 0);
      const listed = await call('GET', 'professionals?teamId=loimaa');

      // then
      expect(doctor.status).to.equal(201);
      expect(doctor.body).to.include({ role: 'DOCTOR', capacity: 0 });
      expect(expert.status).to.equal(400);
      expect(expert.body.errors[0]).to.deep.include({ field: 'capacity' });
      expect(unknown.status).to.equal(400);
      expect(unknown.body.errors[0]).to.deep.include({ field: 'role' });
      expect(listed.body.roles).to.deep.include.members([
        { code: 'DOCTOR', label: 'Lääkäri' },
        { code: 'PUBLIC_HEALTH_NURSE', label: 'Terveydenhoitaja' },
        { code: 'PRACTICAL_NURSE', label: 'Lähihoitaja' },
        { code: 'LEAD_SOCIAL_WORKER', label: 'Johtava sosiaalityöntekijä' },
        { code: 'EXPERIENCE_EXPERT', label: 'Kokemusasiantuntija' },
      ]);
    });

    it('should keep team and role of someone carrying active cases, and never delete them', async () => {
      // given
      const knex = t.service.database.knex;
      const { caseId } = await openCase(knex, { caseId: randomUUID(), municipalityCode: '734', openedAt: new Date(), register: 'SOCIAL' });
      await assignPair(knex, {
        caseId,
        nurseId: 'p-salo-somero-sh1',
        socialWorkerId: 'p-salo-somero-so1',
        at: new Date(),
        jobKey: 'admin-test-pair',
        manual: false,
      });

      // when
      const move = await call('PATCH', 'professionals/p-salo-somero-sh1', { teamId: 'loimaa' });
      const deletion = await call('DELETE', 'professionals/p-salo-somero-sh1');
      const capacity = await call('PATCH', 'professionals/p-salo-somero-sh1', { capacity: 10 });

      // then
      expect(move.status).to.equal(409);
      expect(move.body.detail).to.contain('1 active cases');
      expect(deletion.status).to.equal(409);
      expect(capacity.status).to.equal(200);
      expect(capacity.body.teamId).to.equal('salo-somero');
    });

    it('should delete a professional nobody refers to', async () => {
      // given
      await call('POST', 'professionals', { id: 'p-loimaa-sh8', displayName: 'Lyhyt Pesti', role: 'NURSE', teamId: 'loimaa', capacity: 1 });

      // when
      const removed = await call('DELETE', 'professionals/p-loimaa-sh8');
      const missing = await call('DELETE', 'professionals/p-loimaa-sh8');

      // then
      expect(removed.status).to.equal(204);
      expect(missing.status).to.equal(404);
    });
  });

  describe('municipalities', () => {
    it('should move a municipality to another team, the region following the team', async () => {
      // when
      const { status, body } = await call('PATCH', 'municipalities/202', {
        teamId: 'turku-ita',
        alsoServedByTeamIds: ['kaarina-paimio-sauvo'],
      });

      // then
      expect(status).to.equal(200);
      expect(body).to.deep.equal({
        code: '202',
        name: 'Kaarina',
        swedishName: 'S:t Karins',
        bilingual: false,
        regionId: 'turun-seutu',
        teamId: 'turku-ita',
        alsoServedByTeamIds: ['kaarina-paimio-sauvo'],
      });
    });

    it('should refuse another team of a different region, and leave the municipality as it was', async () => {
      // when
      const { status, body } = await call('PATCH', 'municipalities/853', { alsoServedByTeamIds: ['turku-ita', 'salo-somero'] });
      const { body: list } = await call('GET', 'municipalities');

      // then
      expect(status).to.equal(400);
      expect(body.errors[0]).to.deep.include({ field: 'alsoServedByTeamIds.1' });
      expect(list.items.find((m: { code: string }) => m.code === '853').alsoServedByTeamIds).to.deep.equal([
        'turku-ita',
        'turku-lansi',
        'turku-pohjoinen',
      ]);
    });
  });

  describe('regional working group calendars', () => {
    it('should show each group’s load per meeting: cases per past meeting and the cases booked into the coming ones', async () => {
      // given two Salo cases handled at two of the group's past meetings, one of them booked again into its next meeting
      const knex = t.service.database.knex;
      const { body: before } = await call('GET', 'regions');
      const salo = before.items.find((r: { id: string }) => r.id === 'salon-seutu');
      const pastMeetings: number = salo.meetingLoad.meetings;
      const caseIds = [randomUUID(), randomUUID()];
      const forum = { forum: 'REGIONAL_GROUP' as const, regionId: 'salon-seutu' };
      for (const caseId of caseIds)
        await openCase(knex, { caseId, municipalityCode: '734', openedAt: new Date(Date.now() - 40 * 86_400_000), register: 'SOCIAL' });
      await bookMeeting(knex, { caseId: caseIds[0]!, forum, meetingAt: new Date(Date.now() - 14 * 86_400_000), jobKey: null });
      await bookMeeting(knex, { caseId: caseIds[1]!, forum, meetingAt: new Date(Date.now() - 28 * 86_400_000), jobKey: null });
      await bookMeeting(knex, { caseId: caseIds[0]!, forum, meetingAt: new Date(salo.nextMeetings[0]), jobKey: null });

      // when
      const { body } = await call('GET', 'regions');
      const load = body.items.find((r: { id: string }) => r.id === 'salon-seutu').meetingLoad;

      // then Salo's group meets twice a month: about six meetings in thirteen weeks
      expect(pastMeetings).to.be.within(5, 7);
      expect(load).to.deep.include({ weeks: 13, meetings: pastMeetings, cases: salo.meetingLoad.cases + 2 });
      expect(load.casesPerMeeting).to.equal(Math.round((load.cases / pastMeetings) * 10) / 10);
      expect(load.booked[0]).to.deep.equal({ startsAt: salo.nextMeetings[0], cases: salo.meetingLoad.booked[0].cases + 1 });
      expect(load.booked).to.have.length(salo.nextMeetings.length);
    });

    it('should give the Turku sub-region’s group, with most of the clients, the most meetings', async () => {
      // when
      const { body } = await call('GET', 'regions');
      const meetings = Object.fromEntries(
        body.items.map((r: { id: string; meetingLoad: { meetings: number } }) => [r.id, r.meetingLoad.meetings]),
      );

      // then
      for (const other of ['salon-seutu', 'loimaan-seutu', 'vakka-suomi', 'aboland-turunmaa'])
        expect(meetings['turun-seutu']).to.be.above(2 * meetings[other]);
    });

    it('should replace a group’s calendar, its next meetings following the new rule', async () => {
      // when
      const { status, body } = await call('PUT', 'regions/vakka-suomi/meeting-calendar', { meetingCalendar: CALENDAR });
      const unknown = await call('PUT', 'regions/atlantis/meeting-calendar', { meetingCalendar: CALENDAR });

      // then
      expect(status).to.equal(200);
      expect(body.meetingCalendar).to.deep.equal(CALENDAR);
      for (const startsAt of body.nextMeetings as string[]) {
        expect(startsAt).to.match(/T14:30:00\+0[23]:00$/);
        expect(new Date(startsAt).getUTCDay()).to.be.oneOf([3, 4]);
      }
      expect(unknown.status).to.equal(404);
    });
  });
});
