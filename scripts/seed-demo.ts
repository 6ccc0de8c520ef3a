import createCamundaClient, { ElementId } from '@camunda8/orchestration-cluster-api';
import { readFileSync } from 'node:fs';
import { eventually } from '../kit/eventually.js';
import { loadUsers } from '../src/auth/users.js';
import { localEngineClientConfig } from '../src/security/local-engine-client.js';
import { demoClient } from './demo/demo-clients.js';
import { submitForm } from '../kit/pathway/form-submission.js';
import { DEMO_PLANS, FORM_OF_TASK, type DemoStep } from './demo/demo-plans.js';

/**
 * `npm run seed:demo`: opens DEMO_CASES cases (default 36) through POST /api/cases of a running
 * service (SERVICE_URL, default http://localhost:8080), signed in as each team's lead with the
 * demo password, and drives them to different stages by completing their user tasks through
 * the official client (CAMUNDA_* as for any client; the address defaults to the service's, the
 * credentials to those the service generated into DATA_DIR).
 * The service's workers do the rest. Every run adds new cases.
 */
const SERVICE_URL = (process.env.SERVICE_URL ?? 'http://localhost:8080').replace(/\/$/, '');
const DEMO_CASES = Number(process.env.DEMO_CASES ?? 36);
const DEMO_PASSWORD = process.env.DEMO_PASSWORD ?? 'tyopari-demo';
const PARALLEL = 6;
const STEP_TIMEOUT_MS = 30_000;
const DAY_MS = 86_400_000;

const camunda = createCamundaClient({
  config: { CAMUNDA_REST_ADDRESS: process.env.CAMUNDA_REST_ADDRESS ?? SERVICE_URL, ...localEngineClientConfig() },
});
const municipalities = JSON.parse(readFileSync(new URL('../seed/municipalities.json', import.meta.url), 'utf8')) as {
  code: string;
  teamId: string;
}[];
const teams = JSON.parse(readFileSync(new URL('../seed/teams.json', import.meta.url), 'utf8')) as { id: string }[];
const leads = loadUsers()
  .all()
  .filter((u) => u.role === 'TEAM_LEAD');

interface Session {
  cookie: string;
  csrfToken: string;
}

async function signIn(username: string): Promise<Session> {
  const res = await fetch(`${SERVICE_URL}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (res.status !== 201) throw new Error(`Signing in as ${username} answered ${res.status}: ${await res.text()}`);
  const body = (await res.json()) as { csrfToken: string };
  return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0], csrfToken: body.csrfToken };
}

/** Opens one case for the team: its default municipality, or Turku with the team as hint for Turku's other areas. */
async function openCase(session: Session, teamId: string, index: number): Promise<string> {
  const own = municipalities.find((m) => m.teamId === teamId);
  const res = await fetch(`${SERVICE_URL}/api/cases`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrfToken },
    body: JSON.stringify({
      municipality: own?.code ?? '853',
      ...(own ? {} : { teamHint: teamId }),
      referral: {
        source: index % 2 ? 'Terveysasema' : 'Aikuissosiaalityö',
        reason: 'Päihteiden käyttö ja palvelutarpeen arviointi',
        receivedAt: new Date(Date.now() - (index % 20) * DAY_MS).toISOString(),
      },
      attributes: { urgent: index % 11 === 0, ageOver75: index % 13 === 0 },
      identity: demoClient(index),
    }),
  });
  if (res.status !== 201) throw new Error(`Opening a case for ${teamId} answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { caseId: string }).caseId;
}

/** Waits for the case's task (in its own process or one it called) and completes it with the form's answers. */
async function complete(caseId: string, step: DemoStep): Promise<void> {
  const task = await eventually(
    `case ${caseId}: task ${step.elementId}`,
    async () => {
      const page = await camunda.searchUserTasks(
        {
          filter: {
            state: 'CREATED',
            elementId: ElementId.assumeExists(step.elementId),
            processInstanceVariables: [{ name: 'caseId', value: JSON.stringify(caseId) }],
          },
        },
        { consistency: { waitUpToMs: 0 } },
      );
      return page.items[0];
    },
    { within: STEP_TIMEOUT_MS, every: 200 },
  );
  // What the task's form submits, its computed fields (the service presented to the group) included.
  const { items } = await camunda.searchUserTaskVariables(
    { userTaskKey: task.userTaskKey, truncateValues: false, page: { limit: 1000 } },
    { consistency: { waitUpToMs: 0 } },
  );
  const variables = Object.fromEntries(items.map((v) => [v.name, JSON.parse(v.value) as unknown]));
  await camunda.completeUserTask({
    userTaskKey: task.userTaskKey,
    variables: submitForm(FORM_OF_TASK[step.elementId]!, step.variables, variables),
  });
}

async function main(): Promise<void> {
  const sessions = new Map<string, Session>();
  const plans = Object.entries(DEMO_PLANS);
  const jobs = Array.from({ length: DEMO_CASES }, (_, i) => ({
    index: i,
    team: teams[i % teams.length].id,
    plan: plans[i % plans.length],
  }));
  const opened: Record<string, number> = {};
  for (let start = 0; start < jobs.length; start += PARALLEL) {
    await Promise.all(
      jobs.slice(start, start + PARALLEL).map(async ({ index, team, plan: [target, steps] }) => {
        const lead = leads.find((u) => u.teamId === team);
        if (!lead) throw new Error(`seed/users.json has no team lead for ${team}`);
        if (!sessions.has(team)) sessions.set(team, await signIn(lead.username));
        const caseId = await openCase(sessions.get(team)!, team, index);
        for (const step of steps) await complete(caseId, step);
        opened[target] = (opened[target] ?? 0) + 1;
      }),
    );
  }
  console.log(`Opened ${DEMO_CASES} demo cases on ${SERVICE_URL}:`, opened);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
