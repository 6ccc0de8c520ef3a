import type { Knex } from 'knex';
import type { DashboardFilter } from '../../store/dashboard/filter-clauses.js';
import { groupQueue, type GroupQueueEntry } from '../../store/dashboard/queue-counts.js';
import { getTeam, listRegions } from '../../store/org-repository.js';
import { comingMeetings } from './meetings.js';

/**
 * Each regional working group in scope: its queue (open cases waiting for its handling, with
 * those whose booked meeting has passed without a decision), and its next meetings from its
 * calendar with the number of cases booked into each.
 */
export async function groupQueues(knex: Knex, filter: DashboardFilter, now: Date) {
  const regionId = filter.regionId ?? (filter.teamId === undefined ? undefined : (await getTeam(knex, filter.teamId))?.regionId);
  const [regions, queue] = await Promise.all([listRegions(knex), groupQueue(knex, filter)]);
  return regions
    .filter((r) => regionId === undefined || r.id === regionId)
    .map((region) => {
      const waiting = queue.filter((q) => q.regionId === region.id);
      return {
        regionId: region.id,
        regionName: region.name,
        groupName: region.groupName,
        waitingCases: waiting.length,
        pastMeetingCases: waiting.filter((q) => q.meetingAt < now).length,
        oldestWaitingSince:
          waiting
            .reduce<Date | null>((oldest, q) => (oldest === null || q.waitingSince < oldest ? q.waitingSince : oldest), null)
            ?.toISOString() ?? null,
        nextMeetings: comingMeetings(region.meetingCalendar, now).map((startsAt) => ({
          startsAt,
          bookedCases: waiting.filter((q) => sameInstant(q, startsAt)).length,
        })),
      };
    });
}

function sameInstant(entry: GroupQueueEntry, startsAt: string): boolean {
  return entry.meetingAt.getTime() === new Date(startsAt).getTime();
}
