import type { Knex } from 'knex';
import type { MeetingCalendar } from '../../domain/meetings.js';
import type { Region } from '../../domain/organisation.js';
import { NotFoundError } from './admin-errors.js';
import { getRegion } from '../org-repository.js';

/**
 * Replaces a regional working group's meeting calendar. Meetings already booked keep their time;
 * new bookings follow the new calendar.
 */
export async function updateRegionCalendar(knex: Knex, regionId: string, calendar: MeetingCalendar): Promise<Region> {
  const updated = await knex('regions')
    .where({ id: regionId })
    .update({ meeting_calendar: JSON.stringify(calendar) });
  if (updated === 0) throw new NotFoundError(`region ${regionId}`);
  return (await getRegion(knex, regionId))!;
}
