import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino, type Logger } from 'pino';
import { createApiRouter } from './api/router.js';
import type { Config } from './config.js';
import { openDatabase, type Database } from './db/database.js';
import { deployResources, describeDeployment } from './deploy/deploy-resources.js';
import { startEmbeddedEngine, type EmbeddedEngineHandle } from './engine/index.js';
import { CLUSTER_GRACE_MS, EMBEDDED_GRACE_MS, startIntakeReconciler, type IntakeReconciler } from './intake/reconciler.js';
import { externalTaskTargetOf } from './jobs/external-task-runtime.js';
import { startPathwayWorkers } from './jobs/pathway-workers.js';
import type { WorkerRuntime } from './jobs/runtime.js';
import { ownCamundaClient } from './camunda-client.js';
import { refuseCrossOrigin } from './http/cross-origin-guard.js';
import { oidcLoginOf, oidcOptionsOf } from './security/auth-config.js';
import { ensurePrivateDataDir } from './security/private-files.js';
import { engineBasicAuth } from './http/engine-basic-auth.js';
import { embeddedEngineCredentials } from './security/engine-credentials.js';
import { ENGINE_CLIENT_ROLE, engineUseLog } from './http/engine-use-log.js';
import { engineCallLogOf } from './store/engine-call-log.js';
import { createIdentityCipher, type IdentityCipher } from './security/identity-cipher.js';
import { loadIdentityKey } from './security/identity-key.js';
import { isLoopbackHost } from './security/loopback-host.js';
import { securityHeaders } from './http/security-headers.js';
import { urlHygiene } from './http/url-hygiene.js';
import { sealPlaintextIdentities } from './store/identity-repository.js';
import { migrateAppDatabase } from './store/migrate.js';
import { createWebRouter } from './web-server/web-router.js';

/** The embedded engine's APIs: Camunda 8's /v2 and Camunda 7's external tasks, behind the same guards. */
const ENGINE_PATHS = ['/v2', '/engine-rest'];

/** The running service: its address, its parts, and how to stop it. */
export interface Service {
  /** Base URL of the HTTP server, e.g. http://127.0.0.1:8080 */
  url: string;
  /** The REST address Camunda clients use: the cluster's, or this server's when the engine is embedded. */
  camundaRestAddress: string;
  database: Database;
  engine?: EmbeddedEngineHandle;
  /** The job workers, when they run in this process (WORKERS=in-process). */
  workers?: WorkerRuntime;
  /** Seals and opens client identities with the configured key. */
  identityCipher: IdentityCipher;
  /** Gives cases the intake left without a process instance their pathway (src/intake/). */
  intakeReconciler: IntakeReconciler;
  logger: Logger;
  close(): Promise<void>;
}

export interface ServiceOptions {
  /** Delete the embedded database's files on close (tests). */
  ephemeralDatabase?: boolean;
  logger?: Logger;
}

/**
 * Composition root: configuration → database (read model migrated, organisation seed loaded) →
 * engine (embedded unless a cluster is configured) → HTTP (/v2 for the embedded engine, /api for
 * the app) → the diagrams and forms deployed to the embedded engine → job workers.
 */
export async function startService(config: Config, options: ServiceOptions = {}): Promise<Service> {
  const logger = options.logger ?? pino({ level: config.LOG_LEVEL });
  const oidc = oidcOptionsOf(config);
  const oidcLogin = oidcLoginOf(config);
  ensurePrivateDataDir(config.DATA_DIR);
  const engineCredentials = embeddedEngineCredentials(config, logger);
  const database = await openDatabase({
    url: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    persistent: !options.ephemeralDatabase,
    onLog: (line) => logger.debug({ postgres: line }),
  });
  if (database.embedded) {
    const { url, clusterDir, credentialsFile } = database.embedded;
    logger.info(
      { address: `127.0.0.1:${new URL(url).port}`, cluster: clusterDir, credentials: credentialsFile },
      'embedded PostgreSQL started; psql with the passwords in the credentials file',
    );
  }
  let engine: EmbeddedEngineHandle | undefined;
  let server: Server | undefined;
  let workers: WorkerRuntime | undefined;
  let intakeReconciler: IntakeReconciler | undefined;
  const close = async () => {
    await intakeReconciler?.stop();
    // Workers first: they finish the jobs in hand while the engine and database still answer.
    await workers?.stop();
    if (server) {
      const listening = server;
      listening.closeAllConnections();
      await new Promise<void>((resolve) => listening.close(() => resolve()));
    }
    await engine?.stop();
    await database.close();
  };
  try {
    await migrateAppDatabase(database.knex);
    await database.protectUseLog();
    const identityCipher = createIdentityCipher(loadIdentityKey({ identityKey: config.IDENTITY_KEY, dataDir: config.DATA_DIR, logger }));
    const sealed = await sealPlaintextIdentities(database.knex, identityCipher);
    if (sealed > 0) logger.info({ sealed }, 'identities stored in plaintext sealed');
    const app = express();
    app.disable('x-powered-by');
    app.set('trust proxy', config.TRUST_PROXY);
    app.use(securityHeaders());
    app.use(urlHygiene());
    if (!config.CAMUNDA_REST_ADDRESS) {
      engine = await startEmbeddedEngine({
        knex: database.knex,
        databaseUrl: database.url,
        clockControl: config.ENGINE_CLOCK_CONTROL,
        restDialect: config.ENGINE_REST_DIALECT,
        searchLagMs: config.ENGINE_SEARCH_LAG_MS,
        principal: engineCredentials?.username,
        onError: (error, context) => logger.error({ err: error, context }, 'engine error'),
      });
      const embedded = engine.engine;
      // Before the credentials: a page of another site is refused whatever its browser holds.
      app.use(ENGINE_PATHS, refuseCrossOrigin());
      if (engineCredentials) app.use(ENGINE_PATHS, engineBasicAuth(engineCredentials));
      // Only the engine's one basic auth user gets this far; without credentials (NONE, loopback) nobody is named.
      app.use(
        ENGINE_PATHS,
        engineUseLog({
          log: engineCallLogOf((companion, row) => embedded.appendToCommit(companion, row)),
          logger,
          actor: { id: engineCredentials?.username ?? 'anonymous', role: ENGINE_CLIENT_ROLE },
        }),
      );
      app.use('/v2', engine.router);
      app.use('/engine-rest', engine.externalTaskRouter);
    }
    server = await listen(app, config.PORT, config.HOST);
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const camunda = ownCamundaClient(config, url, engineCredentials);
    app.use(
      '/api',
      createApiRouter({
        knex: database.knex,
        camunda,
        logger,
        identityCipher,
        oidc,
        oidcLogin,
        signInLimit: {
          maxFailuresPerAccount: config.SIGN_IN_MAX_FAILURES,
          maxFailuresPerAddress: config.SIGN_IN_MAX_FAILURES_PER_ADDRESS,
          windowMs: config.SIGN_IN_WINDOW_MS,
        },
        sessions: { idleMs: config.SESSION_IDLE_MINUTES * 60_000, cookie: { alwaysSecure: !isLoopbackHost(config.HOST) } },
      }),
    );
    app.use(createWebRouter());
    if (engine) {
      // A cluster gets its diagrams from `npm run deploy`; the embedded engine at every start.
      const deployed = await deployResources(camunda);
      if (deployed)
        logger.info({ deploymentKey: deployed.deploymentKey, resources: describeDeployment(deployed) }, 'process-application/ deployed');
    }
    if (config.WORKERS === 'in-process') {
      workers = startPathwayWorkers(camunda, database.knex, {
        concurrency: config.WORKER_CONCURRENCY,
        jobTimeoutMs: config.WORKER_JOB_TIMEOUT_MS,
        reconnectMaxMs: config.WORKER_RECONNECT_MAX_MS,
        logger,
        externalTask: externalTaskTargetOf(
          config,
          config.CAMUNDA_REST_ADDRESS ?? url,
          config.CAMUNDA_REST_ADDRESS ? undefined : engineCredentials,
        ),
      });
    }
    // Every app process runs one; the cases' start locks keep two from starting the same pathway.
    intakeReconciler = startIntakeReconciler(
      { knex: database.knex, camunda, logger },
      {
        graceMs: config.INTAKE_RECONCILE_GRACE_MS ?? (engine ? EMBEDDED_GRACE_MS : CLUSTER_GRACE_MS),
        intervalMs: config.INTAKE_RECONCILE_INTERVAL_MS,
      },
    );
    logger.info({ url, engine: engine ? 'embedded' : config.CAMUNDA_REST_ADDRESS, workers: config.WORKERS }, 'Sote-työpari started');
    return {
      url,
      camundaRestAddress: config.CAMUNDA_REST_ADDRESS ?? url,
      database,
      engine,
      workers,
      identityCipher,
      intakeReconciler,
      logger,
      close,
    };
  } catch (error) {
    // A start that fails half-way (a diagram the engine rejects, say) leaves nothing running.
    await close().catch((closeError: unknown) => logger.error({ err: closeError }, 'closing after a failed start failed'));
    throw error;
  }
}

function listen(app: express.Express, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, () => resolve(server));
    server.once('error', reject);
  });
}
