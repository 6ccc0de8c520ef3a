import type { Knex } from 'knex';

/**
 * Sizes the regional working groups' seeded meeting calendars to their caseloads (issue 14 point 5): the Turku
 * sub-region has about 71 % of the county's population (domain.md §3) and so most of the clients, yet met as often
 * as Åboland's group. Turku's group now meets every Tuesday and Thursday (about 8.7 meetings a month), Salo's twice a
 * month, and Loimaa's, Vakka-Suomi's and Åboland's once, so each meeting carries a similar share of the cases
 * (8 %, 6 %, 7 %, 6 %, 4 % of the population per meeting). A calendar an administrator has changed keeps the change:
 * only the seeded calendar is replaced.
 */
/** A calendar as stored then: its rules, compared and written whole. */
type MeetingCalendar = readonly Record<string, unknown>[];

const RESIZED: readonly { id: string; seeded: MeetingCalendar; sized: MeetingCalendar }[] = [
  {
    id: 'turun-seutu',
    seeded: [{ kind: 'EVERY_N_WEEKS', weekday: 'TUESDAY', time: '13:00', intervalWeeks: 2, anchorDate: '2026-01-13' }],
    sized: [
      { kind: 'EVERY_N_WEEKS', weekday: 'TUESDAY', time: '13:00', intervalWeeks: 1, anchorDate: '2026-01-13' },
      { kind: 'EVERY_N_WEEKS', weekday: 'THURSDAY', time: '13:00', intervalWeeks: 1, anchorDate: '2026-01-15' },
    ],
  },
  {
    id: 'loimaan-seutu',
    seeded: [{ kind: 'NTH_WEEKDAY_OF_MONTH', weekday: 'WEDNESDAY', time: '13:00', ordinals: [2, 4] }],
    sized: [{ kind: 'NTH_WEEKDAY_OF_MONTH', weekday: 'WEDNESDAY', time: '13:00', ordinals: [2] }],
  },
  {
    id: 'vakka-suomi',
    seeded: [{ kind: 'NTH_WEEKDAY_OF_MONTH', weekday: 'MONDAY', time: '13:00', ordinals: [1, 3] }],
    sized: [{ kind: 'NTH_WEEKDAY_OF_MONTH', weekday: 'MONDAY', time: '13:00', ordinals: [1] }],
  },
  {
    id: 'aboland-turunmaa',
    seeded: [{ kind: 'NTH_WEEKDAY_OF_MONTH', weekday: 'TUESDAY', time: '10:00', ordinals: [2, 4] }],
    sized: [{ kind: 'NTH_WEEKDAY_OF_MONTH', weekday: 'TUESDAY', time: '10:00', ordinals: [2] }],
  },
];

async function replace(knex: Knex, id: string, from: MeetingCalendar, to: MeetingCalendar): Promise<void> {
  await knex('regions')
    .where({ id })
    .whereRaw('meeting_calendar = ?::jsonb', [JSON.stringify(from)])
    .update({ meeting_calendar: JSON.stringify(to) });
}

export async function up(knex: Knex): Promise<void> {
  for (const r of RESIZED) await replace(knex, r.id, r.seeded, r.sized);
}

export async function down(knex: Knex): Promise<void> {
  for (const r of RESIZED) await replace(knex, r.id, r.sized, r.seeded);
}
