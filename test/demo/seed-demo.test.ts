import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { DEMO_PLANS } from '../../scripts/demo/demo-plans.js';
import { eventually } from '../support/eventually.js';
import { startTestService, type TestService } from '../support/service.js';

const run = promisify(execFile);

describe('npm run seed:demo', () => {
  let t: TestService;
  before(async () => {
    t = await startTestService({ WORKERS: 'in-process' });
  });
  after(async () => {
    await t?.close();
  });

  it('opens cases through the API and leaves one at each planned stage', async () => {
    // given one case per plan
    const plans = Object.keys(DEMO_PLANS).length;
    // when
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'scripts/seed-demo.ts'], {
      env: {
        ...process.env,
        SERVICE_URL: t.service.url,
        CAMUNDA_REST_ADDRESS: t.service.url,
        CAMUNDA_AUTH_STRATEGY: 'NONE',
        DEMO_CASES: String(plans),
      },
      timeout: 120_000,
    });
    // then
    expect(stdout).to.include(`Opened ${plans} demo cases`);
    const knex = t.service.database.knex;
    const expected = { closed: 1, TUEN_TARVE: 1, ARVIOINTI: 1, SUUNNITELMA: 1, TYORYHMAKASITTELY: 3, TOTEUTUS: 2 };
    const tally = async () => {
      const rows: { stage: string | null; closed: boolean }[] = await knex('cases as c')
        .leftJoin('stage_history as s', (join) => join.on('s.case_id', 'c.case_id').andOnNull('s.left_at'))
        .select('s.stage', knex.raw('c.closed_at is not null as closed'));
      const found: Record<string, number> = {};
      for (const row of rows) {
        const key = row.closed ? 'closed' : (row.stage ?? 'none');
        found[key] = (found[key] ?? 0) + 1;
      }
      return found;
    };
    const same = (a: Record<string, number>) =>
      Object.keys(a).length === Object.keys(expected).length && Object.entries(expected).every(([k, n]) => a[k] === n);
    // The script returns when its last task is completed; the workers may still be moving that case on.
    await eventually('the workers to settle the stages', async () => (same(await tally()) ? true : undefined)).catch(() => undefined);
    const counts = await tally();
    expect(counts).to.deep.equal(expected);
    expect(await knex('cases').whereNotNull('closed_at').pluck('outcome')).to.deep.equal(['SINGLE_SECTOR_REFERRAL']);
    expect(new Set(await knex('cases').pluck('team_id')).size).to.equal(plans);
  });
});
