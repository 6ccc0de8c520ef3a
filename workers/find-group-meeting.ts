import { z } from 'zod';
import { formatFinnishIso } from '../src/domain/finnish-time.js';
import { nextMeeting } from '../src/domain/meetings.js';
import { InvalidInputError, type JobContext } from '../src/jobs/definition.js';
import type { Clock, MeetingPort, OrgPort } from '../src/jobs/ports.js';
import { CompletedBy } from '../src/jobs/completed-by.js';

/**
 * Puts the case on the agenda of its regional working group's (päihdekuntoutustyöryhmä) next
 * meeting. Job type used by process-application/bpmn/tyoryhmakasittely.bpmn (`find-group-meeting`), on every pass
 * through the group: after a request for more information the case goes to a later meeting.
 */
export const jobType = 'find-group-meeting';

export const description = 'Find the regional working group’s next meeting and put the case on its agenda';

export const Input = z.object({
  /** Whoever completed the task this job follows; their writes are logged as theirs (src/jobs/completed-by.ts). */
  completedBy: CompletedBy,
  caseId: z.uuid(),
  regionId: z.string().min(1),
});

export const Output = z.object({
  /** ISO 8601 with the Finnish offset. */
  groupMeetingAt: z.string(),
});

export type Input = z.infer<typeof Input>;
export type Output = z.infer<typeof Output>;

export interface Deps {
  clock: Clock;
  org: Pick<OrgPort, 'getRegion'>;
  meetings: Pick<MeetingPort, 'bookMeeting' | 'lastBookingAt'>;
}

export async function handle(input: Input, deps: Deps, job: JobContext): Promise<Output> {
  const region = await deps.org.getRegion(input.regionId);
  if (!region) throw new InvalidInputError(`regionId: no region '${input.regionId}'`);
  const forum = { forum: 'REGIONAL_GROUP', regionId: region.id } as const;
  const lastBooked = await deps.meetings.lastBookingAt(input.caseId, forum);
  const meeting = nextMeeting(region.meetingCalendar, earliestMeetingFrom(deps.clock.now(), lastBooked));
  // Only an empty calendar has none, and the organisation schemas refuse one.
  if (!meeting) throw new Error(`the working group of region '${region.id}' has no meeting in its calendar within a year`);
  // A replayed job answers the meeting its first delivery booked.
  const booking = await deps.meetings.bookMeeting({
    caseId: input.caseId,
    forum,
    meetingAt: new Date(meeting.startsAt),
    jobKey: job.jobKey,
  });
  return { groupMeetingAt: formatFinnishIso(booking.meetingAt) };
}

/**
 * The group handled the case at the meeting it was last booked into (the group task is done when
 * the process comes back here), so the next pass needs a meeting strictly after that one, even
 * when the group answered before the meeting's date.
 */
function earliestMeetingFrom(now: Date, lastBooked: Date | null): Date {
  if (lastBooked === null || lastBooked < now) return now;
  return new Date(lastBooked.getTime() + 1);
}
