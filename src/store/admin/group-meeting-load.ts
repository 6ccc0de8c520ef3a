import type { Knex } from 'knex';
import { nextMeeting, type MeetingCalendar } from '../../domain/meetings.js';

/** How far back a working group's load is averaged: a quarter of a year, long enough to smooth single weeks. */
export const LOAD_WEEKS = 13;
const WEEK_MS = 7 * 24 * 3_600_000;
const ONE_MINUTE = 60_000;

/** A working group's load: the cases per meeting over the last LOAD_WEEKS weeks, and the cases booked into each coming meeting. */
export interface GroupMeetingLoad {
  weeks: number;
  meetings: number;
  cases: number;
  /** Cases per meeting over the period, one decimal; null when the calendar had no meeting in it. */
  casesPerMeeting: number | null;
  /** The coming meetings (as `nextMeetings` lists them) with the cases already booked into each. */
  booked: { startsAt: string; cases: number }[];
}

/** The meetings a calendar held from `from` up to `to`. */
function meetingsBetween(calendar: MeetingCalendar, from: Date, to: Date): number {
  let count = 0;
  for (let slot = nextMeeting(calendar, from); slot && Date.parse(slot.startsAt) < to.getTime();) {
    count++;
    slot = nextMeeting(calendar, new Date(Date.parse(slot.startsAt) + ONE_MINUTE));
  }
  return count;
}

/**
 * The load of a region's working group: its bookings (meeting_bookings) against its calendar. The calendar is today's,
 * so after a change the past period is counted as if the new calendar had been in force: the figure says what the
 * calendar would have carried.
 */
export async function groupMeetingLoad(
  knex: Knex,
  regionId: string,
  calendar: MeetingCalendar,
  nextMeetings: readonly string[],
  now: Date,
): Promise<GroupMeetingLoad> {
  const since = new Date(now.getTime() - LOAD_WEEKS * WEEK_MS);
  const bookings = knex('meeting_bookings').where({ forum: 'REGIONAL_GROUP', region_id: regionId });
  const past = (await bookings
    .clone()
    .where('meeting_at', '>=', since)
    .where('meeting_at', '<', now)
    .countDistinct({ n: 'case_id' })
    .first()) as {
    n: string | number;
  };
  const coming: { meeting_at: Date; n: string | number }[] = await bookings
    .clone()
    .whereIn(
      'meeting_at',
      nextMeetings.map((at) => new Date(at)),
    )
    .groupBy('meeting_at')
    .select('meeting_at')
    .countDistinct({ n: 'case_id' });
  const meetings = meetingsBetween(calendar, since, now);
  const cases = Number(past.n);
  const bookedAt = new Map(coming.map((row) => [row.meeting_at.getTime(), Number(row.n)]));
  return {
    weeks: LOAD_WEEKS,
    meetings,
    cases,
    casesPerMeeting: meetings === 0 ? null : Math.round((cases / meetings) * 10) / 10,
    booked: nextMeetings.map((startsAt) => ({ startsAt, cases: bookedAt.get(Date.parse(startsAt)) ?? 0 })),
  };
}
