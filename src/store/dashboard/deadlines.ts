import type { DeadlineKindCode } from '../../domain/deadline-rule.js';
import type { Knex } from 'knex';
import { type DashboardFilter, whereCaseInScope, whereInPeriod } from './filter-clauses.js';

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
 * its due time or not met by now, whether or not the escalation worker has run yet.
 */
export async function deadlineBreaches(knex: Knex, filter: DashboardFilter, now: Date): Promise<DeadlineBreachCount[]> {
  const breached = '(d.met_at > d.due_at or d.met_at is null)';
  const rows: {
    region_id: string | null;
    team_id: string | null;
    rule_id: string;
    name: string;
    kind: DeadlineKindCode;
    due: number;
    breached: number;
    open: number;
  }[] = await knex('deadlines as d')
    .join('cases as c', 'c.case_id', 'd.case_id')
    .join('deadline_rules as r', 'r.id', 'd.rule_id')
    .where('d.due_at', '<', now)
    .modify((q) => whereCaseInScope(q, filter))
    .modify((q) => whereInPeriod(q, filter, 'd.due_at'))
    .groupBy('c.region_id', 'c.team_id', 'd.rule_id', 'r.name', 'r.kind')
    .select('c.region_id', 'c.team_id', 'd.rule_id', 'r.name', 'r.kind', knex.raw('count(*)::int as due'))
    .select(knex.raw(`count(*) filter (where ${breached})::int as breached`))
    .select(knex.raw('count(*) filter (where d.met_at is null and c.closed_at is null)::int as open'))
    .orderBy([{ column: 'c.region_id' }, { column: 'c.team_id' }, { column: 'd.rule_id' }]);
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
