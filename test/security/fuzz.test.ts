import { expect } from 'chai';
import { HttpSession } from '../auth/http-session.js';
import { startTestService, type TestService } from '../support/service.js';
import { malformedRequests, seededRandom, type FuzzRequest } from './fuzz-requests.js';
import { turkuCase } from './signed-in-case-world.js';

const REQUESTS = 6000;
const CONCURRENCY = 16;
const SEED = 20261127;

describe('fuzz: malformed requests across /api and /v2', function () {
  this.timeout(120_000);
  let t: TestService;
  const identities: Array<Record<string, string>> = [{}];

  /** Rows of every table of the read model and the engine. */
  async function rowCounts(): Promise<Record<string, number>> {
    const knex = t.service.database.knex;
    const tables = await knex('information_schema.tables')
      .whereIn('table_schema', ['public', 'engine'])
      .where({ table_type: 'BASE TABLE' })
      .select<Array<{ table_schema: string; table_name: string }>>('table_schema', 'table_name');
    const counts: Record<string, number> = {};
    for (const { table_schema: schema, table_name: table } of tables) {
      const [{ count }] = await knex(`${schema}.${table}`).count<{ count: string }[]>('* as count');
      counts[`${schema}.${table}`] = Number(count);
    }
    return counts;
  }

  before(async () => {
    t = await startTestService({ ENGINE_CLOCK_CONTROL: 'false' });
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
    const requests = malformedRequests(seededRandom(SEED), identities);
    const statuses = new Map<number, number>();
    const serverErrors: Array<FuzzRequest & { status: number; answer: string }> = [];
    let sent = 0;

    // when
    const send = async () => {
      while (sent < REQUESTS) {
        sent++;
        const request = requests.next().value as FuzzRequest;
        const response = await fetch(`${t.service.url}${request.path}`, { method: request.method, headers: request.headers, body: request.body });
        const answer = await response.text();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (response.status >= 500) serverErrors.push({ ...request, body: request.body?.slice(0, 200), status: response.status, answer });
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, send));

    // then
    console.log(`      fuzz: ${sent} requests, statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}`);
    const causes = summarise(serverErrors);
    expect(Object.keys(causes), `${serverErrors.length} answers were 5xx: ${JSON.stringify(causes, null, 1)}`).to.deep.equal([]);
    expect(sent).to.be.at.least(5000);
    expect(await rowCounts()).to.deep.equal(before);
  });
});

/** The 5xx answers counted per request line (query cut) and problem detail, so each cause shows once. */
function summarise(errors: ReadonlyArray<{ method: string; path: string; answer: string; headers: Record<string, string> }>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const e of errors) {
    const detail = e.answer.match(/"detail":"([^"]*)"/)?.[1] ?? e.answer.slice(0, 200);
    const key = `${e.method} ${e.path.split('?')[0]} (cookie ${e.headers.cookie?.slice(0, 20) ?? 'none'}) → ${detail}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}
