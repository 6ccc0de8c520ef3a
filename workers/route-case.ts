import { z } from 'zod';
import { computeDeadlines } from '../src/domain/deadlines.js';
import { finnishDate } from '../src/domain/finnish-time.js';
import { routeCase } from '../src/domain/routing.js';
import { BusinessError, InvalidInputError, type JobContext } from '../src/jobs/definition.js';
import type { CasePort, Clock, DeadlinePort, OrgPort, RoutingPort } from '../src/jobs/ports.js';
import { assessmentDueDateOf } from '../src/domain/deadline-groups.js';
import { CompletedBy } from '../src/jobs/completed-by.js';

/**
 * Routes a case to the local team and regional group of its municipality, or to the team named by
 * hand, and starts the case's deadlines. Job type used by process-application/bpmn/sote-tyoparipolku.bpmn (`route-case`).
 */
export const jobType = 'route-case';

export const description = 'Route the case to its team and region; record the routing and the deadlines that opening the case starts';

export const Input = z.object({
  /** Whoever completed the task this job follows; their writes are logged as theirs (src/jobs/completed-by.ts). */
  completedBy: CompletedBy,
  caseId: z.uuid(),
  /**
   * Official code ('853') or Finnish or Swedish name ('Turku', 'Åbo'). Missing or empty is no
   * error of the variables: like an unknown one, it sends the case to manual routing.
   */
  municipality: z.union([z.string().trim(), z.number().int().nonnegative()]).nullish(),
  /** The team the regional coordinator chose after UNKNOWN_MUNICIPALITY. */
  manualTeamId: z.string().min(1).nullish(),
  /** One of the municipality's other teams, named by the referring unit (Turku's areas). */
  teamHint: z.string().min(1).nullish(),
});

export const Output = z.object({
  teamId: z.string(),
  regionId: z.string(),
  /** The team's addiction psychiatry consultant, if it has one. */
  consultantId: z.string().nullable(),
  /** When the needs assessment must have started: end of the due day, ISO 8601 with the Finnish offset. */
  assessmentDueDate: z.string(),
});

export type Input = z.infer<typeof Input>;
export type Output = z.infer<typeof Output>;

export interface Deps {
  clock: Clock;
  cases: Pick<CasePort, 'getCase'>;
  org: Pick<OrgPort, 'loadRoutingData' | 'getTeam' | 'listDeadlineRules'>;
  routing: Pick<RoutingPort, 'recordRouting'>;
  deadlines: Pick<DeadlinePort, 'listDeadlines' | 'recordDeadlines'>;
}

export async function handle(input: Input, deps: Deps, job: JobContext): Promise<Output> {
  const found = await deps.cases.getCase(input.caseId);
  if (!found) throw new InvalidInputError(`caseId: no case '${input.caseId}' in the read model; cases are opened through POST /api/cases`);
  const target = await chooseTeam(input, deps);

  // A replayed job gets the routing its first delivery stored, whatever the data says now.
  const routing = await deps.routing.recordRouting({
    caseId: input.caseId,
    teamId: target.teamId,
    regionId: target.regionId,
    at: deps.clock.now(),
    manual: target.manual,
    jobKey: job.jobKey,
  });
  const team = await deps.org.getTeam(routing.teamId);

  // The clock starts when the matter became pending (vireilletulo), not when the job runs.
  const deadlines = computeDeadlines({
    rules: await deps.org.listDeadlineRules(),
    attributes: found.attributes,
    event: 'CASE_OPENED',
    eventDate: finnishDate(found.openedAt),
  });
  // Routing again by hand must not start the same deadlines twice.
  const running = new Set(
    (await deps.deadlines.listDeadlines(input.caseId)).filter((d) => d.createdJobKey !== job.jobKey).map((d) => d.ruleId),
  );
  await deps.deadlines.recordDeadlines({
    caseId: input.caseId,
    jobKey: job.jobKey,
    deadlines: deadlines.filter((d) => !running.has(d.ruleId)),
  });

  const assessmentDueDate = assessmentDueDateOf(input.caseId, deadlines);
  return { teamId: routing.teamId, regionId: routing.regionId, consultantId: team?.consultantId ?? null, assessmentDueDate };
}

async function chooseTeam(input: Input, deps: Deps): Promise<{ teamId: string; regionId: string; manual: boolean }> {
  if (input.manualTeamId) {
    const team = await deps.org.getTeam(input.manualTeamId);
    if (!team) throw new InvalidInputError(`manualTeamId: no team '${input.manualTeamId}'`);
    return { teamId: team.id, regionId: team.regionId, manual: true };
  }
  const routed = routeCase(input.municipality ?? '', await deps.org.loadRoutingData(), { teamHint: input.teamHint });
  if (!routed.ok) {
    const which =
      input.municipality == null || input.municipality === ''
        ? 'The case has no municipality'
        : `No team serves municipality '${input.municipality}'`;
    throw new BusinessError('UNKNOWN_MUNICIPALITY', `${which}; route the case by hand`);
  }
  return { teamId: routed.teamId, regionId: routed.regionId, manual: false };
}
