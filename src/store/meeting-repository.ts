import type { Knex } from 'knex';
import { PATHWAY_REGISTER, type RegisterCode } from '../domain/registers.js';

/** Where a case is handled: its local team, or its region's working group. */
export type MeetingForum = { forum: 'TEAM'; teamId: string } | { forum: 'REGIONAL_GROUP'; regionId: string };

/** A case on the agenda of one meeting. */
export interface MeetingBookingRow {
  id: number;
  caseId: string;
  forum: MeetingForum;
  meetingAt: Date;
  jobKey: string | null;
  register: RegisterCode;
}

interface MeetingBookingRecord {
  id: number;
  case_id: string;
  forum: 'TEAM' | 'REGIONAL_GROUP';
  team_id: string | null;
  region_id: string | null;
  meeting_at: Date;
  job_key: string | null;
  register: RegisterCode;
}

/** Booking a case into a meeting found by `nextMeeting`. */
export interface BookMeetingInput {
  caseId: string;
  forum: MeetingForum;
  meetingAt: Date;
  /** The job's key; null when booked by hand outside a job. */
  jobKey: string | null;
}

/** Puts the case on the meeting's agenda. Replaying a job key returns the first booking. */
export async function bookMeeting(knex: Knex, input: BookMeetingInput): Promise<MeetingBookingRow> {
  const record = {
    case_id: input.caseId,
    forum: input.forum.forum,
    team_id: input.forum.forum === 'TEAM' ? input.forum.teamId : null,
    region_id: input.forum.forum === 'REGIONAL_GROUP' ? input.forum.regionId : null,
    meeting_at: input.meetingAt,
    job_key: input.jobKey,
    register: PATHWAY_REGISTER,
  };
  if (input.jobKey === null) {
    const [row] = await knex<MeetingBookingRecord>('meeting_bookings').insert(record).returning('*');
    return toBookingRow(row);
  }
  await knex('meeting_bookings').insert(record).onConflict('job_key').ignore();
  const [row] = await knex<MeetingBookingRecord>('meeting_bookings').where({ job_key: input.jobKey });
  return toBookingRow(row);
}

/** The latest meeting the case is booked into in the forum, or null when it has none there. */
export async function lastBookingAt(knex: Knex, caseId: string, forum: MeetingForum): Promise<Date | null> {
  const row: { last?: Date | null } | undefined = await knex('meeting_bookings')
    .where({ case_id: caseId })
    .where(forum.forum === 'TEAM' ? { team_id: forum.teamId } : { region_id: forum.regionId })
    .max({ last: 'meeting_at' })
    .first();
  return row?.last ?? null;
}

/** The case's bookings, earliest meeting first. */
export async function listBookings(knex: Knex, caseId: string): Promise<MeetingBookingRow[]> {
  const rows = await knex<MeetingBookingRecord>('meeting_bookings')
    .where({ case_id: caseId })
    .orderBy([{ column: 'meeting_at' }, { column: 'id' }]);
  return rows.map(toBookingRow);
}

function toBookingRow(r: MeetingBookingRecord): MeetingBookingRow {
  // The forum check constraint guarantees the matching id is set.
  const forum: MeetingForum =
    r.forum === 'TEAM' ? { forum: 'TEAM', teamId: r.team_id! } : { forum: 'REGIONAL_GROUP', regionId: r.region_id! };
  return { id: r.id, caseId: r.case_id, forum, meetingAt: r.meeting_at, jobKey: r.job_key, register: r.register };
}
