import { IncidentKey, JobKey, ProcessInstanceKey } from '@camunda8/orchestration-cluster-api';
import { NO_WAIT, type CamundaClient } from '../../camunda-client.js';
import { NotFound } from '../../domain/refusals.js';
import { caseInstanceKeys } from './case-instances.js';

/** An incident open in one of the case's process instances, as the case page shows it. */
export interface CaseIncident {
  key: string;
  elementId: string;
  errorType: string;
  errorMessage: string;
  createdAt: string | null;
  /** The failed job, when a job's retries ran out: retrying gives it one more. */
  jobKey: string | null;
}

/** The active incidents of the case's instances (caseInstanceKeys), oldest first: what Operate would show in red. */
export async function openIncidents(camunda: CamundaClient, instanceKeys: readonly string[]): Promise<CaseIncident[]> {
  const pages = await Promise.all(
    instanceKeys.map((key) =>
      camunda.searchIncidents(
        { filter: { processInstanceKey: ProcessInstanceKey.assumeExists(key), state: 'ACTIVE' }, page: { limit: 100 } },
        NO_WAIT,
      ),
    ),
  );
  return pages
    .flatMap((page) => page.items)
    .map((i) => ({
      key: String(i.incidentKey),
      elementId: String(i.elementId),
      errorType: String(i.errorType),
      errorMessage: i.errorMessage ?? '',
      createdAt: i.creationTime ?? null,
      jobKey: i.jobKey ? String(i.jobKey) : null,
    }))
    .sort((a, b) => (a.createdAt ?? '').localeCompare(b.createdAt ?? ''));
}

/**
 * Retries what failed, as Operate's "retry" does: a failed job gets one retry back, then the
 * incident is resolved and the engine takes the step again. Only an incident of this case.
 */
export async function retryIncident(camunda: CamundaClient, rootKey: string, incidentKey: string): Promise<void> {
  const incident = (await openIncidents(camunda, await caseInstanceKeys(camunda, rootKey))).find((i) => i.key === incidentKey);
  if (!incident) throw new NotFound(`Asialla ei ole avointa häiriötä ${incidentKey}.`);
  if (incident.jobKey) await camunda.updateJob({ jobKey: JobKey.assumeExists(incident.jobKey), changeset: { retries: 1 } });
  await camunda.resolveIncident({ incidentKey: IncidentKey.assumeExists(incidentKey) });
  await untilSearchShowsResolved(camunda, incidentKey);
}

/** How long the retry waits for search to catch up before it answers anyway (the page then shows what search has). */
const RESOLVED_IN_SEARCH_WITHIN_MS = 5_000;

/**
 * Search lags behind commands on a cluster: the answer waits until search no longer lists the
 * incident as active, so the page read right after the retry does not show it again.
 */
async function untilSearchShowsResolved(camunda: CamundaClient, incidentKey: string): Promise<void> {
  const until = Date.now() + RESOLVED_IN_SEARCH_WITHIN_MS;
  while (Date.now() < until) {
    const { items } = await camunda.searchIncidents(
      { filter: { incidentKey: IncidentKey.assumeExists(incidentKey), state: 'ACTIVE' } },
      NO_WAIT,
    );
    if (items.length === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
