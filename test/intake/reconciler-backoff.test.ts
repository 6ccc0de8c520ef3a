import { expect } from 'chai';
import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { PATHWAY_REGISTER } from '../../src/domain/registers.js';
import type { RetryBackoff } from '../../src/domain/retry-backoff.js';
import { reconcileIntake } from '../../src/intake/reconcile-pass.js';
import { getCase, openCase } from '../../src/store/case-repository.js';
import { HttpSession } from '../../kit/http-session.js';
import { camundaClientFor, startTestService, type TestService } from '../support/service.js';

/** Nothing listens on the discard port: every pass with this client fails as against an unreachable cluster. */
const UNREACHABLE_ENGINE = 'http://127.0.0.1:9';

/** Short enough to read, long enough that no test outruns it: the tests wind the clock of a case back themselves. */
const BACKOFF: RetryBackoff = { firstMs: 60_000, maxMs: 10 * 60_000, stallAfter: 3 };

interface StalledItem {
  caseId: string;
  municipality: { code: string; name: string | null };
  teamId: string | null;
  failedAttempts: number;
  stalledAt: string;
  nextAttemptAt: string | null;
  lastError: string | null;
}

/**
 * A case the reconciler fails on waits longer after each failure, is shown to its team lead as
 * stalled after too many, and is forgotten as soon as its pathway starts; each change is logged
 * once, not every pass.
 */
describe('intake reconciler back-off', () => {
  let t: TestService;
  let knex: Knex;
  /** Every log line of the failing passes, as pino writes them. */
  let logLines: Array<{ level: number; msg: string; caseId?: string }>;
  let failingPass: () => ReturnType<typeof reconcileIntake>;
  const workingPass = () =>
    reconcileIntake({ knex, camunda: t.client, logger: pino({ level: 'silent' }) }, { graceMs: 0, backoff: BACKOFF });

  before(async () => {
    t = await startTestService({ INTAKE_RECONCILE_INTERVAL_MS: '86400000' });
    knex = t.service.database.knex;
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(
          ...chunk
            .toString()
            .trim()
            .split('\n')
            .map((line) => JSON.parse(line) as { level: number; msg: string; caseId?: string }),
        );
        done();
      },
    });
    const logger = pino({ level: 'debug' }, sink);
    const unreachable = camundaClientFor(UNREACHABLE_ENGINE);
    failingPass = () => reconcileIntake({ knex, camunda: unreachable, logger }, { graceMs: 0, backoff: BACKOFF });
  });

  beforeEach(() => {
    logLines = [];
  });

  after(async () => {
    await t.close();
  });

  /** A Turku case (turku-keskusta's by default) left without its pathway ten minutes ago. */
  async function strandedCase(): Promise<string> {
    const caseId = randomUUID();
    await openCase(knex, { caseId, municipalityCode: '853', openedAt: new Date(), register: PATHWAY_REGISTER });
    await knex('cases')
      .where({ case_id: caseId })
      .update({ pathway_requested_at: knex.raw("now() - interval '10 minutes'") });
    return caseId;
  }

  /** The case's back-off as recorded: failed attempts, and seconds from now to the next try. */
  async function backoffOf(caseId: string): Promise<{ attempts: number; waitSeconds: number | null; stalled: boolean }> {
    const row = (await knex('cases')
      .where({ case_id: caseId })
      .first(
        'pathway_attempts',
        knex.raw('extract(epoch from pathway_retry_at - now())::float as wait_seconds'),
        knex.raw('pathway_stalled_at is not null as stalled'),
      )) as { pathway_attempts: number; wait_seconds: number | null; stalled: boolean };
    return { attempts: row.pathway_attempts, waitSeconds: row.wait_seconds, stalled: row.stalled };
  }

  /** Ends the case's back-off, as if its wait had passed. */
  const waitOut = (caseId: string) =>
    knex('cases')
      .where({ case_id: caseId })
      .update({ pathway_retry_at: knex.raw("now() - interval '1 second'") });

  const stalledIntakesOf = async (username: string) => {
    const session = new HttpSession(t.service.url);
    await session.signIn(username);
    return session.call<{ items: StalledItem[] }>('GET', '/api/dashboard/stalled-intakes');
  };

  it('should leave a case that failed alone until its back-off is over, then start it and forget the failure', async () => {
    // given a case a pass failed on
    const caseId = await strandedCase();
    expect((await failingPass()).failed).to.include(caseId);
    const after = await backoffOf(caseId);
    expect(after.attempts).to.equal(1);
    expect(after.waitSeconds).to.be.within(50, 60);

    // when the engine answers again, before the back-off is over
    const soon = await workingPass();

    // then the case is not tried
    expect([...soon.started, ...soon.attached].map((link) => link.caseId)).to.not.include(caseId);
    expect((await getCase(knex, caseId))?.processInstanceKey).to.equal(null);

    // and once it is over, the case gets its pathway and its failures are forgotten
    await waitOut(caseId);
    const later = await workingPass();
    expect(later.started.map((link) => link.caseId)).to.include(caseId);
    expect(await backoffOf(caseId)).to.deep.equal({ attempts: 0, waitSeconds: null, stalled: false });
  });

  it('should double the wait after each failure, up to the cap, and stall the case after too many', async () => {
    // given a stranded case
    const caseId = await strandedCase();

    // when passes fail on it again and again
    const waits: number[] = [];
    const stalledOn: number[] = [];
    for (let pass = 1; pass <= 5; pass++) {
      const report = await failingPass();
      expect(report.failed, `pass ${pass}`).to.include(caseId);
      if (report.stalled.includes(caseId)) stalledOn.push(pass);
      waits.push(Math.round(((await backoffOf(caseId)).waitSeconds ?? 0) / 60));
      await waitOut(caseId);
    }

    // then it waits 1, 2, 4, 8 and then at most 10 minutes, and stalls on the third failure, once
    expect(waits).to.deep.equal([1, 2, 4, 8, 10]);
    expect(stalledOn).to.deep.equal([3]);
    expect(await backoffOf(caseId)).to.include({ attempts: 5, stalled: true });

    // and the log says so once per change: the first failure, the stall; the failures between are debug lines
    const loud = logLines.filter((line) => line.caseId === caseId && line.level >= 40).map((line) => line.msg);
    expect(loud).to.have.length(2);
    expect(loud[0]).to.match(/reconciling failed, retried with back-off/);
    expect(loud[1]).to.match(/stalled/);
  });

  it('should show a stalled case to its team lead only, and no more once it has its pathway', async () => {
    // given a case stalled by failing passes
    const caseId = await strandedCase();
    for (let pass = 1; pass <= BACKOFF.stallAfter; pass++) {
      await failingPass();
      await waitOut(caseId);
    }

    // when its team lead, another team's lead, its region's manager and a caseworker ask
    const lead = await stalledIntakesOf('minna.toivonen');
    const otherLead = await stalledIntakesOf('anu.makinen');
    const manager = await stalledIntakesOf('anne.lehtonen');
    const caseworker = await stalledIntakesOf('aino.virtanen');

    // then the lead of turku-keskusta, where Turku's cases go, sees it with its attempts and the engine's last answer
    expect(lead.status).to.equal(200);
    const item = lead.body.items.find((i) => i.caseId === caseId);
    expect(item).to.deep.include({ municipality: { code: '853', name: 'Turku' }, teamId: 'turku-keskusta', failedAttempts: 3 });
    expect(item?.lastError).to.match(/could not be looked up/);
    expect(Date.parse(item?.nextAttemptAt ?? '')).to.be.a('number');
    expect(otherLead.body.items.map((i) => i.caseId)).to.not.include(caseId);
    expect(manager.body.items.map((i) => i.caseId)).to.include(caseId);
    expect(caseworker.status).to.equal(403);

    // and when a pass settles it, it is no longer there
    const settled = await workingPass();
    expect(settled.started.map((link) => link.caseId)).to.include(caseId);
    expect((await stalledIntakesOf('minna.toivonen')).body.items.map((i) => i.caseId)).to.not.include(caseId);
  });
});
