import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino, type Logger } from 'pino';
import type { Config } from './config.js';
import { openDatabase, type Database } from './db/database.js';
import { startEmbeddedEngine, type EmbeddedEngineHandle } from './engine/index.js';

/** The running service: its address, its parts, and how to stop it. */
export interface Service {
  /** Base URL of the HTTP server, e.g. http://127.0.0.1:8080 */
  url: string;
  /** The REST address Camunda clients use: the cluster's, or this server's when the engine is embedded. */
  camundaRestAddress: string;
  database: Database;
  engine?: EmbeddedEngineHandle;
  logger: Logger;
  close(): Promise<void>;
}

export interface ServiceOptions {
  /** Delete the embedded database's files on close (tests). */
  ephemeralDatabase?: boolean;
  logger?: Logger;
}

/** Composition root: configuration → database → engine (embedded unless a cluster is configured) → HTTP. */
export async function startService(config: Config, options: ServiceOptions = {}): Promise<Service> {
  const logger = options.logger ?? pino({ level: config.LOG_LEVEL });
  const database = await openDatabase({
    url: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    persistent: !options.ephemeralDatabase,
    onLog: (line) => logger.debug({ postgres: line }),
  });
  const app = express();
  app.disable('x-powered-by');
  let engine: EmbeddedEngineHandle | undefined;
  if (!config.CAMUNDA_REST_ADDRESS) {
    engine = await startEmbeddedEngine({
      knex: database.knex,
      databaseUrl: database.url,
      clockControl: config.ENGINE_CLOCK_CONTROL,
      onError: (error, context) => logger.error({ err: error, context }, 'engine error'),
    });
    app.use('/v2', engine.router);
  }
  const server = await listen(app, config.PORT, config.HOST);
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  logger.info({ url, engine: engine ? 'embedded' : config.CAMUNDA_REST_ADDRESS }, 'Sote-työpari started');
  return {
    url,
    camundaRestAddress: config.CAMUNDA_REST_ADDRESS ?? url,
    database,
    engine,
    logger,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await engine?.stop();
      await database.close();
    },
  };
}

function listen(app: express.Express, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, () => resolve(server));
    server.once('error', reject);
  });
}
