import type { Knex } from 'knex';
import { type DashboardFilter, whereCaseInScope } from './filter-clauses.js';
import { serialRead } from './serial-read.js';

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
  // From the few cases waiting in the stage (open_case_stages) to each one's latest booking, not
  // from every booking sorted first: the regional bookings of all time far outnumber the queue.
  const rows: { region_id: string; meeting_at: Date; entered_at: Date }[] = await serialRead(knex, (trx) =>
    trx('open_case_stages as c')
      .joinRaw(
        `cross join lateral (select b.region_id, b.meeting_at from meeting_bookings b
         where b.case_id = c.case_id and b.forum = 'REGIONAL_GROUP' order by b.meeting_at desc, b.id desc limit 1) lb`,
      )
      .where('c.stage', 'TYORYHMAKASITTELY')
      .modify((q) => whereCaseInScope(q, { ...filter, regionId: undefined }))
      .modify((q) => {
        if (filter.regionId !== undefined) q.where('lb.region_id', filter.regionId);
      })
      .select('lb.region_id', 'lb.meeting_at', 'c.entered_at')
      .orderBy([{ column: 'lb.meeting_at' }, { column: 'c.entered_at' }]),
  );
  return rows.map((r) => ({ regionId: r.region_id, meetingAt: r.meeting_at, waitingSince: r.entered_at }));
}
