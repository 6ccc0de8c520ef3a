import { expect } from 'chai';
import { finnishInstant } from '../../src/domain/finnish-time.js';
import { isScheduledOn, nextMeeting, type MeetingCalendar, type MeetingRule } from '../../src/domain/meetings.js';

const BIWEEKLY_TUESDAY: MeetingRule = {
  kind: 'EVERY_N_WEEKS',
  weekday: 'TUESDAY',
  time: '13:00',
  intervalWeeks: 2,
  anchorDate: '2026-01-13',
};
const FIRST_AND_THIRD_THURSDAY: MeetingRule = { kind: 'NTH_WEEKDAY_OF_MONTH', weekday: 'THURSDAY', time: '13:00', ordinals: [1, 3] };

/** The instant of a Finnish wall-clock time. */
const at = (date: string, time: string) => finnishInstant(date, time);

describe('meetings', () => {
  describe('#nextMeeting', () => {
    it('should find the next meeting of an every-other-week rule', () => {
      // given the day after a meeting
      const calendar = [BIWEEKLY_TUESDAY];

      // when
      const next = nextMeeting(calendar, at('2026-01-14', '08:00'));

      // then
      expect(next).to.deep.equal({ date: '2026-01-27', time: '13:00', startsAt: '2026-01-27T13:00:00+02:00' });
    });

    it('should return a meeting that starts exactly at the given time', () => {
      // given
      const from = at('2026-01-13', '13:00');

      // when
      const next = nextMeeting([BIWEEKLY_TUESDAY], from);

      // then
      expect(next?.date).to.equal('2026-01-13');
    });

    it('should skip a meeting that has already started', () => {
      // given
      const from = at('2026-01-13', '13:01');

      // when
      const next = nextMeeting([BIWEEKLY_TUESDAY], from);

      // then
      expect(next?.date).to.equal('2026-01-27');
    });

    it('should count the interval backwards from the anchor too', () => {
      // given a date before the anchor
      const from = at('2025-12-29', '12:00');

      // when
      const next = nextMeeting([BIWEEKLY_TUESDAY], from);

      // then
      expect(next?.date).to.equal('2025-12-30');
    });

    it('should find the n-th weekdays of a month', () => {
      // given March 2026 begins on a Sunday
      const calendar = [FIRST_AND_THIRD_THURSDAY];

      // when
      const first = nextMeeting(calendar, at('2026-03-01', '00:00'));
      const second = nextMeeting(calendar, at('2026-03-05', '14:00'));
      const third = nextMeeting(calendar, at('2026-03-19', '14:00'));

      // then
      expect([first?.date, second?.date, third?.date]).to.deep.equal(['2026-03-05', '2026-03-19', '2026-04-02']);
    });

    it('should find the last weekday of a month with ordinal -1', () => {
      // given
      const lastMonday: MeetingRule = { kind: 'NTH_WEEKDAY_OF_MONTH', weekday: 'MONDAY', time: '13:00', ordinals: [-1] };

      // when
      const next = nextMeeting([lastMonday], at('2026-03-01', '00:00'));

      // then summer time has started by 30 March
      expect(next).to.deep.equal({ date: '2026-03-30', time: '13:00', startsAt: '2026-03-30T13:00:00+03:00' });
    });

    it('should move a meeting off Good Friday to the Tuesday after Easter', () => {
      // given the first Friday of April 2026 is Good Friday and the Monday after is Easter Monday
      const firstFriday: MeetingRule = { kind: 'NTH_WEEKDAY_OF_MONTH', weekday: 'FRIDAY', time: '10:00', ordinals: [1] };

      // when
      const next = nextMeeting([firstFriday], at('2026-04-01', '12:00'));

      // then
      expect(next).to.deep.equal({ date: '2026-04-07', time: '10:00', startsAt: '2026-04-07T10:00:00+03:00' });
    });

    it('should still find a moved meeting when asked after its scheduled day', () => {
      // given Easter Monday, after Good Friday's scheduled meeting but before it is held
      const firstFriday: MeetingRule = { kind: 'NTH_WEEKDAY_OF_MONTH', weekday: 'FRIDAY', time: '10:00', ordinals: [1] };

      // when
      const next = nextMeeting([firstFriday], at('2026-04-06', '09:00'));

      // then
      expect(next?.date).to.equal('2026-04-07');
    });

    it('should move a Christmas Eve meeting past Christmas and the weekend', () => {
      // given the 4th Thursday of December 2026 is Christmas Eve
      const fourthThursday: MeetingRule = { kind: 'NTH_WEEKDAY_OF_MONTH', weekday: 'THURSDAY', time: '09:00', ordinals: [4] };

      // when
      const next = nextMeeting([fourthThursday], at('2026-12-18', '12:00'));

      // then
      expect(next?.startsAt).to.equal('2026-12-28T09:00:00+02:00');
    });

    it('should move a Midsummer Eve meeting to the Monday after', () => {
      // given
      const everyFriday: MeetingRule = {
        kind: 'EVERY_N_WEEKS',
        weekday: 'FRIDAY',
        time: '09:00',
        intervalWeeks: 1,
        anchorDate: '2026-01-02',
      };

      // when
      const next = nextMeeting([everyFriday], at('2026-06-18', '12:00'));

      // then
      expect(next?.date).to.equal('2026-06-22');
    });

    it('should take the earliest meeting of all rules, also when a moved meeting lands on another rule’s day', () => {
      // given Good Friday's meeting moves to Tuesday 10:00, and another rule meets that Tuesday at 09:00
      const calendar: MeetingCalendar = [
        { kind: 'NTH_WEEKDAY_OF_MONTH', weekday: 'FRIDAY', time: '10:00', ordinals: [1] },
        { kind: 'NTH_WEEKDAY_OF_MONTH', weekday: 'TUESDAY', time: '09:00', ordinals: [1] },
      ];

      // when
      const next = nextMeeting(calendar, at('2026-04-02', '12:00'));

      // then
      expect(next).to.deep.equal({ date: '2026-04-07', time: '09:00', startsAt: '2026-04-07T09:00:00+03:00' });
    });

    it('should return null for an empty calendar', () => {
      // given
      const calendar: MeetingCalendar = [];

      // when
      const next = nextMeeting(calendar, at('2026-03-10', '12:00'));

      // then
      expect(next).to.equal(null);
    });
  });

  describe('#isScheduledOn', () => {
    it('should schedule every other week only on the anchor’s weeks', () => {
      // given
      const dates = ['2026-01-13', '2026-01-20', '2026-01-27', '2026-01-28'];

      // when
      const scheduled = dates.map((d) => isScheduledOn(BIWEEKLY_TUESDAY, d));

      // then
      expect(scheduled).to.deep.equal([true, false, true, false]);
    });

    it('should not move a meeting itself: holidays are handled by nextMeeting', () => {
      // given Good Friday
      const firstFriday: MeetingRule = { kind: 'NTH_WEEKDAY_OF_MONTH', weekday: 'FRIDAY', time: '10:00', ordinals: [1] };

      // when
      const scheduled = isScheduledOn(firstFriday, '2026-04-03');

      // then
      expect(scheduled).to.equal(true);
    });
  });
});
