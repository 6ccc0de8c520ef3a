import type { Knex } from 'knex';
import type { OutcomeCode } from '../../domain/outcomes.js';
import type { StageCode } from '../../domain/stages.js';

/** Which of a team's cases a list shows. */
export interface CaseListFilter {
  teamId: string | null;
  /** The reader's professional id: their own cases are theirs wherever the case is routed. */
  professionalId: string | null;
  state: 'open' | 'closed' | 'all';
  stage?: StageCode;
  /** Only cases whose pair (the latest) has the reader in it. */
  mine: boolean;
  /** Only open cases with an unmet deadline past its due time. */
  overdue: boolean;
  limit: number;
  /** Continue after this case of the previous page (newest first). */
  after?: { openedAt: Date; caseId: string };
  now: Date;
}

/** One row of the case list: the case, where it is, its pair and its next deadline. */
export interface CaseListRow {
  caseId: string;
  municipalityCode: string;
  teamId: string | null;
  openedAt: Date;
  closedAt: Date | null;
  outcome: OutcomeCode | null;
  stage: StageCode | null;
  stageEnteredAt: Date | null;
  nurseId: string | null;
  socialWorkerId: string | null;
  nextDueAt: Date | null;
  overdue: boolean;
}

interface CaseListRecord {
  case_id: string;
  municipality_code: string;
  team_id: string | null;
  opened_at: Date;
  closed_at: Date | null;
  outcome: OutcomeCode | null;
  stage: StageCode | null;
  stage_entered_at: Date | null;
  nurse_id: string | null;
  social_worker_id: string | null;
  next_due_at: Date | null;
}

/**
 * The cases of the reader's team and the reader's own, newest first, one page of them (a keyset
 * page: the next starts after the last one's opening time and id, so cases opened meanwhile
 * neither repeat nor push others off). Whether each may be read is the caller's question: the
 * consent check decides that, case by case.
 */
export async function listTeamCases(knex: Knex, filter: CaseListFilter): Promise<CaseListRow[]> {
  const latestPair = knex('pair_assignments as p')
    .select('p.nurse_id', 'p.social_worker_id')
    .whereRaw('p.case_id = c.case_id')
    .orderBy([
      { column: 'p.assigned_at', order: 'desc' },
      { column: 'p.id', order: 'desc' },
    ])
    .limit(1);
  const query = knex('cases as c')
    .leftJoin('stage_history as s', (join) => join.on('s.case_id', 'c.case_id').andOnNull('s.left_at'))
    .joinRaw(`left join lateral (${latestPair.toQuery()}) as pair on true`)
    .select<CaseListRecord[]>(
      'c.case_id',
      'c.municipality_code',
      'c.team_id',
      'c.opened_at',
      'c.closed_at',
      'c.outcome',
      's.stage',
      's.entered_at as stage_entered_at',
      'pair.nurse_id',
      'pair.social_worker_id',
      knex.raw('(select min(d.due_at) from deadlines d where d.case_id = c.case_id and d.met_at is null) as next_due_at'),
    )
    .where((scope) => {
      if (filter.teamId) scope.orWhere('c.team_id', filter.teamId);
      if (filter.professionalId)
        scope.orWhere('pair.nurse_id', filter.professionalId).orWhere('pair.social_worker_id', filter.professionalId);
      if (!filter.teamId && !filter.professionalId) scope.whereRaw('false');
    })
    .orderBy([
      { column: 'c.opened_at', order: 'desc' },
      { column: 'c.case_id', order: 'desc' },
    ])
    .limit(filter.limit);
  if (filter.state === 'open') query.whereNull('c.closed_at');
  if (filter.state === 'closed') query.whereNotNull('c.closed_at');
  if (filter.stage) query.where('s.stage', filter.stage);
  if (filter.mine) {
    query.where((own) =>
      own.where('pair.nurse_id', filter.professionalId ?? '').orWhere('pair.social_worker_id', filter.professionalId ?? ''),
    );
  }
  if (filter.overdue) {
    query
      .whereNull('c.closed_at')
      .whereExists(knex('deadlines as o').whereRaw('o.case_id = c.case_id').whereNull('o.met_at').where('o.due_at', '<', filter.now));
  }
  if (filter.after) {
    query.whereRaw('(c.opened_at, c.case_id) < (?, ?::uuid)', [filter.after.openedAt, filter.after.caseId]);
  }
  const rows = await query;
  return rows.map((r) => ({
    caseId: r.case_id,
    municipalityCode: r.municipality_code,
    teamId: r.team_id,
    openedAt: r.opened_at,
    closedAt: r.closed_at,
    outcome: r.outcome,
    stage: r.stage,
    stageEnteredAt: r.stage_entered_at,
    nurseId: r.nurse_id,
    socialWorkerId: r.social_worker_id,
    nextDueAt: r.next_due_at,
    overdue: r.closed_at === null && r.next_due_at !== null && r.next_due_at < filter.now,
  }));
}
