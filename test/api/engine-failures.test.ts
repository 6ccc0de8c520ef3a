import { expect } from 'chai';
import express from 'express';
import type { Knex } from 'knex';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { createApiRouter } from '../../src/api/router.js';
import { openCase } from '../../src/store/case-repository.js';
import { migrateAppDatabase } from '../../src/store/migrate.js';
import { recordRouting } from '../../src/store/routing-repository.js';
import { HttpSession, type Answer } from '../../kit/http-session.js';
import { TEST_IDENTITY_CIPHER } from '../support/identity-cipher.js';
import { createTestKnex } from '../support/postgres.js';
import { camundaClientFor } from '../support/service.js';

/** Nothing listens on the discard port: the official client's every call fails as against an unreachable cluster. */
const UNREACHABLE_ENGINE = 'http://127.0.0.1:9';

/** What a 503 for an engine that cannot be read now looks like: problem+json, Finnish, and when to ask again. */
function expectEngineUnavailable(response: Answer): void {
  expect(response.status, JSON.stringify(response.body)).to.equal(503);
  expect(response.headers.get('content-type')).to.match(/^application\/problem\+json/);
  expect(Number(response.headers.get('retry-after'))).to.be.greaterThan(0);
  expect(response.body).to.deep.include({ title: 'Service Unavailable', status: 503 });
  expect(response.body.detail).to.match(/^Prosessimoottoria ei juuri nyt tavoiteta/);
}

describe('app API when the engine cannot be reached', () => {
  let knex: Knex;
  let server: Server;
  /** The lead of turku-keskusta: opens cases and reads the team's. */
  let teamLead: HttpSession;
  const caseId = '0b6f3c6e-4f0e-4d0b-9d3c-2f7e9a1b2c3d';

  before(async () => {
    knex = await createTestKnex('api_engine_failures');
    await migrateAppDatabase(knex);
    const app = express();
    app.use(
      '/api',
      createApiRouter({
        knex,
        camunda: camundaClientFor(UNREACHABLE_ENGINE),
        logger: pino({ level: 'silent' }),
        identityCipher: TEST_IDENTITY_CIPHER,
      }),
    );
    server = await new Promise<Server>((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    teamLead = new HttpSession(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    await teamLead.signIn('minna.toivonen');
    // a case of the team lead's team, linked to a process instance, routed and in its first stage
    await openCase(knex, {
      caseId,
      municipalityCode: '853',
      openedAt: new Date(),
      register: 'SOCIAL',
      processInstanceKey: '2251799813685249',
    });
    await recordRouting(knex, {
      caseId,
      teamId: 'turku-keskusta',
      regionId: 'turun-seutu',
      at: new Date(),
      manual: false,
      jobKey: 'route-1',
    });
  });

  after(async () => {
    await new Promise((resolve) => server.close(resolve));
    await knex.destroy();
  });

  it('should answer 502 naming the recorded case when the pathway cannot be started, as a retry would open it twice', async () => {
    // when
    const response = await teamLead.call('POST', '/api/cases', {
      municipality: 'Turku',
      referral: { source: 'x', reason: 'y' },
      identity: { name: 'Testi Asiakas', henkilotunnus: '131052-308T' },
    });

    // then
    expect(response.status).to.equal(502);
    expect(response.headers.get('content-type')).to.match(/^application\/problem\+json/);
    expect((response.body as { detail: string }).detail).to.match(
      /^The case was recorded as [0-9a-f-]{36}, but its pathway did not start: the engine answered /,
    );
  });

  it('should answer the case from the read model, saying the engine cannot be read', async () => {
    // when
    const response = await teamLead.call('GET', `/api/cases/${caseId}`);

    // then
    expect(response.status, JSON.stringify(response.body)).to.equal(200);
    expect(response.body).to.deep.include({ caseId, processInstanceKey: '2251799813685249', openTasks: [] });
    expect(response.body.team).to.deep.equal({ id: 'turku-keskusta', name: 'Turku keskusta' });
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
