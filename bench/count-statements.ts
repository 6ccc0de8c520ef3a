import { writeFileSync } from 'node:fs';
import pg from 'pg';

/**
 * Loaded into the service by `npm run bench:engine` (`node --import`): counts the statements the
 * process sends to PostgreSQL, all of them (knex goes through the same pg client) and the
 * engine's (those naming its schema, but the use log's insert alone), and on SIGUSR2 writes both so far to BENCH_STATEMENTS_FILE
 * as JSON. Nothing of it is part of the service.
 */
const file = process.env.BENCH_STATEMENTS_FILE;
if (!file) throw new Error('BENCH_STATEMENTS_FILE names where the statement count is written');

const ENGINE_TABLES = /\bengine\./;
/**
 * The /v2 use log reads the engine's tables to find a call's cases, but a statement that writes
 * only its rows is the app's; one that carries them with the engine's rows is the engine's commit.
 */
const USE_LOG = /\bINSERT INTO audit_log\b/;
const ENGINE_WRITE = /\bINSERT INTO engine\./;
const counts = { all: 0, engine: 0 };
const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  const [first] = args;
  const text = typeof first === 'string' ? first : ((first as { text?: unknown } | undefined)?.text ?? '');
  counts.all += 1;
  if (typeof text === 'string' && ENGINE_TABLES.test(text) && (!USE_LOG.test(text) || ENGINE_WRITE.test(text))) counts.engine += 1;
  return query.apply(this, args);
} as typeof pg.Client.prototype.query;

process.on('SIGUSR2', () => writeFileSync(file, JSON.stringify(counts)));
