import { z } from 'zod';
import { formatFinnishIso } from '../src/domain/finnish-time.js';
import { nextMeeting } from '../src/domain/meetings.js';
import { InvalidInputError, type JobContext } from '../src/jobs/definition.js';
import type { Clock, MeetingPort, OrgPort } from '../src/jobs/ports.js';

/**
 * Books the case into its local team's next meeting, when the pair asks for team handling.
 * Job type used by process-application/bpmn/sote-tyoparipolku.bpmn (`find-team-meeting`).
 */
export const jobType = 'find-team-meeting';

export const description = 'Find the team’s next meeting from its calendar and put the case on its agenda';

export const Input = z.object({
  caseId: z.uuid(),
  teamId: z.string().min(1),
});

export const Output = z.object({
  /** ISO 8601 with the Finnish offset. */
  teamMeetingAt: z.string(),
});

export type Input = z.infer<typeof Input>;
export type Output = z.infer<typeof Output>;

export interface Deps {
  clock: Clock;
  org: Pick<OrgPort, 'getTeam'>;
  meetings: Pick<MeetingPort, 'bookMeeting'>;
}

export async function handle(input: Input, deps: Deps, job: JobContext): Promise<Output> {
  const team = await deps.org.getTeam(input.teamId);
  if (!team) throw new InvalidInputError(`teamId: no team '${input.teamId}'`);
  const meeting = nextMeeting(team.meetingCalendar, deps.clock.now());
  // Only an empty calendar has none, and the organisation schemas refuse one.
  if (!meeting) throw new Error(`team '${team.id}' has no meeting in its calendar within a year`);
  // A replayed job answers the meeting its first delivery booked.
  const booking = await deps.meetings.bookMeeting({
    caseId: input.caseId,
    forum: { forum: 'TEAM', teamId: team.id },
    meetingAt: new Date(meeting.startsAt),
    jobKey: job.jobKey,
  });
  return { teamMeetingAt: formatFinnishIso(booking.meetingAt) };
}
