import type { Knex } from 'knex';

/** A case waiting for its pathway, with how its earlier attempts went. */
export interface CaseWithoutPathway {
  caseId: string;
  /** Failed attempts in a row since the case last settled. */
  attempts: number;
  /** Given up to the team lead (it is still tried, at the longest back-off). */
  stalled: boolean;
}

/**
 * Open cases without a process instance whose pathway was last asked of the engine more than
 * `graceMs` ago and whose back-off after a failed attempt is over, longest waiting first.
 */
export async function listCasesWithoutPathway(knex: Knex, graceMs: number, limit: number): Promise<CaseWithoutPathway[]> {
  const rows: Array<{ case_id: string; pathway_attempts: number; pathway_stalled_at: Date | null }> = await knex('cases')
    .select('case_id', 'pathway_attempts', 'pathway_stalled_at')
    .whereNull('process_instance_key')
    .whereNull('closed_at')
    .where('pathway_requested_at', '<', knex.raw('now() - make_interval(secs => ?)', [graceMs / 1000]))
    .where((q) => q.whereNull('pathway_retry_at').orWhere('pathway_retry_at', '<=', knex.fn.now()))
    .orderBy('pathway_requested_at')
    .limit(limit);
  return rows.map((r) => ({ caseId: r.case_id, attempts: r.pathway_attempts, stalled: r.pathway_stalled_at !== null }));
}

/**
 * Stamps the moment the case's pathway is asked of the engine again, committed at once (outside
 * the caller's transaction): should the process stop before attaching a key, the next attempt
 * waits the grace period from here, long enough for a search to see what this attempt started.
 */
export async function markPathwayRequested(knex: Knex, caseId: string): Promise<void> {
  await knex('cases').where({ case_id: caseId }).update({ pathway_requested_at: knex.fn.now() });
}

/** What a failed attempt at a case's pathway leaves for the next one. */
export interface PathwayFailure {
  /** Failed attempts in a row, this one included. */
  attempts: number;
  /** How long the reconciler leaves the case alone from now. */
  retryInMs: number;
  /** Whether the case is now stalled: shown to the team lead until it settles. */
  stalled: boolean;
  /** The failure, as the reconciler logged it (a case id and the engine's answer; no identity). */
  error: string;
}

/** The longest failure text kept: enough for the engine's answer, not for a whole stack. */
const ERROR_TEXT_LIMIT = 500;

/** Records a failed attempt: the count, the back-off, the stall (kept from its first moment), the failure. */
export async function recordPathwayFailure(knex: Knex, caseId: string, failure: PathwayFailure): Promise<void> {
  await knex('cases')
    .where({ case_id: caseId })
    .update({
      pathway_attempts: failure.attempts,
      pathway_retry_at: knex.raw('now() + make_interval(secs => ?)', [failure.retryInMs / 1000]),
      pathway_stalled_at: failure.stalled ? knex.raw('coalesce(pathway_stalled_at, now())') : null,
      pathway_last_error: failure.error.slice(0, ERROR_TEXT_LIMIT),
    });
}

/** Forgets the failed attempts of a case that has settled (its pathway attached, or it closed), clearing its stall. */
export async function clearPathwayFailures(knex: Knex, caseId: string): Promise<void> {
  await knex('cases')
    .where({ case_id: caseId })
    .where((q) => q.where('pathway_attempts', '>', 0).orWhereNotNull('pathway_stalled_at'))
    .update({ pathway_attempts: 0, pathway_retry_at: null, pathway_stalled_at: null, pathway_last_error: null });
}

/** A case the reconciler has given up to the team lead. */
export interface StalledIntake {
  caseId: string;
  municipalityCode: string;
  /** The case's routing, when it has one; a case without a pathway has usually not been routed. */
  teamId: string | null;
  regionId: string | null;
  teamHint: string | null;
  openedAt: Date;
  attempts: number;
  stalledAt: Date;
  retryAt: Date | null;
  lastError: string | null;
}

/** Open cases without a pathway that the reconciler has marked stalled, longest stalled first. */
export async function listStalledIntakes(knex: Knex): Promise<StalledIntake[]> {
  const rows: Array<Record<string, unknown>> = await knex('cases')
    .select(
      'case_id',
      'municipality_code',
      'team_id',
      'region_id',
      'team_hint',
      'opened_at',
      'pathway_attempts',
      'pathway_stalled_at',
      'pathway_retry_at',
      'pathway_last_error',
    )
    .whereNotNull('pathway_stalled_at')
    .whereNull('process_instance_key')
    .whereNull('closed_at')
    .orderBy('pathway_stalled_at');
  return rows.map((r) => ({
    caseId: r.case_id as string,
    municipalityCode: r.municipality_code as string,
    teamId: r.team_id as string | null,
    regionId: r.region_id as string | null,
    teamHint: r.team_hint as string | null,
    openedAt: r.opened_at as Date,
    attempts: r.pathway_attempts as number,
    stalledAt: r.pathway_stalled_at as Date,
    retryAt: r.pathway_retry_at as Date | null,
    lastError: r.pathway_last_error as string | null,
  }));
}
