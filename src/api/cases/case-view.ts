import { ProcessInstanceKey } from '@camunda8/orchestration-cluster-api';
import type { Knex } from 'knex';
import { deadlineStanding } from '../../domain/deadline-standing.js';
import { STAGE_LABELS } from '../../domain/stages.js';
import { NO_WAIT, type CamundaClient } from '../../camunda-client.js';
import { getCase } from '../../store/case-repository.js';
import { listDeadlines } from '../../store/deadline-repository.js';
import { getRegion, getTeam, listDeadlineRules, listMunicipalities, listProfessionals } from '../../store/org-repository.js';
import { completedTasks } from '../../store/completed-task-repository.js';
import { pairHistory } from '../../store/pair-repository.js';
import { getReferral } from '../../store/referral-repository.js';
import { stageHistory } from '../../store/stage-repository.js';
import { engineProblem } from '../../http/problem.js';
import { candidateGroupName } from './candidate-group-names.js';
import { openIncidents } from './case-incidents.js';
import { caseInstanceKeys } from './case-instances.js';
import { engineStatus, whenReadable } from './case-view-engine.js';

/**
 * A case as GET /api/cases/:id shows it, or undefined when there is no such case: the read
 * model's record of the pathway (its referral, stages, pair, deadlines and the tasks done, by whom
 * and when) and the user tasks open in the engine. When the engine cannot be
 * read now, the read model alone, no open tasks, and `engine` saying so. No identity: name and
 * henkilötunnus are read elsewhere, and audited.
 */
export async function loadCaseView(knex: Knex, camunda: CamundaClient, caseId: string) {
  const found = await getCase(knex, caseId);
  if (!found) return undefined;
  const now = new Date();
  const [municipalities, team, region, stages, pairs, deadlines, rules, work, done, referral] = await Promise.all([
    listMunicipalities(knex),
    found.teamId ? getTeam(knex, found.teamId) : undefined,
    found.regionId ? getRegion(knex, found.regionId) : undefined,
    stageHistory(knex, caseId),
    pairHistory(knex, caseId),
    listDeadlines(knex, caseId),
    listDeadlineRules(knex),
    whenReadable(
      () =>
        found.processInstanceKey
          ? openWork(camunda, found.processInstanceKey).catch((error: unknown) => {
              throw engineProblem('The case’s open tasks and incidents could not be read', error);
            })
          : Promise.resolve(NO_OPEN_WORK),
      NO_OPEN_WORK,
    ),
    completedTasks(knex, caseId),
    getReferral(knex, caseId),
  ]);
  // A closed case released its pair; the page still says who the pair was.
  const pair = pairs.find((p) => p.releasedAt === null) ?? (found.closedAt ? pairs.at(-1) : undefined);
  const people = new Map(pair || done.length > 0 ? (await listProfessionals(knex)).map((p) => [p.id, p]) : []);
  const member = (id: string) => ({ id, displayName: people.get(id)?.displayName ?? null, role: people.get(id)?.role ?? null });
  const ruleById = new Map(rules.map((r) => [r.id, r]));
  const current = stages.find((s) => s.leftAt === null);
  const organisation = {
    team: team ? { id: team.id, name: team.name } : null,
    region: region ? { id: region.id, name: region.name, groupName: region.groupName } : null,
  };
  return {
    caseId: found.caseId,
    municipality: { code: found.municipalityCode, name: municipalities.find((m) => m.code === found.municipalityCode)?.name ?? null },
    openedAt: found.openedAt.toISOString(),
    closedAt: found.closedAt?.toISOString() ?? null,
    outcome: found.outcome,
    processInstanceKey: found.processInstanceKey,
    specialSupportNeed: found.specialSupportNeed,
    serviceLanguage: found.serviceLanguage,
    attributes: found.attributes,
    ...organisation,
    currentStage: current ? { stage: current.stage, label: STAGE_LABELS[current.stage], enteredAt: current.enteredAt.toISOString() } : null,
    stages: stages.map((s) => ({
      stage: s.stage,
      label: STAGE_LABELS[s.stage],
      enteredAt: s.enteredAt.toISOString(),
      leftAt: s.leftAt?.toISOString() ?? null,
    })),
    pair: pair
      ? {
          nurse: member(pair.nurseId),
          socialWorker: member(pair.socialWorkerId),
          assignedAt: pair.assignedAt.toISOString(),
          releasedAt: pair.releasedAt?.toISOString() ?? null,
          manual: pair.manual,
        }
      : null,
    referral: referral ? { source: referral.source, reason: referral.reason, receivedAt: referral.receivedAt.toISOString() } : null,
    completedTasks: done.map((task) => ({
      key: task.userTaskKey,
      name: task.name,
      elementId: task.elementId,
      completedAt: task.completedAt.toISOString(),
      completedBy: {
        role: task.completedBy.role,
        displayName: task.completedBy.professionalId ? (people.get(task.completedBy.professionalId)?.displayName ?? null) : null,
      },
    })),
    openTasks: work.value.tasks.map((task) => ({
      ...task,
      candidateGroupNames: task.candidateGroups.map((group) => candidateGroupName(group, organisation)),
    })),
    incidents: work.value.incidents,
    engine: engineStatus(work.readable),
    deadlines: deadlines.map((d) => ({
      ruleId: d.ruleId,
      name: ruleById.get(d.ruleId)?.name ?? null,
      kind: ruleById.get(d.ruleId)?.kind ?? null,
      dueAt: d.dueAt.toISOString(),
      metAt: d.metAt?.toISOString() ?? null,
      breachedAt: d.breachedAt?.toISOString() ?? null,
      standing: deadlineStanding(d, now),
    })),
  };
}

const NO_OPEN_WORK = { tasks: [], incidents: [] };

/** The open user tasks and incidents of the case's instances, walking its instance tree once for both. */
async function openWork(camunda: CamundaClient, rootKey: string) {
  const instanceKeys = await caseInstanceKeys(camunda, rootKey);
  const [tasks, incidents] = await Promise.all([openUserTasks(camunda, instanceKeys), openIncidents(camunda, instanceKeys)]);
  return { tasks, incidents };
}

/** The open user tasks of the case's process instance and of the instances its call activities started. */
async function openUserTasks(camunda: CamundaClient, instanceKeys: readonly string[]) {
  const pages = await Promise.all(
    instanceKeys.map((key) =>
      camunda.searchUserTasks(
        { filter: { processInstanceKey: ProcessInstanceKey.assumeExists(key), state: 'CREATED' }, page: { limit: 100 } },
        NO_WAIT,
      ),
    ),
  );
  return pages
    .flatMap((page) => page.items)
    .map((t) => ({
      key: String(t.userTaskKey),
      name: t.name ?? null,
      elementId: String(t.elementId),
      processDefinitionId: String(t.processDefinitionId),
      candidateGroups: t.candidateGroups ?? [],
      dueDate: t.dueDate ?? null,
    }));
}
