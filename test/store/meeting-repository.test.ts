import { expect } from 'chai';
import type { Knex } from 'knex';
import { nextMeeting } from '../../src/domain/meetings.js';
import { getTeam } from '../../src/store/org-repository.js';
import { bookMeeting, listBookings } from '../../src/store/meeting-repository.js';
import { migratedKnex, openTestCase } from './fixtures.js';

describe('meeting repository', () => {
  let knex: Knex;

  before(async () => {
    knex = await migratedKnex('store_meetings');
  });

  after(async () => {
    await knex.destroy();
  });

  it('should book a case into its team’s next meeting once per job', async () => {
    // given the Turku centre team meets on the first four Wednesdays at 09:00
    const { caseId } = await openTestCase(knex);
    const team = await getTeam(knex, 'turku-keskusta');
    const slot = nextMeeting(team!.meetingCalendar, new Date('2026-03-10T12:00:00Z'));
    const input = {
      caseId,
      forum: { forum: 'TEAM' as const, teamId: 'turku-keskusta' },
      meetingAt: new Date(slot!.startsAt),
      jobKey: `${caseId}-m`,
    };

    // when
    const first = await bookMeeting(knex, input);
    const replay = await bookMeeting(knex, input);

    // then
    expect(slot?.startsAt).to.equal('2026-03-11T09:00:00+02:00');
    expect(replay).to.deep.equal(first);
    expect(await listBookings(knex, caseId)).to.have.length(1);
  });

  it('should book into a regional working group', async () => {
    // given
    const { caseId } = await openTestCase(knex);
    const forum = { forum: 'REGIONAL_GROUP' as const, regionId: 'turun-seutu' };

    // when
    const booking = await bookMeeting(knex, { caseId, forum, meetingAt: new Date('2026-03-24T11:00:00Z'), jobKey: null });

    // then
    expect(booking).to.deep.include({ forum, register: 'SOCIAL' });
  });
});
