import type { DeadlineStanding } from '../../src/domain/deadline-standing.js';
import { api } from './api.js';

/** GET /api/case-view/:caseId (src/api/cases/case-view-routes.ts). */
export interface CaseDetails {
  caseId: string;
  municipality: { code: string; name: string | null };
  openedAt: string;
  closedAt: string | null;
  serviceLanguage: 'fi' | 'sv';
  outcome: string | null;
  team: { id: string; name: string } | null;
  region: { id: string; name: string; groupName: string } | null;
  currentStage: { stage: string; label: string; enteredAt: string } | null;
  stages: { stage: string; label: string; enteredAt: string; leftAt: string | null }[];
  pair: {
    nurse: { id: string; displayName: string | null; role: string | null };
    socialWorker: { id: string; displayName: string | null; role: string | null };
    assignedAt: string;
    /** Set when the pair was released: a closed case shows the pair it had. */
    releasedAt: string | null;
    manual: boolean;
  } | null;
  referral: { source: string; reason: string; receivedAt: string } | null;
  /** The tasks done through the app, oldest first: what, by whom (their name, or their role), when. */
  completedTasks: {
    key: string;
    name: string | null;
    elementId: string;
    completedAt: string;
    completedBy: { role: string; displayName: string | null };
  }[];
  openTasks: {
    key: string;
    name: string | null;
    elementId: string;
    candidateGroups: string[];
    /** The candidate groups as people read them: the team's, the working group's, the officials' names. */
    candidateGroupNames: string[];
    dueDate: string | null;
  }[];
  incidents: { key: string; elementId: string; errorType: string; errorMessage: string; createdAt: string | null; jobKey: string | null }[];
  deadlines: {
    ruleId: string;
    name: string | null;
    kind: string | null;
    dueAt: string;
    metAt: string | null;
    breachedAt: string | null;
    standing: DeadlineStanding;
  }[];
  activeElements: { elementId: string; name: string | null; type: string }[];
  decisions: Record<string, unknown>;
  identity: { name: string; henkilotunnus: string } | null;
  identityVisible: boolean;
  /** Whether the engine's part (open tasks, current elements, decisions) could be read; the notice to show when not. */
  engine: { available: true } | { available: false; notice: string };
}

export const getCaseDetails = (caseId: string) => api<CaseDetails>('GET', `/api/case-view/${encodeURIComponent(caseId)}`);
export const getCaseDiagram = (caseId: string) =>
  api<{ xml: string; activeElementIds: string[] }>('GET', `/api/case-view/${encodeURIComponent(caseId)}/diagram`);

/** POST /api/cases/{caseId}/incidents/{key}/retry: the team lead has what failed tried again (src/api/cases/case-incident-routes.ts). */
export const retryCaseIncident = (caseId: string, incidentKey: string) =>
  api<void>('POST', `/api/cases/${encodeURIComponent(caseId)}/incidents/${encodeURIComponent(incidentKey)}/retry`);

/** A row of GET /api/cases (src/api/cases/case-list-routes.ts). */
export interface CaseListItem {
  caseId: string;
  openedAt: string;
  closedAt: string | null;
  outcome: string | null;
  stage: { stage: string; label: string; enteredAt: string | null } | null;
  pair: { nurse: { id: string; displayName: string | null }; socialWorker: { id: string; displayName: string | null } } | null;
  nextDueAt: string | null;
  overdue: boolean;
}

export interface CaseListQuery {
  state: 'open' | 'closed' | 'all';
  stage?: string;
  mine: boolean;
  overdue: boolean;
  after?: string;
}

export const listCases = (query: CaseListQuery) => {
  const params = new URLSearchParams({ state: query.state, mine: String(query.mine), overdue: String(query.overdue) });
  if (query.stage) params.set('stage', query.stage);
  if (query.after) params.set('after', query.after);
  return api<{ items: CaseListItem[]; page: { endCursor: string | null } }>('GET', `/api/cases?${params.toString()}`);
};
