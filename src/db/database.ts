import knexFactory, { type Knex } from 'knex';
import { join } from 'node:path';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded-postgres.js';

/** An open connection pool, and the embedded server behind it when there is one. */
export interface Database {
  knex: Knex;
  url: string;
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
    embedded = await startEmbeddedPostgres({
      dataDir: join(options.dataDir, 'postgres'),
      persistent: options.persistent ?? true,
      onLog: options.onLog,
    });
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
    async close() {
      await knex.destroy();
      await embedded?.stop();
    },
  };
}
