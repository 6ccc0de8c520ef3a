import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import type { DeadlineRule } from '../domain/deadline-rule.js';
import type { Municipality, Professional, Region, Team } from '../domain/organisation.js';
import { DeadlineRuleSchema, MunicipalitySchema, ProfessionalSchema, RegionSchema, TeamSchema } from './org-schemas.js';

/** The repository's `seed/` folder, found from this file so the working directory does not matter. */
export const DEFAULT_SEED_DIR = fileURLToPath(new URL('../../seed/', import.meta.url));

/** The organisation data of the seed files, validated and cross-checked. */
export interface OrganisationSeed {
  regions: Region[];
  teams: Team[];
  municipalities: Municipality[];
  professionals: Professional[];
  deadlineRules: DeadlineRule[];
}

/** Bad seed data: the message lists every problem as `file: [index].field: what is wrong`. */
export class SeedDataError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid organisation seed data:\n  ${problems.join('\n  ')}`);
    this.name = 'SeedDataError';
  }
}

const FILES = {
  regions: 'regions.json',
  teams: 'teams.json',
  municipalities: 'municipalities.json',
  professionals: 'professionals.json',
  deadlineRules: 'deadline-rules.json',
} as const;

/** Reads and validates the five seed files of `dir`; throws SeedDataError listing all problems. */
export async function readOrganisationSeed(dir: string = DEFAULT_SEED_DIR): Promise<OrganisationSeed> {
  const problems: string[] = [];
  const label = (file: string) => relative(process.cwd(), join(dir, file)) || file;
  const load = async <T>(file: string, schema: z.ZodType<T>): Promise<T[]> => {
    const parsed = schema.array().safeParse(await readJson(join(dir, file), label(file), problems));
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) problems.push(`${label(file)}: ${formatPath(issue.path)}: ${issue.message}`);
    return [];
  };
  const seed: OrganisationSeed = {
    regions: await load(FILES.regions, RegionSchema),
    teams: await load(FILES.teams, TeamSchema),
    municipalities: await load(FILES.municipalities, MunicipalitySchema),
    professionals: await load(FILES.professionals, ProfessionalSchema),
    deadlineRules: await load(FILES.deadlineRules, DeadlineRuleSchema),
  };
  if (problems.length === 0) problems.push(...crossCheck(seed, label));
  if (problems.length > 0) throw new SeedDataError(problems);
  return seed;
}

/** References between the files, and unique ids within each. */
function crossCheck(seed: OrganisationSeed, label: (file: string) => string): string[] {
  const problems: string[] = [];
  const report = (file: string, index: number, field: string, message: string) =>
    problems.push(`${label(file)}: [${index}].${field}: ${message}`);
  const duplicates = (file: string, keys: string[], field: string) =>
    keys.forEach((key, i) => keys.indexOf(key) !== i && report(file, i, field, `duplicate ${field} '${key}'`));

  duplicates(
    FILES.regions,
    seed.regions.map((r) => r.id),
    'id',
  );
  duplicates(
    FILES.teams,
    seed.teams.map((t) => t.id),
    'id',
  );
  duplicates(
    FILES.professionals,
    seed.professionals.map((p) => p.id),
    'id',
  );
  duplicates(
    FILES.municipalities,
    seed.municipalities.map((m) => m.code),
    'code',
  );
  duplicates(
    FILES.municipalities,
    seed.municipalities.map((m) => m.name),
    'name',
  );
  duplicates(
    FILES.deadlineRules,
    seed.deadlineRules.map((r) => r.id),
    'id',
  );

  const regions = new Set(seed.regions.map((r) => r.id));
  const teams = new Map(seed.teams.map((t) => [t.id, t]));
  const professionals = new Map(seed.professionals.map((p) => [p.id, p]));

  seed.teams.forEach((team, i) => {
    if (!regions.has(team.regionId)) report(FILES.teams, i, 'regionId', `unknown region '${team.regionId}'`);
    if (team.consultantId !== null && professionals.get(team.consultantId)?.role !== 'CONSULTANT') {
      report(FILES.teams, i, 'consultantId', `'${team.consultantId}' is not a professional with role CONSULTANT`);
    }
  });
  seed.professionals.forEach((p, i) => {
    if (!teams.has(p.teamId)) report(FILES.professionals, i, 'teamId', `unknown team '${p.teamId}'`);
  });
  seed.municipalities.forEach((m, i) => {
    if (!regions.has(m.regionId)) report(FILES.municipalities, i, 'regionId', `unknown region '${m.regionId}'`);
    [m.teamId, ...m.alsoServedByTeamIds].forEach((teamId, j) => {
      const field = j === 0 ? 'teamId' : `alsoServedByTeamIds[${j - 1}]`;
      const team = teams.get(teamId);
      if (!team) report(FILES.municipalities, i, field, `unknown team '${teamId}'`);
      else if (team.regionId !== m.regionId)
        report(FILES.municipalities, i, field, `team '${teamId}' is in region '${team.regionId}', not '${m.regionId}'`);
      else if (j > 0 && teamId === m.teamId) report(FILES.municipalities, i, field, `'${teamId}' is already the default team`);
    });
  });
  return problems;
}

async function readJson(path: string, label: string, problems: string[]): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    problems.push(`${label}: cannot be read: ${(error as Error).message}`);
    return [];
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    problems.push(`${label}: not valid JSON: ${(error as Error).message}`);
    return [];
  }
}

function formatPath(path: readonly PropertyKey[]): string {
  return (
    path
      .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
      .join('')
      .replace(/^\./, '') || '(file)'
  );
}
