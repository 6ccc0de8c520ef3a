import { api } from '../shared/api.js';

/** The dashboard's filter, as in the query string of /api/dashboard/* and of the page. */
export interface DashboardQuery {
  regionId?: string;
  teamId?: string;
  from?: string;
  to?: string;
  /** 'all' for all time; without it and without dates, the last 12 months. */
  period?: string;
}

export interface Options {
  regions: { id: string; name: string; groupName: string }[];
  teams: { id: string; name: string; regionId: string }[];
  stages: { stage: string; label: string }[];
}

export interface ActiveCases {
  items: { regionId: string | null; teamId: string | null; stage: string; stageLabel: string; activeCases: number }[];
}

export interface StageDurations {
  items: { stage: string; stageLabel: string; visits: number; medianDays: number; p90Days: number }[];
}

export interface GroupQueues {
  items: {
    regionId: string;
    regionName: string;
    groupName: string;
    waitingCases: number;
    pastMeetingCases: number;
    oldestWaitingSince: string | null;
    nextMeetings: { startsAt: string; bookedCases: number }[];
  }[];
}

export interface Caseloads {
  teams: { teamId: string; regionId: string; capacity: number; activeCases: number }[];
  people: {
    professionalId: string;
    displayName: string;
    roleLabel: string;
    teamId: string;
    capacity: number;
    activeCases: number;
    active: boolean;
    absentUntil: string | null;
  }[];
}

export interface DeadlineBreaches {
  items: {
    regionId: string | null;
    teamId: string | null;
    ruleId: string;
    ruleName: string;
    kind: 'LAW' | 'VARHA_TARGET' | 'PROPOSED_TARGET';
    due: number;
    breached: number;
    open: number;
  }[];
}

export interface StalledIntakes {
  items: {
    caseId: string;
    municipality: { code: string; name: string | null };
    teamId: string | null;
    teamName: string | null;
    regionId: string | null;
    openedAt: string;
    failedAttempts: number;
    stalledAt: string;
    nextAttemptAt: string | null;
    lastError: string | null;
  }[];
}

export interface Heatmap {
  processDefinitionKey: string;
  version: number;
  bpmnXml: string;
  elements: { elementId: string; activeInstances: number; incidents: number }[];
}

/** Everything the dashboard shows for one filter; the diagram separately, as the engine may be slow or away. */
export interface Figures {
  active: ActiveCases;
  durations: StageDurations;
  queues: GroupQueues;
  caseloads: Caseloads;
  breaches: DeadlineBreaches;
  stalled: StalledIntakes;
}

export function queryString(query: DashboardQuery): string {
  const params = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function loadOptions(): Promise<Options> {
  return api<Options>('GET', '/api/dashboard/options');
}

export async function loadFigures(query: DashboardQuery): Promise<Figures> {
  const qs = queryString(query);
  const [active, durations, queues, caseloads, breaches, stalled] = await Promise.all([
    api<ActiveCases>('GET', `/api/dashboard/active-cases${qs}`),
    api<StageDurations>('GET', `/api/dashboard/stage-durations${qs}`),
    api<GroupQueues>('GET', `/api/dashboard/group-queues${qs}`),
    api<Caseloads>('GET', `/api/dashboard/caseloads${qs}`),
    api<DeadlineBreaches>('GET', `/api/dashboard/deadline-breaches${qs}`),
    api<StalledIntakes>('GET', `/api/dashboard/stalled-intakes${qs}`),
  ]);
  return { active, durations, queues, caseloads, breaches, stalled };
}

export function loadHeatmap(query: DashboardQuery): Promise<Heatmap> {
  return api<Heatmap>('GET', `/api/dashboard/diagram${queryString({ regionId: query.regionId, teamId: query.teamId })}`);
}
