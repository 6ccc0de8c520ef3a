/**
 * Crash rounds: the whole service (API, embedded engine, in-process workers) SIGKILLed at random
 * moments while 500 pathways run, 10 rounds spread over the run (round r once r/12 of the
 * pathways have closed), and PostgreSQL itself restarted under the running service in one of them. Then every pathway must complete, with no stage, pair, routing, consent
 * or deadline lost or recorded twice.
 *
 *   npx tsx bench/crash-rounds.ts [pathways=500] [rounds=10]
 *
 * Each pathway: intake over POST /api/cases → routing (worker) → screening task (criteria met,
 * consent to share) → pairing (worker; the team lead names the pair by hand when the team is
 * full) → assessment task open → the client withdraws (message) → closing (worker). Caseworkers
 * are simulated over /v2 with the official client, answering each form as form-js would submit
 * it (test/pathway). They keep trying while the service is down, as people would.
 *
 * A script, not a test: it takes minutes. Prints one line per round and a verdict; exits 1 when
 * any pathway is lost or anything is duplicated.
 */
import { UserTaskKey } from '@camunda8/orchestration-cluster-api';
import knexFactory, { type Knex } from 'knex';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../src/db/embedded-postgres.js';
import { HttpSession } from '../kit/http-session.js';
import { answers } from '../kit/pathway/answers.js';
import { submitForm } from '../kit/pathway/form-submission.js';
import { allFlowElements, ext, loadDiagrams } from '../kit/pathway/model.js';
import { ChildService, freePort } from '../kit/child-service.js';
import { camundaClientFor, type CamundaClient } from '../kit/camunda-client.js';
import { eventually } from '../kit/eventually.js';
import { seededRandom, seedFromEnvironment } from '../kit/seeded-random.js';

const PATHWAYS = Number(process.argv[2] ?? 500);
const ROUNDS = Number(process.argv[3] ?? 10);
/** The round in which PostgreSQL is restarted under the running service. */
const POSTGRES_ROUND = Math.ceil(ROUNDS / 2);
const COMPLETION_TIMEOUT_MS = 20 * 60_000;
/** User tasks the simulated caseworkers answer per pass. */
const CASEWORKER_BATCH = 10;
const NO_WAIT = { consistency: { waitUpToMs: 0 } } as const;
const WORK = resolve('.tmp/crash-rounds');

/** The seed of the kill moments: printed at the start, so `CRASH_SEED=<seed>` replays a run's timing choices. */
const CRASH_SEED = seedFromEnvironment('CRASH_SEED');
const random = seededRandom(CRASH_SEED);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const between = (min: number, max: number) => min + random() * (max - min);

/** user task element id → form id, from process-application/bpmn/. */
async function formsOfTasks(): Promise<Map<string, string>> {
  const forms = new Map<string, string>();
  for (const diagram of await loadDiagrams()) {
    for (const task of allFlowElements(diagram.processes[0]).filter((e) => e.$type === 'bpmn:UserTask')) {
      forms.set(task.id as string, ext(task, 'zeebe:FormDefinition')!.formId as string);
    }
  }
  return forms;
}

/** A valid henkilötunnus for client n (born 1.1.1980, serial from n). */
function henkilotunnus(n: number): string {
  const serial = String(2 + (n % 897)).padStart(3, '0');
  const born = String(10180 + Math.floor(n / 897)).padStart(6, '0');
  return `${born}-${serial}${'0123456789ABCDEFHJKLMNPRSTUVWXY'[Number(born + serial) % 31]}`;
}

/** Opens the pathways through the API, spread over the county's municipalities. */
async function openPathways(service: ChildService, knex: Knex): Promise<Map<string, string>> {
  const intake = new HttpSession(service.url);
  await intake.signIn('minna.toivonen');
  const codes = (await knex('municipalities').orderBy('code').pluck('code')) as string[];
  const instanceToCase = new Map<string, string>();
  for (let n = 0; n < PATHWAYS; n++) {
    const { status, body } = await intake.call<{ caseId: string; processInstanceKey: string }>('POST', '/api/cases', {
      municipality: codes[n % codes.length],
      referral: { source: 'Terveysasema', reason: 'Päihteet ja asuminen' },
      identity: { name: 'Testi Asiakas', henkilotunnus: henkilotunnus(n) },
    });
    if (status !== 201) throw new Error(`intake ${n} answered ${status}: ${JSON.stringify(body)}`);
    instanceToCase.set(body.processInstanceKey, body.caseId);
  }
  return instanceToCase;
}

/**
 * The caseworkers: over and over, every open user task of the pathways is answered. Errors (the
 * service is down, a task was completed just before the kill) are shrugged off and tried again.
 */
function simulateCaseworkers(
  client: CamundaClient,
  knex: Knex,
  instanceToCase: Map<string, string>,
  forms: Map<string, string>,
  stop: { done: boolean },
): Promise<void> {
  const act = async (task: { userTaskKey: string; elementId: string; processInstanceKey: string }) => {
    const caseId = instanceToCase.get(task.processInstanceKey);
    if (!caseId) return;
    const complete = (values: Record<string, unknown>) =>
      client.completeUserTask(
        { userTaskKey: UserTaskKey.assumeExists(task.userTaskKey), variables: submitForm(forms.get(task.elementId)!, values) },
        { retry: false },
      );
    if (task.elementId === 'screening-task') return complete(answers.screening(true));
    if (task.elementId === 'manual-nurse-task' || task.elementId === 'manual-social-worker-task') {
      const { team_id: teamId } = (await knex('cases').where({ case_id: caseId }).first('team_id')) as { team_id: string };
      return complete(
        task.elementId === 'manual-nurse-task' ? answers.manualNurse(`p-${teamId}-sh1`) : answers.manualSocialWorker(`p-${teamId}-so1`),
      );
    }
    if (task.elementId === 'assessment-task') {
      return client.publishMessage(
        { name: 'asiakkuus-paattyy', correlationKey: caseId, timeToLive: 0, variables: { closeReason: 'CLIENT_WITHDREW' } },
        { retry: false },
      );
    }
  };
  return (async () => {
    while (!stop.done) {
      try {
        // A few at a time, as a staff would: the run lasts long enough for the kills to land throughout.
        const { items } = await client.searchUserTasks({ filter: { state: 'CREATED' }, page: { limit: CASEWORKER_BATCH } }, NO_WAIT, {
          retry: false,
        });
        await Promise.all(
          items.map((t) =>
            act({
              userTaskKey: String(t.userTaskKey),
              elementId: String(t.elementId),
              processInstanceKey: String(t.processInstanceKey),
            }).catch(() => undefined),
          ),
        );
        await sleep(items.length === 0 ? 200 : 100);
      } catch {
        await sleep(300);
      }
    }
  })();
}

/** Whether the service answers a read that needs the database within `timeoutMs`. */
async function untilServing(client: CamundaClient, timeoutMs: number): Promise<boolean> {
  return eventually(
    'the service to answer a search',
    async () => Boolean(await client.searchProcessInstances({ page: { limit: 1 } }, NO_WAIT, { retry: false })),
    { within: timeoutMs, every: 250 },
  ).catch(() => false);
}

/** Waits until at least `count` cases are closed, or `timeoutMs` passes (the run then goes on and the verdict tells). */
async function untilClosed(knex: Knex, count: number, timeoutMs: number): Promise<void> {
  await eventually(`${count} closed cases`, async () => (await closedCases(knex)) >= count, { within: timeoutMs, every: 250 }).catch(
    () => undefined,
  );
}

/** Waits until no pathway instance is active: the read model records the close a moment before the instance ends. */
async function untilNoActiveInstance(client: CamundaClient, timeoutMs: number): Promise<void> {
  const active = { filter: { processDefinitionId: 'sote-tyoparipolku' as never, state: 'ACTIVE' as const }, page: { limit: 1 } };
  await eventually(
    'no active pathway instance',
    async () => (await client.searchProcessInstances(active, NO_WAIT, { retry: false })).page.totalItems === 0,
    { within: timeoutMs, every: 250 },
  ).catch(() => undefined);
}

async function closedCases(knex: Knex): Promise<number> {
  const [{ count }] = await knex('cases').whereNotNull('closed_at').count<{ count: string }[]>('* as count');
  return Number(count);
}

/** Counts of what must hold exactly once per pathway, and of what must not exist at all. */
async function verify(knex: Knex, client: CamundaClient): Promise<Array<[string, number, number]>> {
  const one = async (sql: string) => Number(((await knex.raw(sql)) as { rows: Array<{ n: string }> }).rows[0].n);
  const activeInstances = await client.searchProcessInstances(
    { filter: { processDefinitionId: 'sote-tyoparipolku' as never, state: 'ACTIVE' }, page: { limit: 1 } },
    NO_WAIT,
  );
  const completedInstances = await client.searchProcessInstances(
    { filter: { processDefinitionId: 'sote-tyoparipolku' as never, state: 'COMPLETED' }, page: { limit: 1 } },
    NO_WAIT,
  );
  const incidents = await client.searchIncidents({ filter: { state: 'ACTIVE' }, page: { limit: 1 } }, NO_WAIT);
  return [
    ['cases opened', PATHWAYS, await one('SELECT count(*) AS n FROM cases')],
    [
      'cases closed as withdrawn',
      PATHWAYS,
      await one("SELECT count(*) AS n FROM cases WHERE closed_at IS NOT NULL AND outcome = 'CLIENT_WITHDREW'"),
    ],
    ['process instances completed', PATHWAYS, completedInstances.page.totalItems],
    ['process instances still active', 0, activeInstances.page.totalItems],
    ['incidents', 0, incidents.page.totalItems],
    [
      'cases without exactly one routing',
      0,
      await one('SELECT count(*) AS n FROM cases c WHERE (SELECT count(*) FROM case_routings r WHERE r.case_id = c.case_id) <> 1'),
    ],
    [
      'cases without exactly one (released) pair',
      0,
      await one(
        'SELECT count(*) AS n FROM cases c WHERE (SELECT count(*) FROM pair_assignments p WHERE p.case_id = c.case_id AND p.released_at IS NOT NULL) <> 1 OR EXISTS (SELECT 1 FROM pair_assignments p WHERE p.case_id = c.case_id AND p.released_at IS NULL)',
      ),
    ],
    [
      'cases without exactly one consent',
      0,
      await one('SELECT count(*) AS n FROM cases c WHERE (SELECT count(*) FROM consents k WHERE k.case_id = c.case_id) <> 1'),
    ],
    [
      'stages recorded twice',
      0,
      await one('SELECT count(*) AS n FROM (SELECT case_id, stage FROM stage_history GROUP BY case_id, stage HAVING count(*) > 1) d'),
    ],
    [
      'cases missing a stage (tuen tarve, työparin muodostus, arviointi)',
      0,
      await one(
        "SELECT count(*) AS n FROM cases c WHERE (SELECT count(DISTINCT stage) FROM stage_history s WHERE s.case_id = c.case_id AND s.stage IN ('TUEN_TARVE', 'TYOPARIN_MUODOSTUS', 'ARVIOINTI')) <> 3",
      ),
    ],
    ['stages left open', 0, await one('SELECT count(*) AS n FROM stage_history WHERE left_at IS NULL')],
    [
      'deadlines recorded twice',
      0,
      await one('SELECT count(*) AS n FROM (SELECT case_id, rule_id FROM deadlines GROUP BY case_id, rule_id HAVING count(*) > 1) d'),
    ],
  ];
}

async function main(): Promise<void> {
  rmSync(WORK, { recursive: true, force: true });
  const pgDir = resolve(WORK, 'pg');
  let postgres: EmbeddedDatabase = await startEmbeddedPostgres({ dataDir: pgDir, persistent: true });
  const pgPort = Number(new URL(postgres.url).port);
  const knex = knexFactory({ client: 'pg', connection: postgres.url, pool: { min: 0, max: 4 } });
  const service = new ChildService(await freePort(), {
    DATABASE_URL: postgres.url,
    DATA_DIR: resolve(WORK, 'data'),
    IDENTITY_KEY: randomBytes(32).toString('base64'),
    WORKERS: 'in-process',
    // A job taken by workers that died with the service comes back after this.
    WORKER_JOB_TIMEOUT_MS: '5000',
  });
  const started = Date.now();
  await service.start();
  const client = camundaClientFor(service.url);
  const instanceToCase = await openPathways(service, knex);
  console.log(`CRASH_SEED=${CRASH_SEED}`);
  console.log(`${PATHWAYS} pathways opened in ${((Date.now() - started) / 1000).toFixed(1)} s; ${ROUNDS} kill rounds follow`);

  const stop = { done: false };
  const caseworkers = simulateCaseworkers(client, knex, instanceToCase, await formsOfTasks(), stop);
  let failed = false;
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      // Spread over the whole run: round r strikes once r/(ROUNDS+2) of the pathways have closed, at a random moment after.
      const mark = Math.floor((round * PATHWAYS) / (ROUNDS + 2));
      await untilClosed(knex, mark, COMPLETION_TIMEOUT_MS / ROUNDS);
      await sleep(between(0, 1000));
      const before = await closedCases(knex);
      await service.kill();
      await sleep(between(200, 1500));
      const restartAt = Date.now();
      await service.start();
      const note: string[] = [`restarted in ${((Date.now() - restartAt) / 1000).toFixed(1)} s`];
      if (round === POSTGRES_ROUND) {
        await postgres.stop();
        await sleep(2000);
        postgres = await startEmbeddedPostgres({ dataDir: pgDir, port: pgPort, persistent: true });
        const serving = await untilServing(client, 30_000);
        note.push(
          serving
            ? 'PostgreSQL restarted under it: serving again without a restart'
            : 'PostgreSQL restarted under it: NOT serving within 30 s',
        );
        failed ||= !serving;
      }
      console.log(`round ${String(round).padStart(2)}: SIGKILL with ${before}/${PATHWAYS} pathways closed; ${note.join('; ')}`);
    }
    const closingStarted = Date.now();
    await untilClosed(knex, PATHWAYS, COMPLETION_TIMEOUT_MS);
    await untilNoActiveInstance(client, Math.max(30_000, COMPLETION_TIMEOUT_MS - (Date.now() - closingStarted)));
    const checks = await verify(knex, client);
    console.log(`after ${ROUNDS} rounds, ${((Date.now() - started) / 1000).toFixed(0)} s in all:`);
    for (const [what, expected, actual] of checks) {
      const ok = expected === actual;
      failed ||= !ok;
      console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${what}: ${actual}${ok ? '' : ` (expected ${expected})`}`);
    }
    console.log(failed ? 'VERDICT: FAILED' : 'VERDICT: every pathway completed; nothing lost, nothing duplicated');
  } finally {
    stop.done = true;
    await caseworkers;
    await service.stop();
    await knex.destroy();
    await postgres.stop();
  }
  process.exit(failed ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
