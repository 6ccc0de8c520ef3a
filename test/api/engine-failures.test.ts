import { expect } from 'chai';
import type { Knex } from 'knex';
import { HttpSession, type Answer } from '../../kit/http-session.js';
import { openRoutedTurkuCase, startAppWithoutEngine, type AppWithoutEngine } from '../support/app-without-engine.js';
import { expectProblem } from '../support/problem.js';

/** What a 503 for an engine that cannot be read now looks like: problem+json, Finnish, and when to ask again. */
function expectEngineUnavailable(response: Answer): void {
  expectProblem(response, 503, { title: 'Service Unavailable', detail: /^Prosessimoottoria ei juuri nyt tavoiteta/ });
  expect(Number(response.headers.get('retry-after'))).to.be.greaterThan(0);
}

describe('app API when the engine cannot be reached', () => {
  let knex: Knex;
  let app: AppWithoutEngine;
  /** The lead of turku-keskusta: opens cases and reads the team's. */
  let teamLead: HttpSession;
  const caseId = '0b6f3c6e-4f0e-4d0b-9d3c-2f7e9a1b2c3d';

  before(async () => {
    app = await startAppWithoutEngine('api_engine_failures');
    knex = app.knex;
    teamLead = new HttpSession(app.url);
    await teamLead.signIn('minna.toivonen');
    await openRoutedTurkuCase(knex, caseId);
  });

  after(async () => {
    await app?.close();
  });

  it('should answer 502 naming the recorded case when the pathway cannot be started, as a retry would open it twice', async () => {
    // when
    const response = await teamLead.call('POST', '/api/cases', {
      municipality: 'Turku',
      referral: { source: 'x', reason: 'y' },
      identity: { name: 'Testi Asiakas', henkilotunnus: '131052-308T' },
    });

    // then
    expectProblem(response, 502, {
      detail: /^The case was recorded as [0-9a-f-]{36}, but its pathway did not start: the engine answered /,
    });
  });

  it('should answer the case from the read model, saying the engine cannot be read', async () => {
    // when
    const response = await teamLead.call('GET', `/api/cases/${caseId}`);

    // then
    expect(response.status, JSON.stringify(response.body)).to.equal(200);
    expect(response.body).to.deep.include({ caseId, processInstanceKey: '2251799813685249', openTasks: [] });
    expect(response.body.team).to.deep.equal({ id: 'turku-keskusta', name: 'Turun keskusta' });
    const engine = response.body.engine as { available: boolean; notice: string };
    expect(engine.available).to.equal(false);
    expect(engine.notice).to.match(/^Prosessimoottoria ei juuri nyt tavoiteta/);
  });

  it('should answer the case page from the read model, without current elements or decisions', async () => {
    // when
    const response = await teamLead.call('GET', `/api/case-view/${caseId}`);

    // then
    expect(response.status, JSON.stringify(response.body)).to.equal(200);
    expect(response.body).to.deep.include({ caseId, openTasks: [], activeElements: [], decisions: {}, identityVisible: true });
    expect(response.body.engine).to.deep.include({ available: false });
  });

  it('should answer 503 with Retry-After for the case diagram', async () => {
    expectEngineUnavailable(await teamLead.call('GET', `/api/case-view/${caseId}/diagram`));
  });

  it('should answer 503 with Retry-After for the inbox', async () => {
    expectEngineUnavailable(await teamLead.call('GET', '/api/inbox'));
  });

  it('should answer 503 with Retry-After for a task and each of its actions', async () => {
    expectEngineUnavailable(await teamLead.call('GET', '/api/inbox/tasks/2251799813685300'));
    expectEngineUnavailable(await teamLead.call('POST', '/api/inbox/tasks/2251799813685300/claim'));
    expectEngineUnavailable(await teamLead.call('POST', '/api/inbox/tasks/2251799813685300/unclaim'));
    expectEngineUnavailable(await teamLead.call('POST', '/api/inbox/tasks/2251799813685300/completion', { variables: {} }));
  });

  it('should answer 503 with Retry-After for the dashboard’s diagram', async () => {
    expectEngineUnavailable(await teamLead.call('GET', '/api/dashboard/diagram'));
  });
});
