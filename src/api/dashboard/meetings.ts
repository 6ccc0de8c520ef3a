import { type MeetingCalendar, nextMeeting } from '../../domain/meetings.js';

/** How many coming meetings the dashboard and the admin pages list. */
const MEETINGS_SHOWN = 3;
/** A minute past a meeting's start, to look for the one after it. */
const ONE_MINUTE = 60_000;

/** The calendar's next meetings from `now` (ISO 8601 with the Finnish offset); fewer when it has none. */
export function comingMeetings(calendar: MeetingCalendar, now: Date, count = MEETINGS_SHOWN): string[] {
  const meetings: string[] = [];
  let from = now;
  while (meetings.length < count) {
    const slot = nextMeeting(calendar, from);
    if (!slot) break;
    meetings.push(slot.startsAt);
    from = new Date(new Date(slot.startsAt).getTime() + ONE_MINUTE);
  }
  return meetings;
}
