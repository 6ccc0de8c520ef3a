import { expect } from 'chai';
import type { Knex } from 'knex';
import { InvalidInputError } from '../../src/jobs/definition.js';
import { listBookings } from '../../src/store/meeting-repository.js';
import { handle } from '../../workers/find-group-meeting.js';
import { depsAt, jobContext, openTestCase, rejectionOf, workerKnex } from './fixtures.js';

describe('worker find-group-meeting', () => {
  let knex: Knex;

  before(async () => {
    knex = await workerKnex('workers_find_group_meeting');
  });

  after(async () => {
    await knex.destroy();
  });

  describe('#handle', () => {
    it('should put the case on the agenda of the regional working group’s next meeting', async () => {
      // given the Turku group meets every other Tuesday at 13:00 from 13 January 2026
      const { caseId } = await openTestCase(knex);

      // when
      const output = await handle({ caseId, regionId: 'turun-seutu' }, depsAt(knex), jobContext());

      // then 10 March is such a Tuesday, and 13:00 is still ahead
      expect(output).to.deep.equal({ groupMeetingAt: '2026-03-10T13:00:00+02:00' });
      const [booking] = await listBookings(knex, caseId);
      expect(booking.forum).to.deep.equal({ forum: 'REGIONAL_GROUP', regionId: 'turun-seutu' });
    });

    it('should book once when the same job is delivered twice', async () => {
      // given
      const { caseId } = await openTestCase(knex);
      const job = jobContext();

      // when
      const first = await handle({ caseId, regionId: 'salon-seutu' }, depsAt(knex), job);
      const second = await handle({ caseId, regionId: 'salon-seutu' }, depsAt(knex), job);

      // then
      expect(second).to.deep.equal(first);
      expect(await listBookings(knex, caseId)).to.have.length(1);
    });

    it('should book the meeting after the one the group already handled the case at, on a new pass', async () => {
      // given the Turku group handled the case at its 10 March meeting and asked for more information
      const { caseId } = await openTestCase(knex);
      await handle({ caseId, regionId: 'turun-seutu' }, depsAt(knex), jobContext());
      const secondPass = jobContext();

      // when the case comes back to the group the same day, and that job is delivered twice
      const second = await handle({ caseId, regionId: 'turun-seutu' }, depsAt(knex), secondPass);
      const replayed = await handle({ caseId, regionId: 'turun-seutu' }, depsAt(knex), secondPass);

      // then it goes to the group's next meeting, that Thursday (the Turku group meets twice a week), booked once
      expect(second).to.deep.equal({ groupMeetingAt: '2026-03-12T13:00:00+02:00' });
      expect(replayed).to.deep.equal(second);
      expect((await listBookings(knex, caseId)).map((b) => b.meetingAt.toISOString())).to.deep.equal([
        '2026-03-10T11:00:00.000Z',
        '2026-03-12T11:00:00.000Z',
      ]);
    });

    it('should refuse a region that does not exist, naming the field', async () => {
      // given
      const { caseId } = await openTestCase(knex);

      // when
      const error = await rejectionOf(handle({ caseId, regionId: 'pirkanmaa' }, depsAt(knex), jobContext()));

      // then
      expect(error).to.be.instanceOf(InvalidInputError);
      expect(error.message).to.equal("regionId: no region 'pirkanmaa'");
    });
  });
});
