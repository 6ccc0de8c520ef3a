import type { Router } from 'express';
import type { Knex } from 'knex';
import { createExternalTaskRouter } from './api/external-task/router.js';
import { createV2Router, type RestDialect } from './api/router.js';
import { EmbeddedEngine } from './engine.js';
import { migrateEngineSchema } from './store/migrate.js';

/** A started embedded engine and the routers that serve it: /v2, and Camunda 7's external tasks at /engine-rest. */
export interface EmbeddedEngineHandle {
  engine: EmbeddedEngine;
  router: Router;
  externalTaskRouter: Router;
  stop(): Promise<void>;
}

export interface StartEngineOptions {
  knex: Knex;
  databaseUrl: string;
  clockControl: boolean;
  restDialect?: RestDialect;
  /** New rows stay out of search this long, and timers made due by a clock change fire after it answers, as on a cluster. */
  searchLagMs?: number;
  /** The user /v2's basic auth lets in (GET /v2/authentication/me); none without credentials. */
  principal?: string;
  onError?: (error: unknown, context: string) => void;
}

/** Migrates the engine schema, starts the engine and builds its Camunda 8.9 /v2 router. */
export async function startEmbeddedEngine(options: StartEngineOptions): Promise<EmbeddedEngineHandle> {
  await migrateEngineSchema(options.knex);
  const searchLagMs = options.searchLagMs ?? 0;
  const engine = new EmbeddedEngine({
    databaseUrl: options.databaseUrl,
    clockControl: options.clockControl,
    timersAfterClockChangeMs: searchLagMs,
    onError: options.onError,
  });
  await engine.start();
  const router = createV2Router({
    commands: engine,
    knex: options.knex,
    clockControl: options.clockControl,
    restDialect: options.restDialect,
    searchLagMs,
    principal: options.principal,
    onError: (error) => options.onError?.(error, 'request'),
  });
  const externalTaskRouter = createExternalTaskRouter({
    commands: engine,
    knex: options.knex,
    now: () => engine.clock.now(),
    onError: (error) => options.onError?.(error, 'request'),
  });
  return { engine, router, externalTaskRouter, stop: () => engine.stop() };
}
