import type { Knex } from 'knex';
import { STAGE_CODES } from '../src/domain/stages.js';

/**
 * County-scale read model: cases spread over the seeded organisation's municipalities and their
 * teams, each with the rows the workers write for it (routing, stage_history in the pathway's
 * order with one open visit per open case, pair assignments, deadlines, team and regional meeting
 * bookings), written set-based in batches with the audit triggers on, as the workers' own writes
 * fire them; the dashboard's summary triggers (migration 20261207090000) count each batch as they
 * count the workers' writes. Deterministic per case number, so a rerun with the same count gives the same data.
 */
const BATCH = 5000;

export interface ScaleSeedOptions {
  cases: number;
  /** Cases open over the last `years` years, up to now. */
  years?: number;
  onBatch?: (done: number) => void;
}

export async function seedScaleData(knex: Knex, options: ScaleSeedOptions): Promise<void> {
  const years = options.years ?? 3;
  const already: { n: number }[] = (await knex.raw("select count(*)::int as n from cases where case_id::text like '5ca1e000-%'")).rows;
  if (already[0].n > 0) throw new Error('This database already holds generated cases: seed a fresh one');
  for (let from = 1; from <= options.cases; from += BATCH) {
    const to = Math.min(options.cases, from + BATCH - 1);
    await knex.transaction((trx) => seedBatch(trx, from, to, years));
    options.onBatch?.(to);
  }
  await knex.raw('analyze');
}

async function seedBatch(trx: Knex.Transaction, from: number, to: number, years: number): Promise<void> {
  // One row per generated case: its number, a stable pseudo-random fraction, and how far it got.
  await trx.raw(
    `create temporary table scale_batch on commit drop as
     select i,
       ('5ca1e000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid as case_id,
       m.code as municipality_code, m.team_id, t.region_id,
       now() - (((i::bigint * 7919) % 100000) / 100000.0) * interval '1 day' * 365 * ?::int as opened_at,
       ((i::bigint * 104729) % 1000) / 1000.0 as r,
       case when i % 10 < 3 then 8 else 1 + (i * 31) % 8 end as reached,
       (i * 13) % 3 = 0 as closed
     from generate_series(?::int, ?::int) as i
     join lateral (select code, team_id, row_number() over (order by code) - 1 as k from municipalities) m
       on m.k = i % (select count(*) from municipalities)
     join teams t on t.id = m.team_id`,
    [years, from, to],
  );
  await trx.raw(
    `insert into cases (case_id, municipality_code, team_id, region_id, opened_at, closed_at, outcome, process_instance_key,
        urgent, age_over_75, register, pathway_requested_at)
     select case_id, municipality_code, team_id, region_id, opened_at,
       case when closed then opened_at + (reached * 9 + r * 20) * interval '1 day' end,
       case when closed then (array['COMPLETED','COMPLETED','COMPLETED','SINGLE_SECTOR_REFERRAL','CLIENT_WITHDREW','MOVED_AWAY'])[1 + i % 6] end,
       (4503599627370496 + i)::text, i % 17 = 0, i % 5 = 0,
       case when i % 2 = 0 then 'SOCIAL' else 'HEALTH' end, opened_at
     from scale_batch`,
  );
  await trx.raw(
    `insert into case_routings (case_id, team_id, region_id, routed_at, manual, job_key, register)
     select case_id, team_id, region_id, opened_at + interval '1 hour', false, 'scale-route-' || i, 'SOCIAL' from scale_batch`,
  );
  // Visit n of a case lasts 2–20 days by its fraction; the last visit of an open case is still open.
  await trx.raw(
    `insert into stage_history (case_id, stage, entered_at, left_at, entered_job_key, left_job_key, register)
     select b.case_id, (?::text[])[n], b.opened_at + (n - 1) * (2 + b.r * 18) * interval '1 day',
       case when n < b.reached or b.closed then b.opened_at + n * (2 + b.r * 18) * interval '1 day' end,
       'scale-enter-' || b.i || '-' || n,
       case when n < b.reached or b.closed then 'scale-leave-' || b.i || '-' || n end,
       'SOCIAL'
     from scale_batch b, generate_series(1, b.reached) as n`,
    [[...STAGE_CODES]],
  );
  await trx.raw(
    `insert into pair_assignments (case_id, nurse_id, social_worker_id, assigned_at, released_at, manual, job_key, register)
     select b.case_id, nurse.id, social.id, b.opened_at + (2 + b.r * 18) * interval '1 day',
       case when b.closed then b.opened_at + (b.reached * 9 + b.r * 20) * interval '1 day' end, false, 'scale-pair-' || b.i, 'SOCIAL'
     from scale_batch b
     join lateral (select id from professionals p where p.team_id = b.team_id and p.role = 'NURSE' order by id
       offset b.i % greatest(1, (select count(*) from professionals where team_id = b.team_id and role = 'NURSE')) limit 1) nurse on true
     join lateral (select id from professionals p where p.team_id = b.team_id and p.role in ('SOCIAL_COUNSELLOR', 'SOCIAL_WORKER') order by id
       offset b.i % greatest(1, (select count(*) from professionals where team_id = b.team_id and role in ('SOCIAL_COUNSELLOR', 'SOCIAL_WORKER')))
       limit 1) social on true
     where b.reached >= 2`,
  );
  // Three deadlines a case: met in time mostly, late or unmet for some.
  await trx.raw(
    `insert into deadlines (case_id, rule_id, due_at, met_at, created_job_key, register)
     select b.case_id, rule.id, b.opened_at + (k * 7) * interval '1 day',
       case when (b.i + k) % 9 = 0 then null
            when (b.i + k) % 7 = 0 then b.opened_at + (k * 7 + 3) * interval '1 day'
            else b.opened_at + (k * 7 - 2) * interval '1 day' end,
       'scale-deadline-' || b.i, 'SOCIAL'
     from scale_batch b, generate_series(1, 3) as k
     join lateral (select id from deadline_rules order by id offset k * 3 % (select count(*) from deadline_rules) limit 1) rule on true`,
  );
  await trx.raw(
    `insert into meeting_bookings (case_id, forum, team_id, region_id, meeting_at, job_key, register)
     select case_id, 'TEAM', team_id, null, opened_at + (3 + r * 18) * interval '1 day', 'scale-team-meeting-' || i, 'SOCIAL'
     from scale_batch where reached >= 3 and i % 4 <> 0
     union all
     select case_id, 'REGIONAL_GROUP', null, region_id, opened_at + (4 * (2 + r * 18) + 3) * interval '1 day', 'scale-group-meeting-' || i || '-' || k,
       'SOCIAL'
     from scale_batch, generate_series(1, case when i % 6 = 0 then 2 else 1 end) as k where reached >= 5`,
  );
}

/** A database a generator may fill: its name says it is for scratch or benchmark work. */
export function isScratchDatabase(databaseUrl: string): boolean {
  return /(scratch|bench)/i.test(new URL(databaseUrl).pathname);
}
