import { JobKey } from '@camunda8/orchestration-cluster-api';
import { expect } from 'chai';
import { NO_WAIT } from '../../src/camunda-client.js';
import { HttpSession } from '../../kit/http-session.js';
import { getCase } from '../../src/store/case-repository.js';
import { caseWithIncident, takeFirstStageJob } from '../support/case-with-incident.js';
import { eventually } from '../support/eventually.js';
import { expectProblem } from '../support/problem.js';
import { startTestService, type TestService } from '../support/service.js';

describe('app API: a case’s incidents, and the team lead’s retry', () => {
  let t: TestService;
  let teamLead: HttpSession;
  let nurse: HttpSession;
  let caseId: string;
  let jobKey: string;

  before(async () => {
    t = await startTestService();
    teamLead = new HttpSession(t.service.url);
    await teamLead.signIn('minna.toivonen');
    nurse = new HttpSession(t.service.url);
    await nurse.signIn('aino.virtanen');
    ({ caseId, jobKey } = await caseWithIncident(t, 'Vaihetta ei voitu kirjata'));
  });

  after(async () => {
    await t?.close();
  });

  it('should show the incident of a job that failed with no retries left, with its message, on the case', async () => {
    // when
    const incidents = await eventually('the incident on the case', async () => {
      const { body } = await teamLead.call<{ incidents: Array<Record<string, unknown>> }>('GET', `/api/cases/${caseId}`);
      return body.incidents?.length ? body.incidents : undefined;
    });

    // then
    expect(incidents).to.have.length(1);
    expect(incidents[0]).to.include({
      elementId: 'stage-tuen-tarve',
      errorType: 'EXECUTION_LISTENER_NO_RETRIES',
      errorMessage: 'Vaihetta ei voitu kirjata',
      jobKey,
    });
  });
  it('should let only the team lead retry it, and only an incident of this case', async () => {
    // given
    const { body } = await teamLead.call<{ incidents: Array<{ key: string; jobKey: string }> }>('GET', `/api/cases/${caseId}`);
    const [incident] = body.incidents;

    // when
    const byNurse = await nurse.call('POST', `/api/cases/${caseId}/incidents/${incident.key}/retry`);
    const unknown = await teamLead.call('POST', `/api/cases/${caseId}/incidents/2251799813685999/retry`);
    const malformed = await teamLead.call('POST', `/api/cases/${caseId}/incidents/abc/retry`);
    const retried = await teamLead.call('POST', `/api/cases/${caseId}/incidents/${incident.key}/retry`);

    // then
    expectProblem(byNurse, 403);
    expectProblem(unknown, 404, { detail: 'Asialla ei ole avointa häiriötä 2251799813685999.' });
    expectProblem(malformed, 400, { detail: /incidentKey/ });
    expect(retried.status).to.equal(204);
    const job = await t.client.getIncident({ incidentKey: incident.key as never }, NO_WAIT);
    expect(job.state).to.equal('RESOLVED');
    const again = await takeFirstStageJob(t);
    expect(String(again.jobKey), 'the same job, with its retry back').to.equal(incident.jobKey);
    expect(again.retries).to.equal(1);
    const { body: after } = await teamLead.call<{ incidents: unknown[] }>('GET', `/api/cases/${caseId}`);
    expect(after.incidents).to.deep.equal([]);
    await t.client.completeJob({ jobKey: JobKey.assumeExists(incident.jobKey), variables: {} });
    expect((await getCase(t.service.database.knex, caseId))?.closedAt, 'the case goes on').to.equal(null);
  });
});
