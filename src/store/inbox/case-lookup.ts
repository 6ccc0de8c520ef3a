import type { Knex } from 'knex';
import type { ServiceLanguage } from '../../domain/service-language.js';
import { isStageCode, STAGE_LABELS } from '../../domain/stages.js';

/** The case a task belongs to, as the inbox shows it: its id, current stage and team. No identity. */
export interface CaseOfTask {
  caseId: string;
  stage: { code: string; label: string } | null;
  team: { id: string; name: string } | null;
  serviceLanguage: ServiceLanguage;
}

interface Row {
  case_id: string;
  process_instance_key: string;
  stage: string | null;
  team_id: string | null;
  team_name: string | null;
  service_language: ServiceLanguage;
}

/**
 * The cases of the given root process instances, by instance key: the read model knows which
 * case each pathway instance runs, its open stage and its team. Tasks of called processes (the
 * working group's, the team's) find their case through their root instance.
 */
export async function casesByRootInstance(knex: Knex, rootKeys: readonly string[]): Promise<Map<string, CaseOfTask>> {
  if (rootKeys.length === 0) return new Map();
  const rows: Row[] = await knex('cases as c')
    .leftJoin('stage_history as s', (join) => join.on('s.case_id', 'c.case_id').andOnNull('s.left_at'))
    .leftJoin('teams as t', 't.id', 'c.team_id')
    .whereIn('c.process_instance_key', [...new Set(rootKeys)])
    .select('c.case_id', 'c.process_instance_key', 's.stage', 'c.team_id', 't.name as team_name', 'c.service_language');
  return new Map(
    rows.map((r) => [
      r.process_instance_key,
      {
        caseId: r.case_id,
        stage: r.stage ? { code: r.stage, label: isStageCode(r.stage) ? STAGE_LABELS[r.stage] : r.stage } : null,
        team: r.team_id ? { id: r.team_id, name: r.team_name ?? r.team_id } : null,
        serviceLanguage: r.service_language,
      },
    ]),
  );
}
