/**
 * The embedded engine alone, for the engine's behaviour tests: its /v2 router mounted in an express
 * app on a free port, over a fresh database, with clock control and an official client — none of
 * the app (no /api, no workers, no sessions), so an engine test starts in a fraction of the
 * service's time and fails for the engine's reasons only. test/engine-api/harness.ts goes one step
 * further for the router's own tests, with a recording stand-in for the engine.
 */
import express from 'express';
import type { Knex } from 'knex';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startEmbeddedEngine } from '../../src/engine/index.js';
import { camundaClientFor, type CamundaClient } from '../../kit/camunda-client.js';
import { createTestDatabase, createTestKnexOn } from './postgres.js';

/** A running engine: where it answers, its database, and a strict client pointed at it. */
export interface TestEngine {
  url: string;
  knex: Knex;
  client: CamundaClient;
  close(): Promise<void>;
}

/**
 * Starts the engine on a fresh database. Engine errors (500s, failed timer passes) go to stderr:
 * in a test of the engine an engine error is a finding, never noise.
 */
export async function startTestEngine(): Promise<TestEngine> {
  const databaseUrl = await createTestDatabase('engine');
  const knex = createTestKnexOn(databaseUrl);
  const engine = await startEmbeddedEngine({
    knex,
    databaseUrl,
    clockControl: true,
    onError: (error, context) => console.error(`engine error (${context}):`, error),
  });
  const app = express();
  app.use('/v2', engine.router);
  app.use('/engine-rest', engine.externalTaskRouter);
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    knex,
    client: camundaClientFor(url),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await engine.stop();
      await knex.destroy();
    },
  };
}

/**
 * A test engine for the tests of one `describe`, as mocha hooks: started before them, closed after
 * them. Answers an accessor whose fields are the running engine's.
 */
export function useTestEngine(): TestEngine {
  let running: TestEngine | undefined;
  const current = (): TestEngine => {
    if (!running) throw new Error("the test engine starts in the suite's before hook");
    return running;
  };
  before(async () => {
    running = await startTestEngine();
  });
  after(async () => {
    await running?.close();
    running = undefined;
  });
  return {
    get url() {
      return current().url;
    },
    get knex() {
      return current().knex;
    },
    get client() {
      return current().client;
    },
    close: () => current().close(),
  };
}
