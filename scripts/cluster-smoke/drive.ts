import { readFileSync, writeFileSync } from 'node:fs';
import { eventually } from '../../kit/eventually.js';
import { HttpSession } from '../../kit/http-session.js';
import { answers } from '../../kit/pathway/answers.js';

/**
 * The app-side half of scripts/cluster-smoke.sh, through the app's own HTTP API as a caseworker
 * uses it. `open` opens a case, completes its first task through the inbox and waits for the next
 * one; `check` (after the cluster was taken down and up again) reads the same case and its task.
 */

const APP_URL = process.env.SMOKE_APP_URL ?? 'http://localhost:3000';
const USERNAME = process.env.SMOKE_USERNAME ?? 'minna.toivonen';
const PASSWORD = process.env.SMOKE_PASSWORD ?? 'tyopari-demo';
const STATE_FILE = process.env.SMOKE_STATE_FILE ?? '.tmp/cluster-smoke.json';
const WAIT_MS = 120_000;

interface OpenTask {
  key: string;
  elementId: string;
}
interface CaseView {
  caseId: string;
  processInstanceKey: string | null;
  currentStage: { stage: string } | null;
  openTasks: OpenTask[];
}

/** Answers the call's body, or throws naming the call when the status is not the one expected. */
async function expectStatus<T>(session: HttpSession, status: number, method: string, path: string, body?: unknown): Promise<T> {
  const answer = await session.call<T>(method, path, body);
  if (answer.status !== status)
    throw new Error(`${method} ${path} answered ${answer.status}, not ${status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/** Reads the case until `ready` holds: the cluster's search lags its commands. */
async function waitFor(session: HttpSession, caseId: string, what: string, ready: (view: CaseView) => boolean): Promise<CaseView> {
  return eventually(
    what,
    async () => {
      const answer = await session.call<CaseView>('GET', `/api/cases/${caseId}`);
      if (answer.status !== 200 || !ready(answer.body)) throw new Error(`the case is ${JSON.stringify(answer.body)}`);
      return answer.body;
    },
    { within: WAIT_MS, every: 1000 },
  );
}

const taskAt = (elementId: string) => (view: CaseView) => view.openTasks.some((t) => t.elementId === elementId);

async function open(session: HttpSession): Promise<void> {
  const { caseId } = await expectStatus<{ caseId: string }>(session, 201, 'POST', '/api/cases', {
    municipality: 'Turku',
    referral: { source: 'Terveysasema', reason: 'Savutesti: alkoholin käyttö ja asumisen vaikeudet' },
    identity: { name: 'Savu Testi', henkilotunnus: '010190-2004' },
  });
  const screening = (await waitFor(session, caseId, 'the screening task', taskAt('screening-task'))).openTasks.find(
    (t) => t.elementId === 'screening-task',
  )!;
  await expectStatus(session, 204, 'POST', `/api/inbox/tasks/${screening.key}/claim`);
  await expectStatus(session, 204, 'POST', `/api/inbox/tasks/${screening.key}/completion`, { variables: answers.screening(true) });
  const assessing = await waitFor(session, caseId, 'the assessment task', taskAt('assessment-task'));
  writeFileSync(STATE_FILE, JSON.stringify({ caseId, processInstanceKey: assessing.processInstanceKey }));
  console.log(
    `case ${caseId} (process instance ${assessing.processInstanceKey}) is at ${assessing.currentStage?.stage} with its assessment task open`,
  );
}

async function check(session: HttpSession): Promise<void> {
  const { caseId, processInstanceKey } = JSON.parse(readFileSync(STATE_FILE, 'utf8')) as { caseId: string; processInstanceKey: string };
  const view = await waitFor(session, caseId, 'the assessment task after the restart', taskAt('assessment-task'));
  if (view.processInstanceKey !== processInstanceKey)
    throw new Error(`the case now names process instance ${view.processInstanceKey}, not ${processInstanceKey}`);
  console.log(`after down and up, case ${caseId} and process instance ${processInstanceKey} are still there, the assessment task open`);
}

const mode = process.argv[2];
if (mode !== 'open' && mode !== 'check') {
  console.error('usage: drive.ts open|check');
  process.exit(2);
}
const session = new HttpSession(APP_URL);
await session.signIn(USERNAME, PASSWORD);
await (mode === 'open' ? open(session) : check(session));
