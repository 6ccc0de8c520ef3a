import { expect } from 'chai';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ENGINE_CREDENTIALS_FILE, parseCredentialsFile } from '../../src/security/engine-credentials.js';
import { HttpSession } from '../../kit/http-session.js';
import { startTestService, type TestService } from '../support/service.js';
import { seededRandom, seedFromEnvironment } from '../../kit/seeded-random.js';
import { malformedRequests, type FuzzRequest } from './fuzz-requests.js';
import { turkuCase } from './signed-in-case-world.js';

const REQUESTS = 6000;
const CONCURRENCY = 16;
/** A new stream each run, printed so `FUZZ_SEED=<seed>` sends a failing run's requests again. */
const FUZZ_SEED = seedFromEnvironment('FUZZ_SEED');

describe('fuzz: malformed requests across /api and /v2, with and without the engine credentials', function () {
  this.timeout(120_000);
  let t: TestService;
  const identities: Array<Record<string, string>> = [{}];

  /** Rows of every table of the read model and the engine, but the failed sign-ins the fuzz is meant to leave. */
  async function rowCounts(): Promise<Record<string, number>> {
    const knex = t.service.database.knex;
    const tables = await knex('information_schema.tables')
      .whereIn('table_schema', ['public', 'engine'])
      .where({ table_type: 'BASE TABLE' })
      .whereNot({ table_schema: 'public', table_name: 'sign_in_failures' })
      .select<Array<{ table_schema: string; table_name: string }>>('table_schema', 'table_name');
    const counts: Record<string, number> = {};
    for (const { table_schema: schema, table_name: table } of tables) {
      const [{ count }] = await knex(`${schema}.${table}`).count<{ count: string }[]>('* as count');
      counts[`${schema}.${table}`] = Number(count);
    }
    return counts;
  }

  let engineAuthorization = '';

  before(async () => {
    mkdirSync(resolve('.tmp'), { recursive: true });
    const dataDir = mkdtempSync(join(resolve('.tmp'), 'fuzz-data-'));
    // The default a fresh `npm start` runs with: /v2 behind credentials generated into DATA_DIR.
    t = await startTestService({ ENGINE_CLOCK_CONTROL: 'false', CAMUNDA_AUTH_STRATEGY: '', DATA_DIR: dataDir });
    const { username, password } = parseCredentialsFile(join(dataDir, ENGINE_CREDENTIALS_FILE));
    engineAuthorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
    await turkuCase(t, { henkilotunnus: '131052-308T', consent: true, onGroupAgenda: true });
    for (const username of ['minna.toivonen', 'aino.virtanen', 'outi.kallio', 'anne.lehtonen']) {
      const session = new HttpSession(t.service.url);
      await session.signIn(username);
      identities.push({ cookie: session.cookie ?? '', 'x-csrf-token': session.csrfToken ?? '' });
    }
  });

  after(async () => {
    await t?.close();
  });

  it(`should answer ${REQUESTS} malformed requests without a 5xx and without changing any table`, async () => {
    // given
    const before = await rowCounts();
    console.log(`      FUZZ_SEED=${FUZZ_SEED}`);
    const requests = malformedRequests(seededRandom(FUZZ_SEED), identities, engineAuthorization);
    const statuses = new Map<string, number>();
    const serverErrors: Array<FuzzRequest & { status: number; answer: string }> = [];
    const admittedWithoutCredentials: string[] = [];
    let sent = 0;

    // when
    const send = async () => {
      while (sent < REQUESTS) {
        sent++;
        const request = requests.next().value as FuzzRequest;
        const response = await fetch(`${t.service.url}${request.path}`, {
          method: request.method,
          headers: request.headers,
          body: request.body,
        });
        const answer = await response.text();
        const tally = `${request.engineCredentials ? `/v2 ${request.engineCredentials}` : '/api'} ${response.status}`;
        statuses.set(tally, (statuses.get(tally) ?? 0) + 1);
        // As Spring's firewall does before authentication, a URL that is not valid percent-encoding is refused first.
        const refusedAsMalformedUrl =
          response.status === 400 &&
          /"detail":"The URL (path|query) (is not valid percent-encoding|holds control characters)"/.test(answer);
        if (request.engineCredentials && request.engineCredentials !== 'valid' && response.status !== 401 && !refusedAsMalformedUrl) {
          admittedWithoutCredentials.push(
            `${request.method} ${request.path.slice(0, 80)} (${request.engineCredentials}) → ${response.status}`,
          );
        }
        if (response.status >= 500) serverErrors.push({ ...request, body: request.body?.slice(0, 200), status: response.status, answer });
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, send));

    // then
    console.log(
      `      fuzz: ${sent} requests, statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0].localeCompare(b[0]))))}`,
    );
    const causes = summarise(serverErrors);
    expect(Object.keys(causes), `${serverErrors.length} answers were 5xx: ${JSON.stringify(causes, null, 1)}`).to.deep.equal([]);
    expect(
      admittedWithoutCredentials,
      'every /v2 request without valid credentials is answered 401 (or 400 for a malformed URL)',
    ).to.deep.equal([]);
    const v2Reached = [...statuses]
      .filter(([tally]) => tally.startsWith('/v2 valid') && !tally.endsWith(' 401'))
      .reduce((sum, [, n]) => sum + n, 0);
    expect(v2Reached, '/v2 requests with credentials reach their endpoints').to.be.at.least(1000);
    expect(sent).to.be.at.least(5000);
    expect(await rowCounts()).to.deep.equal(before);
  });
});

/** The 5xx answers counted per request line (query cut) and problem detail, so each cause shows once. */
function summarise(
  errors: ReadonlyArray<{ method: string; path: string; answer: string; headers: Record<string, string> }>,
): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const e of errors) {
    const detail = e.answer.match(/"detail":"([^"]*)"/)?.[1] ?? e.answer.slice(0, 200);
    const key = `${e.method} ${e.path.split('?')[0]} (cookie ${e.headers.cookie?.slice(0, 20) ?? 'none'}) → ${detail}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}
