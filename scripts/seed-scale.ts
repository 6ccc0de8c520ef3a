import knexFactory from 'knex';
import { parseArgs } from 'node:util';
import { isScratchDatabase, seedScaleData } from '../kit/scale-seed.js';

/**
 * `npm run seed:scale -- --cases 100000 [--database-url URL] [--not-scratch-ok]`: fills a migrated
 * database with county-scale generated cases (kit/scale-seed.ts). Refuses a database whose name
 * does not say scratch or bench, so a real one is not filled with made-up cases by a slip.
 */
const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '100000' },
    'database-url': { type: 'string' },
    'not-scratch-ok': { type: 'boolean', default: false },
  },
});
const cases = Number(values.cases);
if (!Number.isInteger(cases) || cases < 1) throw new Error(`--cases must be a whole number of cases above 0, not '${values.cases}'`);
const databaseUrl = values['database-url'] ?? process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('Give --database-url or DATABASE_URL');
if (!isScratchDatabase(databaseUrl) && !values['not-scratch-ok']) {
  console.error(
    `Refusing to seed ${new URL(databaseUrl).pathname.slice(1)}: its name says neither scratch nor bench (--not-scratch-ok to insist)`,
  );
  process.exit(2);
}
const knex = knexFactory({ client: 'pg', connection: databaseUrl });
try {
  await seedScaleData(knex, { cases, onBatch: (done) => process.stderr.write(`\rseeded ${done} cases`) });
  process.stderr.write('\n');
} finally {
  await knex.destroy();
}
