import { ProcessDefinitionId } from '@camunda8/orchestration-cluster-api';
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { startTestService, type TestService } from '../support/service.js';
import { recordStory } from './pathway-rows.js';
import { ADMIN, signedInAs } from './signed-in.js';

interface ElementCount {
  elementId: string;
  activeInstances: number;
  incidents: number;
}

describe('manager dashboard diagram /api/dashboard/diagram', () => {
  let t: TestService;
  let reader: Record<string, string>;

  async function heatmap(query = '') {
    const response = await fetch(`${t.service.url}/api/dashboard/diagram${query}`, { headers: reader });
    return { status: response.status, body: await response.json() };
  }

  /** Starts the pathway for a case of the team (no workers run: the instance waits where it is). */
  async function startCase(teamId: string, regionId: string): Promise<string> {
    const caseId = randomUUID();
    const created = await t.client.createProcessInstance({
      processDefinitionId: ProcessDefinitionId.assumeExists('sote-tyoparipolku'),
      variables: { caseId, municipality: '853', assessmentDueDate: '2099-12-31T23:59:59+02:00' },
    });
    const processInstanceKey = String(created.processInstanceKey);
    await recordStory(t.service.database.knex, { teamId, regionId, stages: [{ stage: 'TUEN_TARVE', at: new Date() }], processInstanceKey });
    return processInstanceKey;
  }

  before(async () => {
    t = await startTestService();
    reader = await signedInAs(t.service.database.knex, ADMIN);
    // given: three cases waiting at the first stage's start listener; the Salo one is moved on to
    // routing, and one Turku case's listener fails for good (an incident)
    await startCase('turku-keskusta', 'turun-seutu');
    const failing = await startCase('turku-keskusta', 'turun-seutu');
    const salo = await startCase('salo-somero', 'salon-seutu');
    const { jobs } = await t.client.activateJobs({
      type: 'pathway-stage-enter',
      worker: 'dashboard-test',
      timeout: 60_000,
      maxJobsToActivate: 10,
      requestTimeout: 1000,
    });
    const listenerOf = (instance: string) => jobs.find((j) => String(j.processInstanceKey) === instance)!;
    await t.client.completeJob({ jobKey: listenerOf(salo).jobKey, variables: {} });
    await t.client.failJob({ jobKey: listenerOf(failing).jobKey, retries: 0, errorMessage: 'read model unreachable' });
  });

  after(async () => {
    await t?.close();
  });

  it('should count the active instances per element of the main diagram, with the diagram', async () => {
    // when
    const { status, body } = await heatmap();

    // then: each case's stage subprocess is active, one with an incident, and the Salo case's routing task
    expect(status).to.equal(200);
    expect(body.bpmnXml).to.contain('id="sote-tyoparipolku"');
    expect(body.version).to.equal(1);
    expect(body.elements as ElementCount[]).to.deep.equal([
      { elementId: 'route-case', activeInstances: 1, incidents: 0 },
      { elementId: 'stage-tuen-tarve', activeInstances: 3, incidents: 1 },
    ]);
  });

  it('should keep only the instances of the filter’s cases', async () => {
    // when
    const turku = await heatmap('?teamId=turku-keskusta');
    const salo = await heatmap('?regionId=salon-seutu');
    const empty = await heatmap('?regionId=vakka-suomi');

    // then
    expect(turku.body.elements).to.deep.equal([{ elementId: 'stage-tuen-tarve', activeInstances: 2, incidents: 1 }]);
    expect(salo.body.elements).to.deep.equal([
      { elementId: 'route-case', activeInstances: 1, incidents: 0 },
      { elementId: 'stage-tuen-tarve', activeInstances: 1, incidents: 0 },
    ]);
    expect(empty.body.elements).to.deep.equal([]);
  });
});
