import { readFileSync, writeFileSync } from 'node:fs';

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

class Session {
  private cookie = '';
  private csrf = '';

  async call<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const headers: Record<string, string> = { cookie: this.cookie };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && this.csrf) headers['x-csrf-token'] = this.csrf;
    const response = await fetch(`${APP_URL}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0];
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : {}) as T };
  }

  async expect<T>(status: number, method: string, path: string, body?: unknown): Promise<T> {
    const answer = await this.call<T>(method, path, body);
    if (answer.status !== status)
      throw new Error(`${method} ${path} answered ${answer.status}, not ${status}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  }

  async signIn(): Promise<void> {
    const { csrfToken } = await this.expect<{ csrfToken: string }>(201, 'POST', '/api/session', { username: USERNAME, password: PASSWORD });
    this.csrf = csrfToken;
  }
}

/** Reads the case until `ready` holds: the cluster's search lags its commands. */
async function waitFor(session: Session, caseId: string, what: string, ready: (view: CaseView) => boolean): Promise<CaseView> {
  const deadline = Date.now() + WAIT_MS;
  let last: unknown;
  while (Date.now() < deadline) {
    const answer = await session.call<CaseView>('GET', `/api/cases/${caseId}`);
    last = answer.body;
    if (answer.status === 200 && ready(answer.body)) return answer.body;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error(`timed out waiting for ${what}; the case is ${JSON.stringify(last)}`);
}

const taskAt = (elementId: string) => (view: CaseView) => view.openTasks.some((t) => t.elementId === elementId);

async function open(session: Session): Promise<void> {
  const { caseId } = await session.expect<{ caseId: string }>(201, 'POST', '/api/cases', {
    municipality: 'Turku',
    referral: { source: 'Terveysasema', reason: 'Savutesti: alkoholin käyttö ja asumisen vaikeudet' },
    identity: { name: 'Savu Testi', henkilotunnus: '010190-2004' },
  });
  const screening = (await waitFor(session, caseId, 'the screening task', taskAt('screening-task'))).openTasks.find(
    (t) => t.elementId === 'screening-task',
  )!;
  await session.expect(204, 'POST', `/api/inbox/tasks/${screening.key}/claim`);
  await session.expect(204, 'POST', `/api/inbox/tasks/${screening.key}/completion`, {
    variables: {
      bothSubstanceTreatmentAndSpecialServices: true,
      additionalIndicators: ['CONCURRENT_NEEDS'],
      consentScope: 'BOTH',
      consentDate: new Date().toISOString().slice(0, 10),
      specialSupportNeed: false,
    },
  });
  const assessing = await waitFor(session, caseId, 'the assessment task', taskAt('assessment-task'));
  writeFileSync(STATE_FILE, JSON.stringify({ caseId, processInstanceKey: assessing.processInstanceKey }));
  console.log(
    `case ${caseId} (process instance ${assessing.processInstanceKey}) is at ${assessing.currentStage?.stage} with its assessment task open`,
  );
}

async function check(session: Session): Promise<void> {
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
const session = new Session();
await session.signIn();
await (mode === 'open' ? open(session) : check(session));
