import type { Knex } from 'knex';

/**
 * The dashboard's summaries at county scale (issue 16), kept by triggers in the transaction of
 * the write they summarise, so a worker's stage change or met deadline, a case routed to another
 * team or closed, and the generators' bulk inserts all count alike, and a replayed job that
 * changes no row changes no count:
 *
 * - `stage_visit_days` and `stage_visit_months`: per Finnish day (month) a visit ended, stage, and
 *   the case's region and team, the closed visits and a histogram of their lengths
 *   (`stage_duration_buckets`, lower bounds in days);
 * - `deadline_days` and `deadline_months`: per Finnish day (month) deadlines fall due, region,
 *   team and rule, how many fell due, how many were met in time, and how many are unmet on an open case;
 * - `open_case_stages`: the stage each open case is in now and since when, with its region and team;
 * - `professional_caseloads`: the active pair assignments of each professional.
 *
 * Region and team are the case's current routing, as the dashboard's filters select by: a case
 * routed elsewhere moves its counts with it. The triggers are statement-level with transition
 * tables, so a bulk insert is summarised set-based; each upsert takes its rows in key order.
 * Built from the existing rows here, in the migration's transaction.
 */
const BUCKET_LOWER_BOUNDS_DAYS = [
  0, 0.5, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 16, 18, 20, 22, 24, 26, 28, 31, 35, 42, 49, 56, 70, 84, 98, 112, 140, 168, 196,
  252, 308, 365, 547, 730,
];

const bucketColumns = BUCKET_LOWER_BOUNDS_DAYS.map((_, i) => `bucket_${String(i + 1).padStart(2, '0')}`);

/** The Finnish day, or the first day of the Finnish month, of an instant: the period a summary row counts. */
const periodOf = (grain: Grain, at: string) => (grain === 'day' ? `finnish_day(${at})` : `date_trunc('month', finnish_day(${at}))::date`);
type Grain = 'day' | 'month';
const GRAINS: readonly { grain: Grain; visits: string; deadlines: string }[] = [
  { grain: 'day', visits: 'stage_visit_days', deadlines: 'deadline_days' },
  { grain: 'month', visits: 'stage_visit_months', deadlines: 'deadline_months' },
];

/** The upserts adding signed visits (columns sign, stage, entered_at, left_at, region_id, team_id) to `stage_visit_days` and `_months`. */
function addVisits(source: string): string {
  return GRAINS.map((g) => addVisitsTo(g.visits, g.grain, source)).join(';\n');
}

function addVisitsTo(table: string, grain: Grain, source: string): string {
  const bucket = 'stage_duration_bucket(v.left_at - v.entered_at)';
  return `INSERT INTO ${table} AS t (period_start, stage, region_id, team_id, visits, ${bucketColumns.join(', ')})
    SELECT ${periodOf(grain, 'v.left_at')}, v.stage, v.region_id, v.team_id, sum(v.sign),
      ${bucketColumns.map((_, i) => `sum(CASE WHEN ${bucket} = ${i + 1} THEN v.sign ELSE 0 END)`).join(',\n      ')}
    FROM (${source}) v
    WHERE v.left_at IS NOT NULL
    GROUP BY 1, 2, 3, 4
    ORDER BY 1, 2, 3, 4
    ON CONFLICT (period_start, stage, region_id, team_id) DO UPDATE SET visits = t.visits + excluded.visits,
      ${bucketColumns.map((c) => `${c} = t.${c} + excluded.${c}`).join(', ')}`;
}

/** The upserts adding signed deadlines (columns sign, rule_id, due_at, met_at, region_id, team_id, closed_at) to `deadline_days` and `_months`. */
function addDeadlines(source: string): string {
  return GRAINS.map((g) => addDeadlinesTo(g.deadlines, g.grain, source)).join(';\n');
}

function addDeadlinesTo(table: string, grain: Grain, source: string): string {
  return `INSERT INTO ${table} AS t (period_start, region_id, team_id, rule_id, due, met_in_time, unmet_open)
    SELECT ${periodOf(grain, 'd.due_at')}, d.region_id, d.team_id, d.rule_id, sum(d.sign),
      sum(CASE WHEN d.met_at <= d.due_at THEN d.sign ELSE 0 END),
      sum(CASE WHEN d.met_at IS NULL AND d.closed_at IS NULL THEN d.sign ELSE 0 END)
    FROM (${source}) d
    GROUP BY 1, 2, 3, 4
    HAVING sum(d.sign) <> 0 OR sum(CASE WHEN d.met_at IS NULL AND d.closed_at IS NULL THEN d.sign ELSE 0 END) <> 0
      OR sum(CASE WHEN d.met_at <= d.due_at THEN d.sign ELSE 0 END) <> 0
    ORDER BY 1, 2, 3, 4
    ON CONFLICT (period_start, region_id, team_id, rule_id) DO UPDATE SET due = t.due + excluded.due,
      met_in_time = t.met_in_time + excluded.met_in_time, unmet_open = t.unmet_open + excluded.unmet_open`;
}

/** The upsert adding signed pair assignments (columns sign, nurse_id, social_worker_id, released_at) to `professional_caseloads`. */
function addAssignments(source: string): string {
  return `INSERT INTO professional_caseloads AS t (professional_id, active_cases)
    SELECT m.professional_id, sum(m.sign) FROM (
      SELECT a.sign, a.nurse_id AS professional_id FROM (${source}) a WHERE a.released_at IS NULL
      UNION ALL
      SELECT a.sign, a.social_worker_id FROM (${source}) a WHERE a.released_at IS NULL) m
    GROUP BY 1
    HAVING sum(m.sign) <> 0
    ORDER BY 1
    ON CONFLICT (professional_id) DO UPDATE SET active_cases = t.active_cases + excluded.active_cases`;
}

/** Rewrites the `open_case_stages` rows of the cases whose ids `caseIds` selects from the case and its stages as they are now. */
function refreshOpenStages(caseIds: string): string {
  return `DELETE FROM open_case_stages WHERE case_id IN (${caseIds});
    INSERT INTO open_case_stages (case_id, region_id, team_id, stage, entered_at)
    SELECT s.case_id, c.region_id, c.team_id, s.stage, s.entered_at FROM stage_history s JOIN cases c ON c.case_id = s.case_id
    WHERE s.left_at IS NULL AND c.closed_at IS NULL AND s.case_id IN (${caseIds})
    ORDER BY s.case_id`;
}

const visitsOf = (rows: string, sign: number) =>
  `SELECT ${sign} AS sign, r.stage, r.entered_at, r.left_at, c.region_id, c.team_id FROM ${rows} r JOIN cases c ON c.case_id = r.case_id`;
const deadlinesOf = (rows: string, sign: number) =>
  `SELECT ${sign} AS sign, r.rule_id, r.due_at, r.met_at, c.region_id, c.team_id, c.closed_at FROM ${rows} r JOIN cases c ON c.case_id = r.case_id`;

// An update that leaves every summarised column as it was changes nothing (a replay, a note of the escalation).
const changedVisits = `(SELECT n.* FROM new_rows n JOIN old_rows o USING (id)
  WHERE (n.case_id, n.stage, n.entered_at, n.left_at) IS DISTINCT FROM (o.case_id, o.stage, o.entered_at, o.left_at))`;
const visitsBefore = `(SELECT o.* FROM old_rows o WHERE o.id IN (SELECT id FROM ${changedVisits} x))`;
const assignmentsOf = (rows: string, sign: number) =>
  `SELECT ${sign} AS sign, r.nurse_id, r.social_worker_id, r.released_at FROM ${rows} r`;
const changedAssignments = `(SELECT n.* FROM new_rows n JOIN old_rows o USING (id)
  WHERE (n.nurse_id, n.social_worker_id, n.released_at) IS DISTINCT FROM (o.nurse_id, o.social_worker_id, o.released_at))`;
const assignmentsBefore = `(SELECT o.* FROM old_rows o WHERE o.id IN (SELECT id FROM ${changedAssignments} x))`;
const changedDeadlines = `(SELECT n.* FROM new_rows n JOIN old_rows o USING (id)
  WHERE (n.case_id, n.rule_id, n.due_at, n.met_at) IS DISTINCT FROM (o.case_id, o.rule_id, o.due_at, o.met_at))`;
const deadlinesBefore = `(SELECT o.* FROM old_rows o WHERE o.id IN (SELECT id FROM ${changedDeadlines} x))`;
/** The cases of the update whose `columns` changed, each as it was (sign -1) and as it is (sign 1). */
const changedCases = (columns: readonly string[]) => `(SELECT n.case_id FROM new_rows n JOIN old_rows o USING (case_id)
  WHERE (${columns.map((c) => `n.${c}`).join(', ')}) IS DISTINCT FROM (${columns.map((c) => `o.${c}`).join(', ')}))`;
const caseSides = (rows: string, sign: number, columns: readonly string[]) =>
  `SELECT ${sign} AS sign, x.case_id, x.region_id, x.team_id, x.closed_at FROM ${rows} x WHERE x.case_id IN ${changedCases(columns)}`;
const caseChange = (columns: readonly string[]) => `(${caseSides('old_rows', -1, columns)} UNION ALL ${caseSides('new_rows', 1, columns)})`;
// Visits count by routing only; deadlines and the open stages also by whether the case is closed.
const VISIT_KEYS = ['region_id', 'team_id'];
const CASE_STATE = ['region_id', 'team_id', 'closed_at'];

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`CREATE FUNCTION finnish_day(at timestamptz) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT (at AT TIME ZONE 'Europe/Helsinki')::date $$`);
  await knex.raw(`CREATE FUNCTION stage_duration_bucket(length interval) RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT width_bucket(extract(epoch FROM length)::float8 / 86400, '{${BUCKET_LOWER_BOUNDS_DAYS.join(',')}}'::float8[]) $$`);
  await knex.schema.createTable('stage_duration_buckets', (t) => {
    t.smallint('bucket').primary();
    t.double('from_days').notNullable();
    // Null for the last bucket, which has no end.
    t.double('to_days');
  });
  await knex('stage_duration_buckets').insert(
    BUCKET_LOWER_BOUNDS_DAYS.map((from, i) => ({ bucket: i + 1, from_days: from, to_days: BUCKET_LOWER_BOUNDS_DAYS[i + 1] ?? null })),
  );

  // Small tables read whole: parallel workers would cost more to start than they save.
  for (const { visits, deadlines } of GRAINS) {
    await knex.raw(`CREATE TABLE ${visits} (
      period_start date NOT NULL,
      stage text NOT NULL,
      region_id text,
      team_id text,
      visits int NOT NULL,
      ${bucketColumns.map((c) => `${c} int NOT NULL`).join(',\n      ')},
      CONSTRAINT ${visits}_key UNIQUE NULLS NOT DISTINCT (period_start, stage, region_id, team_id)
    ) WITH (parallel_workers = 0)`);
    await knex.raw(`CREATE TABLE ${deadlines} (
      period_start date NOT NULL,
      region_id text,
      team_id text,
      rule_id text NOT NULL,
      due int NOT NULL,
      met_in_time int NOT NULL,
      unmet_open int NOT NULL,
      CONSTRAINT ${deadlines}_key UNIQUE NULLS NOT DISTINCT (period_start, region_id, team_id, rule_id)
    ) WITH (parallel_workers = 0)`);
    for (const table of [visits, deadlines]) {
      await knex.raw(`CREATE INDEX ${table}_by_team ON ${table} (team_id, period_start)`);
      await knex.raw(`CREATE INDEX ${table}_by_region ON ${table} (region_id, period_start)`);
    }
  }
  await knex.raw(`CREATE TABLE open_case_stages (
    case_id uuid PRIMARY KEY,
    region_id text,
    team_id text,
    stage text NOT NULL,
    entered_at timestamptz NOT NULL)`);
  await knex.raw('CREATE TABLE professional_caseloads (professional_id text PRIMARY KEY, active_cases int NOT NULL)');
  await knex.raw('CREATE INDEX open_case_stages_by_team ON open_case_stages (team_id, region_id, stage)');
  await knex.raw('CREATE INDEX open_case_stages_by_region ON open_case_stages (region_id, team_id, stage)');
  await knex.raw('CREATE INDEX open_case_stages_by_stage ON open_case_stages (stage) INCLUDE (team_id, entered_at)');

  await knex.raw(addVisits(visitsOf('stage_history', 1)));
  await knex.raw(addDeadlines(deadlinesOf('deadlines', 1)));
  await knex.raw(`INSERT INTO open_case_stages (case_id, region_id, team_id, stage, entered_at)
    SELECT s.case_id, c.region_id, c.team_id, s.stage, s.entered_at FROM stage_history s JOIN cases c ON c.case_id = s.case_id
    WHERE s.left_at IS NULL AND c.closed_at IS NULL`);
  await knex.raw(addAssignments('SELECT 1 AS sign, nurse_id, social_worker_id, released_at FROM pair_assignments'));

  await knex.raw(`CREATE FUNCTION summarise_stage_history() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF TG_OP = 'INSERT' THEN
      ${addVisits(visitsOf('new_rows', 1))};
      ${refreshOpenStages('SELECT case_id FROM new_rows')};
    ELSIF TG_OP = 'DELETE' THEN
      ${addVisits(visitsOf('old_rows', -1))};
      ${refreshOpenStages('SELECT case_id FROM old_rows')};
    ELSE
      ${addVisits(`${visitsOf(visitsBefore, -1)} UNION ALL ${visitsOf(changedVisits, 1)}`)};
      ${refreshOpenStages(`SELECT case_id FROM ${visitsBefore} b UNION SELECT case_id FROM ${changedVisits} a`)};
    END IF;
    RETURN NULL;
  END $$`);
  await knex.raw(`CREATE FUNCTION summarise_deadlines() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF TG_OP = 'INSERT' THEN
      ${addDeadlines(deadlinesOf('new_rows', 1))};
    ELSIF TG_OP = 'DELETE' THEN
      ${addDeadlines(deadlinesOf('old_rows', -1))};
    ELSE
      ${addDeadlines(`${deadlinesOf(deadlinesBefore, -1)} UNION ALL ${deadlinesOf(changedDeadlines, 1)}`)};
    END IF;
    RETURN NULL;
  END $$`);
  await knex.raw(`CREATE FUNCTION summarise_pair_assignments() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF TG_OP = 'INSERT' THEN
      ${addAssignments(assignmentsOf('new_rows', 1))};
    ELSIF TG_OP = 'DELETE' THEN
      ${addAssignments(assignmentsOf('old_rows', -1))};
    ELSE
      ${addAssignments(`${assignmentsOf(assignmentsBefore, -1)} UNION ALL ${assignmentsOf(changedAssignments, 1)}`)};
    END IF;
    RETURN NULL;
  END $$`);
  // A case routed elsewhere or closed: its visits and deadlines move from its old routing to its new one.
  await knex.raw(`CREATE FUNCTION summarise_case_routing() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    ${addVisits(`SELECT c.sign, s.stage, s.entered_at, s.left_at, c.region_id, c.team_id FROM ${caseChange(VISIT_KEYS)} c
      JOIN stage_history s ON s.case_id = c.case_id`)};
    ${addDeadlines(`SELECT c.sign, d.rule_id, d.due_at, d.met_at, c.region_id, c.team_id, c.closed_at FROM ${caseChange(CASE_STATE)} c
      JOIN deadlines d ON d.case_id = c.case_id`)};
    ${refreshOpenStages(`SELECT case_id FROM ${changedCases(CASE_STATE)} x`)};
    RETURN NULL;
  END $$`);

  for (const [table, fn] of [
    ['stage_history', 'summarise_stage_history'],
    ['deadlines', 'summarise_deadlines'],
    ['pair_assignments', 'summarise_pair_assignments'],
  ]) {
    await knex.raw(`CREATE TRIGGER ${table}_summary_insert AFTER INSERT ON ${table}
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`);
    await knex.raw(`CREATE TRIGGER ${table}_summary_update AFTER UPDATE ON ${table}
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`);
    await knex.raw(`CREATE TRIGGER ${table}_summary_delete AFTER DELETE ON ${table}
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`);
  }
  await knex.raw(`CREATE TRIGGER cases_summary_update AFTER UPDATE ON cases
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION summarise_case_routing()`);
}

export async function down(knex: Knex): Promise<void> {
  for (const [trigger, table] of [
    ['stage_history_summary_insert', 'stage_history'],
    ['stage_history_summary_update', 'stage_history'],
    ['stage_history_summary_delete', 'stage_history'],
    ['deadlines_summary_insert', 'deadlines'],
    ['deadlines_summary_update', 'deadlines'],
    ['deadlines_summary_delete', 'deadlines'],
    ['pair_assignments_summary_insert', 'pair_assignments'],
    ['pair_assignments_summary_update', 'pair_assignments'],
    ['pair_assignments_summary_delete', 'pair_assignments'],
    ['cases_summary_update', 'cases'],
  ]) {
    await knex.raw('DROP TRIGGER IF EXISTS ?? ON ??', [trigger, table]);
  }
  for (const fn of ['summarise_stage_history', 'summarise_deadlines', 'summarise_pair_assignments', 'summarise_case_routing'])
    await knex.raw(`DROP FUNCTION IF EXISTS ${fn}()`);
  for (const table of [
    ...GRAINS.flatMap((g) => [g.visits, g.deadlines]),
    'open_case_stages',
    'professional_caseloads',
    'stage_duration_buckets',
  ]) {
    await knex.schema.dropTableIfExists(table);
  }
  await knex.raw('DROP FUNCTION IF EXISTS stage_duration_bucket(interval)');
  await knex.raw('DROP FUNCTION IF EXISTS finnish_day(timestamptz)');
}
