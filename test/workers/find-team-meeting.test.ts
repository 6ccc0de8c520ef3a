import { expect } from 'chai';
import type { Knex } from 'knex';
import { InvalidInputError } from '../../src/jobs/definition.js';
import { listBookings } from '../../src/store/meeting-repository.js';
import { handle } from '../../workers/find-team-meeting.js';
import { depsAt, jobContext, openTestCase, rejectionOf, workerKnex } from './fixtures.js';

describe('worker find-team-meeting', () => {
  let knex: Knex;

  before(async () => {
    knex = await workerKnex('workers_find_team_meeting');
  });

  after(async () => {
    await knex.destroy();
  });

  describe('#handle', () => {
    it('should book the case into the team’s next meeting', async () => {
      // given Tuesday 10 March 2026, 11:00; turku-keskusta meets on Wednesdays at 09:00
      const { caseId } = await openTestCase(knex);

      // when
      const output = await handle({ caseId, teamId: 'turku-keskusta' }, depsAt(knex), jobContext());

      // then
      expect(output).to.deep.equal({ teamMeetingAt: '2026-03-11T09:00:00+02:00' });
      const [booking] = await listBookings(knex, caseId);
      expect(booking.forum).to.deep.equal({ forum: 'TEAM', teamId: 'turku-keskusta' });
      expect(booking.meetingAt.toISOString()).to.equal('2026-03-11T07:00:00.000Z');
    });

    it('should book once when the same job is delivered twice, even a week later', async () => {
      // given
      const { caseId } = await openTestCase(knex);
      const job = jobContext();
      const first = await handle({ caseId, teamId: 'turku-keskusta' }, depsAt(knex), job);

      // when
      const second = await handle({ caseId, teamId: 'turku-keskusta' }, depsAt(knex, new Date('2026-03-17T09:00:00Z')), job);

      // then
      expect(second).to.deep.equal(first);
      expect(await listBookings(knex, caseId)).to.have.length(1);
    });

    it('should refuse a team that does not exist, naming the field', async () => {
      // given
      const { caseId } = await openTestCase(knex);

      // when
      const error = await rejectionOf(handle({ caseId, teamId: 'nowhere' }, depsAt(knex), jobContext()));

      // then
      expect(error).to.be.instanceOf(InvalidInputError);
      expect(error.message).to.equal("teamId: no team 'nowhere'");
    });
  });
});
