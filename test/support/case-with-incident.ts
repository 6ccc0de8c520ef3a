import { JobKey } from '@camunda8/orchestration-cluster-api';
import { NO_WAIT } from '../../src/camunda-client.js';
import { recordRouting } from '../../src/store/routing-repository.js';
import { HttpSession } from '../../kit/http-session.js';
import { eventually } from './eventually.js';
import type { TestService } from './service.js';

/** The listener job of a case's first stage, taken as a worker takes it (the service runs no workers). */
export async function takeFirstStageJob(t: TestService) {
  return eventually('the first stage’s listener job', async () => {
    const { jobs } = await t.client.activateJobs({
      type: 'pathway-stage-enter',
      worker: 'incident-test',
      timeout: 60_000,
      maxJobsToActivate: 1,
    });
    return jobs[0];
  });
}

/**
 * A Turku case opened by the team lead whose first stage's listener job failed with no retries
 * left, as a worker's does when a person must put its cause right. The service runs no workers:
 * the routing the worker would have written is written here, so the team lead may read the case.
 */
export async function caseWithIncident(t: TestService, errorMessage: string): Promise<{ caseId: string; jobKey: string }> {
  const teamLead = new HttpSession(t.service.url);
  await teamLead.signIn('minna.toivonen');
  const opened = await teamLead.call<{ caseId: string }>('POST', '/api/cases', {
    municipality: 'Turku',
    referral: { source: 'Terveysasema', reason: 'Alkoholin käyttö' },
    identity: { name: 'Maija Meikäläinen', henkilotunnus: '131052-308T' },
  });
  if (opened.status !== 201) throw new Error(`opening the case answered ${opened.status}: ${JSON.stringify(opened.body)}`);
  const { caseId } = opened.body;
  await recordRouting(t.service.database.knex, {
    caseId,
    teamId: 'turku-keskusta',
    regionId: 'turun-seutu',
    at: new Date(),
    manual: false,
    jobKey: `test-route-${caseId}`,
  });
  const job = await takeFirstStageJob(t);
  // A string key, as the edge normalises it: the 8.6 dialect answers keys as numbers.
  await t.client.failJob({ jobKey: JobKey.assumeExists(String(job.jobKey)), retries: 0, errorMessage });
  // Search lags behind commands on a cluster: the case is ready when search shows its incident.
  await eventually('the failed job’s incident in search', async () => {
    const { items } = await t.client.searchIncidents(
      { filter: { jobKey: JobKey.assumeExists(String(job.jobKey)), state: 'ACTIVE' } },
      NO_WAIT,
    );
    return items.length > 0;
  });
  return { caseId, jobKey: String(job.jobKey) };
}
