import { expect } from 'chai';
import type { Knex } from 'knex';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { addDays, daysInMonth, localDateOf } from '../../src/domain/local-date.js';
import { isScheduledOn } from '../../src/domain/meetings.js';
import { listDeadlineRules, listMunicipalities, listProfessionals, listTeams } from '../../src/store/org-repository.js';
import { seedOrganisation } from '../../src/store/seed.js';
import { DEFAULT_SEED_DIR, readOrganisationSeed, SeedDataError } from '../../src/store/seed-files.js';
import * as createOrganisationTables from '../../src/store/migrations/20260301090000-create-organisation-tables.js';
import { createTestKnex } from '../support/postgres.js';
import { countRows, migratedKnex } from './fixtures.js';

const ORG_TABLES = ['regions', 'teams', 'professionals', 'municipalities', 'municipality_alternative_teams', 'deadline_rules'];

/** A copy of the seed folder that a test may break. */
function seedCopy(): string {
  const root = resolve('.tmp');
  mkdirSync(root, { recursive: true });
  const dir = mkdtempSync(join(root, 'seed-'));
  cpSync(DEFAULT_SEED_DIR, dir, { recursive: true });
  return dir;
}

function editJson(dir: string, file: string, edit: (items: Record<string, unknown>[]) => void): void {
  const path = join(dir, file);
  const items = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>[];
  edit(items);
  writeFileSync(path, JSON.stringify(items));
}

async function snapshot(knex: Knex): Promise<Record<string, unknown[]>> {
  const entries = await Promise.all(ORG_TABLES.map(async (t) => [t, await knex(t).select('*').orderByRaw('1, 2')] as const));
  return Object.fromEntries(entries);
}

describe('seedOrganisation', () => {
  let knex: Knex;

  beforeEach(async () => {
    knex = await migratedKnex('store_seed');
  });

  afterEach(async () => {
    await knex.destroy();
  });

  it('should change nothing when run a second time', async () => {
    // given the database as the first start left it
    const before = await snapshot(knex);

    // when
    const counts = await seedOrganisation(knex);

    // then
    expect(counts).to.deep.equal({
      regions: 0,
      teams: 0,
      professionals: 0,
      municipalities: 0,
      municipalityAlternativeTeams: 0,
      deadlineRules: 0,
    });
    expect(await snapshot(knex)).to.deep.equal(before);
  });

  it('should keep an administrator’s edit and insert rows new in the files', async () => {
    // given an edited capacity, and a new nurse in the files
    await knex('professionals').where({ id: 'p-salo-somero-sh1' }).update({ capacity: 7 });
    const dir = seedCopy();
    editJson(dir, 'professionals.json', (items) => {
      items[0].capacity = 30;
      items.push({
        id: 'p-salo-somero-sh4',
        displayName: 'Uusi Hoitaja',
        role: 'NURSE',
        teamId: 'salo-somero',
        capacity: 18,
        active: true,
        absentUntil: null,
      });
    });

    // when
    const counts = await seedOrganisation(knex, dir);

    // then
    expect(counts.professionals).to.equal(1);
    const salo = await listProfessionals(knex, 'salo-somero');
    expect(salo.find((p) => p.id === 'p-salo-somero-sh1')?.capacity).to.equal(7);
    expect(salo.map((p) => p.id)).to.include('p-salo-somero-sh4');
  });

  it('should fail naming the file and field of a bad value, and write nothing', async () => {
    // given the tables without any rows, and a team calendar with an unknown weekday
    const empty = await createTestKnex('store_seed_bad');
    await createOrganisationTables.up(empty);
    const dir = seedCopy();
    editJson(dir, 'teams.json', (items) => {
      (items[2].meetingCalendar as Record<string, unknown>[])[0].weekday = 'SUNDAY';
    });

    // when
    const failure = await seedOrganisation(empty, dir).catch((e: unknown) => e);

    // then
    expect(failure).to.be.instanceOf(SeedDataError);
    expect((failure as Error).message).to.match(/teams\.json: \[2\]\.meetingCalendar\[0\]\.weekday: /);
    expect(await countRows(empty, 'regions')).to.equal(0);
    await empty.destroy();
  });

  it('should load which stage event meets a rule new in the files', async () => {
    // given a new rule met when the plan is made
    const dir = seedCopy();
    editJson(dir, 'deadline-rules.json', (items) => {
      items.push({ ...items[0], id: 'uusi-suunnitelman-laadinta', appliesTo: 'all', metWhen: { stage: 'SUUNNITELMA', event: 'END' } });
    });

    // when
    await seedOrganisation(knex, dir);

    // then
    const rule = (await listDeadlineRules(knex)).find((r) => r.id === 'uusi-suunnitelman-laadinta');
    expect(rule?.metWhen).to.deep.equal({ stage: 'SUUNNITELMA', event: 'END' });
  });

  it('should refuse a rule met by a stage that is not a pathway stage, naming the field', async () => {
    // given
    const dir = seedCopy();
    editJson(dir, 'deadline-rules.json', (items) => {
      items[1].metWhen = { stage: 'ARVIO', event: 'END' };
    });

    // when
    const failure = await seedOrganisation(knex, dir).catch((e: unknown) => e);

    // then
    expect(failure).to.be.instanceOf(SeedDataError);
    expect((failure as Error).message).to.match(/deadline-rules\.json: \[1\]\.metWhen\.stage: /);
  });

  it('should report broken references between the files', async () => {
    // given a professional in an unknown team and a municipality whose team is in another region
    const dir = seedCopy();
    editJson(dir, 'professionals.json', (items) => {
      items[3].teamId = 'turku-etela';
    });
    editJson(dir, 'municipalities.json', (items) => {
      items[0].teamId = 'salo-somero';
    });

    // when
    const failure = await readOrganisationSeed(dir).catch((e: unknown) => e);

    // then
    expect(failure).to.be.instanceOf(SeedDataError);
    expect((failure as SeedDataError).problems).to.deep.equal([
      `${relative(process.cwd(), join(dir, 'professionals.json'))}: [3].teamId: unknown team 'turku-etela'`,
      `${relative(process.cwd(), join(dir, 'municipalities.json'))}: [0].teamId: team 'salo-somero' is in region 'salon-seutu', not 'loimaan-seutu'`,
    ]);
  });

  it('should report a file that is not JSON', async () => {
    // given
    const dir = seedCopy();
    writeFileSync(join(dir, 'regions.json'), '[{ "id": ');

    // when
    const failure = await readOrganisationSeed(dir).catch((e: unknown) => e);

    // then
    expect((failure as Error).message).to.match(/regions\.json: not valid JSON/);
  });
});

describe('seed data', () => {
  it('should name a number no source shows Varha set an "ehdotettu tavoite", and call nothing Varha’s target (domain.md §1 sources none)', async () => {
    // given
    const { deadlineRules } = await readOrganisationSeed();

    // when
    const labels = deadlineRules.map((rule) => ({
      id: rule.id,
      kind: rule.kind,
      namedProposed: rule.name.includes('ehdotettu tavoite'),
      namedVarha: /varha/i.test(rule.name),
    }));

    // then
    expect(labels.filter((l) => l.kind === 'VARHA_TARGET' || l.namedVarha)).to.deep.equal([]);
    expect(labels.filter((l) => (l.kind === 'PROPOSED_TARGET') !== l.namedProposed)).to.deep.equal([]);
    expect(labels.filter((l) => l.kind === 'PROPOSED_TARGET').map((l) => l.id)).to.have.members([
      'shl-36-arvioinnin-aloitus-tavoite',
      'shl-39-suunnitelman-tarkistus',
    ]);
  });

  it('should give every team the roles of a work-pair team and its own consultant', async () => {
    // given
    const seed = await readOrganisationSeed();

    // when
    const teams = seed.teams.map((team) => {
      const members = seed.professionals.filter((p) => p.teamId === team.id);
      const count = (role: string) => members.filter((p) => p.role === role).length;
      return {
        team: team.id,
        nurses: count('NURSE') >= 3,
        counsellors: count('SOCIAL_COUNSELLOR') >= 2,
        workers: count('SOCIAL_WORKER') >= 1,
        lead: count('TEAM_LEAD') >= 1,
        consultant: members.some((p) => p.id === team.consultantId && p.role === 'CONSULTANT'),
      };
    });

    // then
    expect(seed.teams).to.have.length(12);
    for (const team of teams)
      expect(team, team.team).to.deep.include({ nurses: true, counsellors: true, workers: true, lead: true, consultant: true });
  });

  it('should give caseworkers a capacity of 15–25 cases', async () => {
    // given
    const seed = await readOrganisationSeed();

    // when
    const caseworkers = seed.professionals.filter((p) => ['NURSE', 'SOCIAL_COUNSELLOR', 'SOCIAL_WORKER'].includes(p.role));

    // then
    for (const p of caseworkers) expect(p.capacity, p.id).to.be.within(15, 25);
  });

  it('should have every team meet 2–4 times in every month of 2026', async () => {
    // given
    const seed = await readOrganisationSeed();

    // when
    const counts = seed.teams.flatMap((team) =>
      Array.from({ length: 12 }, (_, i) => {
        const first = localDateOf(2026, i + 1, 1);
        const days = Array.from({ length: daysInMonth(2026, i + 1) }, (_, d) => addDays(first, d));
        return {
          team: team.id,
          month: i + 1,
          meetings: days.filter((day) => team.meetingCalendar.some((rule) => isScheduledOn(rule, day))).length,
        };
      }),
    );

    // then
    for (const c of counts) expect(c.meetings, `${c.team} in month ${c.month}`).to.be.within(2, 4);
  });

  it('should read back from the database what the files hold', async () => {
    // given
    const knex = await migratedKnex('store_seed_roundtrip');
    const seed = await readOrganisationSeed();

    // when
    const [teams, municipalities, rules] = await Promise.all([listTeams(knex), listMunicipalities(knex), listDeadlineRules(knex)]);

    // then
    const byId = <T extends { id: string }>(items: T[]) => [...items].sort((a, b) => a.id.localeCompare(b.id));
    expect(teams).to.deep.equal(byId(seed.teams));
    expect(municipalities).to.deep.equal([...seed.municipalities].sort((a, b) => a.code.localeCompare(b.code)));
    expect(rules).to.deep.equal(byId(seed.deadlineRules));
    await knex.destroy();
  });
});
