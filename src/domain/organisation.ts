import type { LocalDate } from './local-date.js';
import type { MeetingCalendar } from './meetings.js';
import type { RoleCode } from './roles.js';

/**
 * The organisation behind the pathway: regions with their working groups, local teams,
 * municipalities and professionals. Data in the database (seeded from `seed/`), never constants.
 */

/** A region and its päihdekuntoutustyöryhmä (regional working group). */
export interface Region {
  id: string;
  name: string;
  groupName: string;
  meetingCalendar: MeetingCalendar;
}

/** A local team: one region, a meeting calendar and its addiction psychiatry consultant. */
export interface Team {
  id: string;
  name: string;
  regionId: string;
  consultantId: string | null;
  meetingCalendar: MeetingCalendar;
}

/**
 * A municipality and the team that takes its cases. A municipality has one default team; a large
 * one (Turku) may also be served by other teams, chosen by a team hint (see `routing.ts`).
 */
export interface Municipality {
  /** Statistics Finland's three-digit municipality code, e.g. '853' (Turku). */
  code: string;
  name: string;
  swedishName: string | null;
  /** Officially bilingual (Finnish and Swedish, 2023–2032): its clients choose their service language (TervHL 6 §, kielilaki). */
  bilingual: boolean;
  regionId: string;
  teamId: string;
  alsoServedByTeamIds: readonly string[];
}

/** A professional of a team. */
export interface Professional {
  id: string;
  displayName: string;
  role: RoleCode;
  teamId: string;
  /** Most active cases this person can carry. */
  capacity: number;
  active: boolean;
  /** Last day of a known absence (inclusive), or null. */
  absentUntil: LocalDate | null;
}
