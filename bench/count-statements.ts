import { writeFileSync } from 'node:fs';
import pg from 'pg';

/**
 * Loaded into the service by `npm run bench:engine` (`node --import`): counts the statements the
 * process sends to PostgreSQL (engine and app alike: knex goes through the same pg client), and on
 * SIGUSR2 writes the count so far to BENCH_STATEMENTS_FILE. Nothing of it is part of the service.
 */
const file = process.env.BENCH_STATEMENTS_FILE;
if (!file) throw new Error('BENCH_STATEMENTS_FILE names where the statement count is written');

let statements = 0;
const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  statements += 1;
  return query.apply(this, args);
} as typeof pg.Client.prototype.query;

process.on('SIGUSR2', () => writeFileSync(file, String(statements)));
