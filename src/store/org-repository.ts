import type { Knex } from 'knex';
import type { DeadlineRule } from '../domain/deadline-rule.js';
import type { Municipality, Professional, Region, Team } from '../domain/organisation.js';
import type { PairingCandidate } from '../domain/pairing.js';
import type { RoutingData } from '../domain/routing.js';
import { SOCIAL_SIDE_ROLES, type RoleCode } from '../domain/roles.js';
import { DeadlineRuleSchema, MeetingCalendarSchema } from './org-schemas.js';
import { activeCaseCounts } from './pair-repository.js';

/**
 * Read queries over the organisation tables, returning the domain's own types. JSON columns are
 * parsed with the same schemas as the seed files, so an administrator's bad edit fails loudly
 * here rather than as a wrong meeting date later.
 */

interface RegionRecord {
  id: string;
  name: string;
  group_name: string;
  meeting_calendar: unknown;
}

interface TeamRecord {
  id: string;
  name: string;
  region_id: string;
  consultant_id: string | null;
  meeting_calendar: unknown;
}

interface MunicipalityRecord {
  code: string;
  name: string;
  swedish_name: string | null;
  bilingual: boolean;
  region_id: string;
  team_id: string;
  also_served_by: string[];
}

interface DeadlineRuleRecord {
  id: string;
  name: string;
  event: string;
  counts_from: string | null;
  amount: number;
  unit: string;
  roll_to_weekday: boolean;
  applies_to: unknown;
  kind: string;
  register: string;
  source_law: string;
  source_section: string;
  source_url: string;
  note: string | null;
  met_stage: string | null;
  met_event: string | null;
}

interface ProfessionalRecord {
  id: string;
  display_name: string;
  role: RoleCode;
  team_id: string;
  capacity: number;
  active: boolean;
  absent_until: string | null;
}

/** All regions, by id. */
export async function listRegions(knex: Knex): Promise<Region[]> {
  const rows: RegionRecord[] = await knex('regions').select('*').orderBy('id');
  return rows.map(toRegion);
}

/** One region, or undefined. */
export async function getRegion(knex: Knex, id: string): Promise<Region | undefined> {
  const row: RegionRecord | undefined = await knex('regions').where({ id }).first();
  return row && toRegion(row);
}

/** All teams, by id. */
export async function listTeams(knex: Knex): Promise<Team[]> {
  const rows: TeamRecord[] = await knex('teams').select('*').orderBy('id');
  return rows.map(toTeam);
}

/** One team, or undefined. */
export async function getTeam(knex: Knex, id: string): Promise<Team | undefined> {
  const row: TeamRecord | undefined = await knex('teams').where({ id }).first();
  return row && toTeam(row);
}

/** All municipalities with their default and alternative teams, by code. */
export async function listMunicipalities(knex: Knex): Promise<Municipality[]> {
  const rows: MunicipalityRecord[] = await knex('municipalities as m')
    .leftJoin('municipality_alternative_teams as a', 'a.municipality_code', 'm.code')
    .groupBy('m.code')
    .orderBy('m.code')
    .select('m.code', 'm.name', 'm.swedish_name', 'm.bilingual', 'm.region_id', 'm.team_id')
    .select(knex.raw("coalesce(array_agg(a.team_id ORDER BY a.team_id) FILTER (WHERE a.team_id IS NOT NULL), '{}') as also_served_by"));
  return rows.map((m) => ({
    code: m.code,
    name: m.name,
    swedishName: m.swedish_name,
    bilingual: m.bilingual,
    regionId: m.region_id,
    teamId: m.team_id,
    alsoServedByTeamIds: m.also_served_by,
  }));
}

/** What `routeCase` needs. */
export async function loadRoutingData(knex: Knex): Promise<RoutingData> {
  return { municipalities: await listMunicipalities(knex) };
}

/** The professionals of a team (all, when teamId is omitted), by id. */
export async function listProfessionals(knex: Knex, teamId?: string): Promise<Professional[]> {
  const rows: ProfessionalRecord[] = await professionalsQuery(knex).modify((q) => {
    if (teamId !== undefined) q.where('p.team_id', teamId);
  });
  return rows.map(toProfessional);
}

/**
 * The team's nurses and social-side workers with the number of cases each carries now: the
 * input of `choosePair`. Inactive and absent people are included; pairing itself excludes them.
 */
export async function pairingCandidates(knex: Knex, teamId: string): Promise<PairingCandidate[]> {
  const rows: (ProfessionalRecord & { active_cases: number })[] = await professionalsQuery(knex)
    .leftJoin(activeCaseCounts(knex).as('load'), 'load.professional_id', 'p.id')
    .select(knex.raw('coalesce(load.active_cases, 0)::int as active_cases'))
    .where('p.team_id', teamId)
    .whereIn('p.role', ['NURSE', ...SOCIAL_SIDE_ROLES]);
  return rows.map((r) => ({ ...toProfessional(r), activeCases: r.active_cases }));
}

/** The deadline rules, by id. */
export async function listDeadlineRules(knex: Knex): Promise<DeadlineRule[]> {
  const rows: DeadlineRuleRecord[] = await knex('deadline_rules').select('*').orderBy('id');
  return rows.map((r) =>
    DeadlineRuleSchema.parse({
      id: r.id,
      name: r.name,
      event: r.event,
      ...(r.counts_from === null ? {} : { countsFrom: r.counts_from }),
      amount: r.amount,
      unit: r.unit,
      rollToWeekday: r.roll_to_weekday,
      appliesTo: r.applies_to,
      kind: r.kind,
      register: r.register,
      source: { law: r.source_law, section: r.source_section, url: r.source_url },
      ...(r.note === null ? {} : { note: r.note }),
      ...(r.met_stage === null ? {} : { metWhen: { stage: r.met_stage, event: r.met_event } }),
    }),
  );
}

function professionalsQuery(knex: Knex): Knex.QueryBuilder {
  return (
    knex('professionals as p')
      .select('p.id', 'p.display_name', 'p.role', 'p.team_id', 'p.capacity', 'p.active')
      // A DATE read as text stays a calendar date; pg would turn it into a midnight in the server's zone.
      .select(knex.raw("to_char(p.absent_until, 'YYYY-MM-DD') as absent_until"))
      .orderBy('p.id')
  );
}

function toRegion(r: RegionRecord): Region {
  return { id: r.id, name: r.name, groupName: r.group_name, meetingCalendar: MeetingCalendarSchema.parse(r.meeting_calendar) };
}

function toTeam(t: TeamRecord): Team {
  return {
    id: t.id,
    name: t.name,
    regionId: t.region_id,
    consultantId: t.consultant_id,
    meetingCalendar: MeetingCalendarSchema.parse(t.meeting_calendar),
  };
}

function toProfessional(r: ProfessionalRecord): Professional {
  return {
    id: r.id,
    displayName: r.display_name,
    role: r.role,
    teamId: r.team_id,
    capacity: r.capacity,
    active: r.active,
    absentUntil: r.absent_until,
  };
}
