import type { Knex } from 'knex';
import { type DashboardFilter, whereCaseInScope } from './filter-clauses.js';

/** A case waiting in a regional working group's queue: where it is booked, and since when it waits. */
export interface GroupQueueEntry {
  regionId: string;
  meetingAt: Date;
  waitingSince: Date;
}

/**
 * The open cases in stage TYORYHMAKASITTELY, each with the working-group meeting it is booked
 * into last (a case sent back for more information is booked again). A case leaves the queue when
 * it leaves the stage, so a booking whose meeting has passed without a decision still waits.
 */
export async function groupQueue(knex: Knex, filter: DashboardFilter): Promise<GroupQueueEntry[]> {
  const latestBooking = knex('meeting_bookings as b')
    .distinctOn('b.case_id')
    .select('b.case_id', 'b.region_id', 'b.meeting_at')
    .where('b.forum', 'REGIONAL_GROUP')
    .orderBy([{ column: 'b.case_id' }, { column: 'b.meeting_at', order: 'desc' }, { column: 'b.id', order: 'desc' }]);
  const rows: { region_id: string; meeting_at: Date; entered_at: Date }[] = await knex('cases as c')
    .join('stage_history as s', (j) => j.on('s.case_id', 'c.case_id').andOnNull('s.left_at'))
    .join(latestBooking.as('lb'), 'lb.case_id', 'c.case_id')
    .whereNull('c.closed_at')
    .where('s.stage', 'TYORYHMAKASITTELY')
    .modify((q) => whereCaseInScope(q, { ...filter, regionId: undefined }))
    .modify((q) => {
      if (filter.regionId !== undefined) q.where('lb.region_id', filter.regionId);
    })
    .select('lb.region_id', 'lb.meeting_at', 's.entered_at')
    .orderBy([{ column: 'lb.meeting_at' }, { column: 's.entered_at' }]);
  return rows.map((r) => ({ regionId: r.region_id, meetingAt: r.meeting_at, waitingSince: r.entered_at }));
}
