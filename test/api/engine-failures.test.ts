import { expect } from 'chai';
import express from 'express';
import type { Knex } from 'knex';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { createApiRouter } from '../../src/api/router.js';
import type { CamundaClient } from '../../src/camunda-client.js';
import { openCase } from '../../src/store/case-repository.js';
import { migrateAppDatabase } from '../../src/store/migrate.js';
import { recordRouting } from '../../src/store/routing-repository.js';
import { HttpSession } from '../../kit/http-session.js';
import { TEST_IDENTITY_CIPHER } from '../support/identity-cipher.js';
import { createTestKnex } from '../support/postgres.js';

/** An engine that refuses every call, as an unreachable cluster or an undeployed process does. */
const refusingEngine = {
  createProcessInstance: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:8080')),
  searchProcessInstances: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:8080')),
  searchUserTasks: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:8080')),
} as unknown as CamundaClient;

describe('app API when the engine fails', () => {
  let knex: Knex;
  let server: Server;
  let url: string;
  /** The lead of turku-keskusta: opens cases and reads the team's. */
  let teamLead: HttpSession;

  before(async () => {
    knex = await createTestKnex('api_engine_failures');
    await migrateAppDatabase(knex);
    const app = express();
    app.use(
      '/api',
      createApiRouter({ knex, camunda: refusingEngine, logger: pino({ level: 'silent' }), identityCipher: TEST_IDENTITY_CIPHER }),
    );
    server = await new Promise<Server>((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    teamLead = new HttpSession(url);
    await teamLead.signIn('minna.toivonen');
  });

  after(async () => {
    await new Promise((resolve) => server.close(resolve));
    await knex.destroy();
  });

  it('should answer 502 naming the recorded case when the pathway cannot be started', async () => {
    // when
    const response = await teamLead.call('POST', '/api/cases', {
      municipality: 'Turku',
      referral: { source: 'x', reason: 'y' },
      identity: { name: 'Testi Asiakas', henkilotunnus: '131052-308T' },
    });

    // then
    expect(response.status).to.equal(502);
    expect(response.headers.get('content-type')).to.match(/^application\/problem\+json/);
    const problem = response.body as { detail: string };
    expect(problem.detail).to.match(
      /^The case was recorded as [0-9a-f-]{36}, but its pathway did not start: the engine answered connect ECONNREFUSED/,
    );
  });

  it('should answer 502 when the case’s open tasks cannot be read', async () => {
    // given a case of the team lead's team, linked to a process instance
    const { caseId } = await openCase(knex, {
      caseId: '0b6f3c6e-4f0e-4d0b-9d3c-2f7e9a1b2c3d',
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

    // when
    const response = await teamLead.call('GET', `/api/cases/${caseId}`);

    // then
    expect(response.status).to.equal(502);
    expect((response.body as { detail: string }).detail).to.match(/^The case’s open tasks could not be read/);
  });
});
