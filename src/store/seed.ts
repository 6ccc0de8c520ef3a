import type { Knex } from 'knex';
import { DEFAULT_SEED_DIR, readOrganisationSeed, type OrganisationSeed } from './seed-files.js';

/** How many rows of each kind one seeding inserted. */
export interface SeedCounts {
  regions: number;
  teams: number;
  professionals: number;
  municipalities: number;
  municipalityAlternativeTeams: number;
  deadlineRules: number;
}

/**
 * Loads the organisation seed files into the database, in one transaction.
 *
 * Insert-if-missing, by id: a row that already exists is left as it is, so running twice changes
 * nothing, and an administrator's edits (a changed capacity, a new meeting time) survive a
 * restart. New rows added to the files do get inserted. Removing a row from a file removes
 * nothing: professionals and rules are deactivated or edited by administrators, not deleted,
 * because case history refers to them.
 *
 * Throws SeedDataError, naming file and field, before writing anything when the files are bad.
 */
export async function seedOrganisation(knex: Knex, dir: string = DEFAULT_SEED_DIR): Promise<SeedCounts> {
  const seed = await readOrganisationSeed(dir);
  return knex.transaction((trx) => writeSeed(trx, seed));
}

async function writeSeed(trx: Knex.Transaction, seed: OrganisationSeed): Promise<SeedCounts> {
  const insertMissing = async (table: string, rows: object[], key: string[]): Promise<number> => {
    if (rows.length === 0) return 0;
    const inserted = await trx(table).insert(rows).onConflict(key).ignore().returning(key);
    return inserted.length;
  };
  return {
    regions: await insertMissing(
      'regions',
      seed.regions.map((r) => ({ id: r.id, name: r.name, group_name: r.groupName, meeting_calendar: JSON.stringify(r.meetingCalendar) })),
      ['id'],
    ),
    // The team→consultant foreign key is deferred to commit, so teams may go in before professionals.
    teams: await insertMissing(
      'teams',
      seed.teams.map((t) => ({
        id: t.id,
        name: t.name,
        region_id: t.regionId,
        consultant_id: t.consultantId,
        meeting_calendar: JSON.stringify(t.meetingCalendar),
      })),
      ['id'],
    ),
    professionals: await insertMissing(
      'professionals',
      seed.professionals.map((p) => ({
        id: p.id,
        display_name: p.displayName,
        role: p.role,
        team_id: p.teamId,
        capacity: p.capacity,
        active: p.active,
        absent_until: p.absentUntil,
      })),
      ['id'],
    ),
    municipalities: await insertMissing(
      'municipalities',
      seed.municipalities.map((m) => ({
        code: m.code,
        name: m.name,
        swedish_name: m.swedishName,
        bilingual: m.bilingual,
        region_id: m.regionId,
        team_id: m.teamId,
      })),
      ['code'],
    ),
    municipalityAlternativeTeams: await insertMissing(
      'municipality_alternative_teams',
      seed.municipalities.flatMap((m) => m.alsoServedByTeamIds.map((teamId) => ({ municipality_code: m.code, team_id: teamId }))),
      ['municipality_code', 'team_id'],
    ),
    deadlineRules: await insertMissing('deadline_rules', seed.deadlineRules.map(deadlineRuleRow), ['id']),
  };
}

/** A deadline rule of the seed files as a row of `deadline_rules`. */
export function deadlineRuleRow(r: OrganisationSeed['deadlineRules'][number]): Record<string, unknown> {
  return {
    id: r.id,
    name: r.name,
    event: r.event,
    counts_from: r.countsFrom ?? null,
    amount: r.amount,
    unit: r.unit,
    roll_to_weekday: r.rollToWeekday,
    applies_to: JSON.stringify(r.appliesTo),
    kind: r.kind,
    register: r.register,
    source_law: r.source.law,
    source_section: r.source.section,
    source_url: r.source.url,
    note: r.note ?? null,
    met_stage: r.metWhen?.stage ?? null,
    met_event: r.metWhen?.event ?? null,
  };
}
