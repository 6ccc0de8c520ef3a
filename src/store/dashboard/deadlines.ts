import type { DeadlineKindCode } from '../../domain/deadline-rule.js';
import type { Knex } from 'knex';
import { splitFinnishPeriod } from '../../domain/finnish-period-split.js';
import { serialRead } from './serial-read.js';
import { type DashboardFilter, summaryParts, whereCaseInScope, wherePeriodStartIn } from './filter-clauses.js';

/** How one deadline rule fared in one team: deadlines that fell due, and those missed. */
export interface DeadlineBreachCount {
  regionId: string | null;
  teamId: string | null;
  ruleId: string;
  ruleName: string;
  kind: DeadlineKindCode;
  /** Deadlines that fell due within the period and before now. */
  due: number;
  /** Of those: met late, or not met at all. */
  breached: number;
  /** Of the breached: still unmet on an open case, so still to act on. */
  open: number;
}

/**
 * Deadline outcomes per team and rule, over deadlines due within the period and already due at
 * `now` (one not yet due cannot have been missed). A deadline is breached when it was met after
 * its due time or not met by now, whether or not the escalation worker has run yet. The whole
 * Finnish months and days come from `deadline_months` and `deadline_days` (kept with every
 * deadline written or met, and every case routed or closed; migration 20261207090000), the hours
 * around them from the deadlines.
 */
export async function deadlineBreaches(knex: Knex, filter: DashboardFilter, now: Date): Promise<DeadlineBreachCount[]> {
  const to = filter.to === undefined || filter.to > now ? now : filter.to;
  const split = splitFinnishPeriod(filter.from, to);
  const parts: Knex.QueryBuilder[] = summaryParts(split, { months: 'deadline_months', days: 'deadline_days' }).map(({ table, range }) =>
    knex(`${table} as c`)
      .modify((q) => whereCaseInScope(q, filter))
      .modify((q) => wherePeriodStartIn(q, range))
      .select('c.region_id', 'c.team_id', 'c.rule_id', 'c.due', knex.raw('c.due - c.met_in_time as breached'), 'c.unmet_open as open'),
  );
  for (const edge of split.edges) {
    parts.push(
      knex('deadlines as d')
        .join('cases as c', 'c.case_id', 'd.case_id')
        .where('d.due_at', '>=', edge.from)
        .where('d.due_at', '<', edge.to)
        .modify((q) => whereCaseInScope(q, filter))
        .select('c.region_id', 'c.team_id', 'd.rule_id', knex.raw('1 as due'))
        .select(knex.raw('(case when d.met_at > d.due_at or d.met_at is null then 1 else 0 end) as breached'))
        .select(knex.raw('(case when d.met_at is null and c.closed_at is null then 1 else 0 end) as open')),
    );
  }
  if (parts.length === 0) return [];
  const [first, ...rest] = parts;
  const rows: {
    region_id: string | null;
    team_id: string | null;
    rule_id: string;
    name: string;
    kind: DeadlineKindCode;
    due: number;
    breached: number;
    open: number;
  }[] = await serialRead(knex, (trx) =>
    trx
      .from(first.unionAll(rest, true).as('v'))
      .join('deadline_rules as r', 'r.id', 'v.rule_id')
      .groupBy('v.region_id', 'v.team_id', 'v.rule_id', 'r.name', 'r.kind')
      .havingRaw('sum(v.due) > 0')
      .select('v.region_id', 'v.team_id', 'v.rule_id', 'r.name', 'r.kind', knex.raw('sum(v.due)::int as due'))
      .select(knex.raw('sum(v.breached)::int as breached'), knex.raw('sum(v.open)::int as open'))
      .orderBy([{ column: 'v.region_id' }, { column: 'v.team_id' }, { column: 'v.rule_id' }]),
  );
  return rows.map((r) => ({
    regionId: r.region_id,
    teamId: r.team_id,
    ruleId: r.rule_id,
    ruleName: r.name,
    kind: r.kind,
    due: r.due,
    breached: r.breached,
    open: r.open,
  }));
}
