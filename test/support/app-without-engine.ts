import express from 'express';
import type { Knex } from 'knex';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { createApiRouter } from '../../src/api/router.js';
import { openCase } from '../../src/store/case-repository.js';
import { migrateAppDatabase } from '../../src/store/migrate.js';
import { recordRouting } from '../../src/store/routing-repository.js';
import { createWebRouter } from '../../src/web-server/web-router.js';
import { TEST_IDENTITY_CIPHER } from './identity-cipher.js';
import { createTestKnex } from './postgres.js';
import { camundaClientFor } from './service.js';

/** Nothing listens on the discard port: the official client's every call fails, as against a cluster that is away. */
const UNREACHABLE_ENGINE = 'http://127.0.0.1:9';

/** The app's API (and with `pages`, its pages) over a migrated database, with an engine that never answers. */
export interface AppWithoutEngine {
  knex: Knex;
  url: string;
  close(): Promise<void>;
}

export async function startAppWithoutEngine(label: string, options: { pages?: boolean } = {}): Promise<AppWithoutEngine> {
  const knex = await createTestKnex(label);
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
  if (options.pages) app.use(createWebRouter());
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  return {
    knex,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await knex.destroy();
    },
  };
}

/** A case of turku-keskusta, linked to a process instance and routed, as its first stage leaves it. */
export async function openRoutedTurkuCase(knex: Knex, caseId: string): Promise<void> {
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
    jobKey: `route-${caseId}`,
  });
}
