import knexFactory, { type Knex } from 'knex';
import pg from 'pg';
import { keepUseLogAppendOnly } from '../store/use-log-privileges.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded-postgres.js';

/** An open connection pool, and the embedded server behind it when there is one. */
export interface Database {
  knex: Knex;
  url: string;
  /** The embedded server, when there is one (its superuser's address among its details). */
  embedded?: EmbeddedDatabase;
  /**
   * Makes the use log append-only for the app's role, on the embedded server: the app's migration
   * creates the table as that role, so this runs after the migrations. An external DATABASE_URL's
   * roles are its operator's (README, "External PostgreSQL").
   */
  protectUseLog(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** External PostgreSQL; when absent an embedded server starts with its data under dataDir. */
  url?: string;
  dataDir: string;
  persistent?: boolean;
  poolSize?: number;
  onLog?: (line: string) => void;
}

/** Connects to PostgreSQL, starting the embedded server first when no URL is configured. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  let embedded: EmbeddedDatabase | undefined;
  let url = options.url;
  if (!url) {
    embedded = await startEmbeddedPostgres({ dataDir: options.dataDir, persistent: options.persistent ?? true, onLog: options.onLog });
    url = embedded.url;
  }
  const knex = knexFactory({
    client: 'pg',
    connection: url,
    pool: { min: 1, max: options.poolSize ?? 10 },
  });
  return {
    knex,
    url,
    embedded,
    async protectUseLog() {
      if (!embedded) return;
      const superuser = new pg.Client(embedded.superuserUrl);
      await superuser.connect();
      try {
        await keepUseLogAppendOnly(superuser, embedded.appRole);
      } finally {
        await superuser.end();
      }
    },
    async close() {
      await knex.destroy();
      await embedded?.stop();
    },
  };
}
