import type { Knex } from 'knex';
import { PATHWAY_REGISTER, type RegisterCode } from '../domain/registers.js';
import { CaseClosedError, lockCase } from './case-lock.js';

/** One routing of a case to a team and region; the latest is the case's current one. */
export interface RoutingRow {
  id: number;
  caseId: string;
  teamId: string;
  regionId: string;
  routedAt: Date;
  manual: boolean;
  jobKey: string | null;
  register: RegisterCode;
}

interface RoutingRecord {
  id: number;
  case_id: string;
  team_id: string;
  region_id: string;
  routed_at: Date;
  manual: boolean;
  job_key: string | null;
  register: RegisterCode;
}

/** A routing decision: by the routing worker, or an administrator's manual reassignment. */
export interface RecordRoutingInput {
  caseId: string;
  teamId: string;
  regionId: string;
  at: Date;
  manual: boolean;
  /** The job's key; null for a manual reassignment outside a job. */
  jobKey: string | null;
}

/**
 * Records the routing and makes it the case's current team and region, in one transaction.
 * Replaying a job key returns the first delivery's row. Throws CaseClosedError on a closed case.
 */
export async function recordRouting(knex: Knex, input: RecordRoutingInput): Promise<RoutingRow> {
  return knex.transaction(async (trx) => {
    const { closed } = await lockCase(trx, input.caseId);
    if (input.jobKey !== null) {
      const replayed = await trx<RoutingRecord>('case_routings').where({ job_key: input.jobKey }).first();
      if (replayed) return toRoutingRow(replayed);
    }
    if (closed) throw new CaseClosedError(input.caseId);
    const [row] = await trx<RoutingRecord>('case_routings')
      .insert({
        case_id: input.caseId,
        team_id: input.teamId,
        region_id: input.regionId,
        routed_at: input.at,
        manual: input.manual,
        job_key: input.jobKey,
        register: PATHWAY_REGISTER,
      })
      .returning('*');
    await trx('cases').where({ case_id: input.caseId }).update({ team_id: input.teamId, region_id: input.regionId });
    return toRoutingRow(row);
  });
}

/** Every routing of the case, oldest first. */
export async function routingHistory(knex: Knex, caseId: string): Promise<RoutingRow[]> {
  const rows = await knex<RoutingRecord>('case_routings')
    .where({ case_id: caseId })
    .orderBy([{ column: 'routed_at' }, { column: 'id' }]);
  return rows.map(toRoutingRow);
}

function toRoutingRow(r: RoutingRecord): RoutingRow {
  return {
    id: r.id,
    caseId: r.case_id,
    teamId: r.team_id,
    regionId: r.region_id,
    routedAt: r.routed_at,
    manual: r.manual,
    jobKey: r.job_key,
    register: r.register,
  };
}
