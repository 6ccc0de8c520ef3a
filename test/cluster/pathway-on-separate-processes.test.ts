import createCamundaClient, { ElementId, ProcessInstanceKey, UserTaskKey } from '@camunda8/orchestration-cluster-api';
import { expect } from 'chai';
import knexFactory, { type Knex } from 'knex';
import { getCase } from '../../src/store/case-repository.js';
import { stageHistory } from '../../src/store/stage-repository.js';
import { HttpSession } from '../../kit/http-session.js';
import { freePort } from '../../kit/child-service.js';
import { workers as jobWorkers } from '../../workers/index.js';
import { CLIENT_AUTH, StandInCluster } from './cluster-processes.js';

const NOW = { consistency: { waitUpToMs: 0 } } as const;
const DAY = 24 * 60 * 60 * 1000;
const today = () => new Date().toISOString().slice(0, 10);

/** What the caseworkers answer on the shortest path that still runs every stage but the working group. */
const ANSWERS: Record<string, Record<string, unknown>> = {
  'screening-task': {
    bothSubstanceTreatmentAndSpecialServices: true,
    additionalIndicators: [],
    consentScope: 'BOTH',
    consentDate: today(),
    specialSupportNeed: false,
  },
  'assessment-task': { stageOfChange: 'HARKINTA', clientSegment: 'YHTEISTYO', nurseConfirmed: true, socialMemberConfirmed: true },
  'plan-task': {
    clientParticipated: true,
    planGoals: 'Päihteettömyys',
    proposedService: 'EI',
    demandingCase: false,
    monitoringInterval: 'P30D',
  },
  'implementation-followup': {
    implementationStartDate: today(),
    startedServices: ['PAIHDEHOITO_AVO'],
    clientHasContactInfo: true,
    monitoringInterval: 'P30D',
  },
  'monitoring-review': {
    visitDate: today(),
    stageOfChange: 'TOIMINTA',
    relapse: false,
    planFollowed: 'YES',
    continueImplementation: false,
  },
  'evaluation-task': {
    goalsAchieved: 'ACHIEVED',
    stageOfChange: 'YLLAPITO',
    clientParticipatedInEvaluation: true,
    evaluationOutcome: 'CLOSE',
  },
  'follow-up-contact-task': { followUpOutcome: 'DOING_WELL', followUpDate: '2026-12-01' },
};

const INTAKE = {
  municipality: 'Turku',
  referral: { source: 'Terveysasema', reason: 'Päihteiden käyttö ja asumisen uhka' },
  identity: { name: 'Testi Asiakas', henkilotunnus: '131052-308T' },
};

describe('the app, the workers and the engine as separate processes (docker-compose.yml without Docker)', function () {
  this.timeout(180_000);
  const cluster = new StandInCluster();
  let camunda: ReturnType<typeof createCamundaClient>;
  let readModel: Knex;
  let nurse: HttpSession;

  before(async () => {
    await cluster.start({ WORKER_JOB_TIMEOUT_MS: '3000', WORKER_RECONNECT_MAX_MS: '1000' });
    camunda = createCamundaClient({ config: { CAMUNDA_REST_ADDRESS: cluster.engineUrl, ...CLIENT_AUTH, CAMUNDA_SDK_LOG_LEVEL: 'silent' } });
    readModel = knexFactory({ client: 'pg', connection: cluster.appDatabaseUrl, pool: { min: 0, max: 2 } });
    // A nurse of the Turku team opens the cases, signed in to the app as in the browser.
    nurse = new HttpSession(cluster.appUrl);
    await nurse.signIn('aino.virtanen');
  });

  after(async () => {
    await readModel?.destroy();
    await cluster.stop();
  });

  async function openCase(): Promise<{ caseId: string; processInstanceKey: string }> {
    const answer = await nurse.call<{ caseId: string; processInstanceKey: string }>('POST', '/api/cases', INTAKE);
    expect(answer.status, JSON.stringify(answer.body)).to.equal(201);
    return answer.body;
  }

  /** The case's open user task with this element id, once the workers have brought the case to it. */
  async function taskAt(processInstanceKey: string, elementId: string, within = 30_000) {
    let key: string | undefined;
    await cluster.workers.until(
      async () => {
        const found = await camunda.searchUserTasks(
          { filter: { processInstanceKey: ProcessInstanceKey.assumeExists(processInstanceKey), state: 'CREATED' } },
          NOW,
        );
        key = found.items.find((task) => task.elementId === elementId)?.userTaskKey;
        return key !== undefined;
      },
      `user task ${elementId}`,
      within,
    );
    return UserTaskKey.assumeExists(String(key));
  }

  async function complete(processInstanceKey: string, elementId: string): Promise<void> {
    const userTaskKey = await taskAt(processInstanceKey, elementId);
    await camunda.completeUserTask({ userTaskKey, variables: ANSWERS[elementId] });
  }

  it('should deploy with npm run deploy, printing the versions the engine runs', async () => {
    // when
    const deploy = await cluster.deploy();

    // then the engine deployed the same files at its start, so the versions stay at 1
    expect(await deploy.exited(), deploy.stderr).to.equal(0);
    expect(deploy.stdout).to.match(/^Deployment \d+:$/m);
    for (const id of ['sote-tyoparipolku', 'tyoryhmakasittely', 'tiimikonsultaatio'])
      expect(deploy.stdout).to.match(new RegExp(`process ${id} version 1 \\(key \\d+\\) from ${id}\\.bpmn`));
    expect(deploy.stdout).to.match(/form alkuselvitys version 1 \(key \d+\) from alkuselvitys\.form/);
  });

  it('should take a case opened through the app through every stage to its close, with the user tasks completed over /v2', async () => {
    // given a case opened through the app's API
    const { caseId, processInstanceKey } = await openCase();

    // when the caseworkers complete each task as the workers bring the case to it
    for (const elementId of ['screening-task', 'assessment-task', 'plan-task', 'implementation-followup'])
      await complete(processInstanceKey, elementId);
    // (the next monitoring visit is 30 days away: move the engine's clock past it)
    await cluster.workers.until(async () => {
      const waiting = await camunda.searchElementInstances(
        {
          filter: {
            processInstanceKey: ProcessInstanceKey.assumeExists(processInstanceKey),
            elementId: ElementId.assumeExists('next-monitoring'),
            state: 'ACTIVE',
          },
        },
        NOW,
      );
      return waiting.items.length > 0;
    }, 'the monitoring timer');
    await camunda.pinClock({ timestamp: Date.now() + 31 * DAY });
    try {
      await complete(processInstanceKey, 'monitoring-review');
    } finally {
      await camunda.resetClock();
    }
    await complete(processInstanceKey, 'evaluation-task');
    // (the follow-up contact is 90 days after the close: once its timer waits, move the clock past it)
    await cluster.workers.until(async () => {
      const waiting = await camunda.searchElementInstances(
        {
          filter: {
            processInstanceKey: ProcessInstanceKey.assumeExists(processInstanceKey),
            elementId: ElementId.assumeExists('follow-up-due'),
            state: 'ACTIVE',
          },
        },
        NOW,
      );
      return waiting.items.length > 0;
    }, 'the follow-up timer');
    await camunda.pinClock({ timestamp: Date.now() + 91 * DAY });
    try {
      await complete(processInstanceKey, 'follow-up-contact-task');
    } finally {
      await camunda.resetClock();
    }

    // then the process completes and the workers have closed the case in the app's read model
    await cluster.workers.until(
      async () =>
        (await camunda.getProcessInstance({ processInstanceKey: ProcessInstanceKey.assumeExists(processInstanceKey) }, NOW)).state ===
        'COMPLETED',
      'the process instance to complete',
    );
    const closed = await getCase(readModel, caseId);
    expect(closed?.closedAt).to.be.instanceOf(Date);
    expect(closed?.outcome).to.equal('COMPLETED');
    expect(closed?.teamId).to.equal('turku-keskusta');
    expect((await stageHistory(readModel, caseId)).map((s) => s.stage)).to.deep.equal([
      'TUEN_TARVE',
      'TYOPARIN_MUODOSTUS',
      'ARVIOINTI',
      'SUUNNITELMA',
      'TOTEUTUS',
      'LOPPUARVIOINTI',
      'PAATTYMINEN',
    ]);
    const incidents = await camunda.searchIncidents(
      { filter: { processInstanceKey: ProcessInstanceKey.assumeExists(processInstanceKey) } },
      NOW,
    );
    expect(incidents.items).to.deep.equal([]);
  });

  /** How many route-case jobs a worker process has completed, from its /metrics. */
  async function routedBy(metricsUrl: string): Promise<number> {
    const text = await (await fetch(`${metricsUrl}/metrics`)).text();
    return Number(/^sote_jobs_completed_total\{job_type="route-case"\} (\d+)$/m.exec(text)?.[1] ?? 0);
  }

  it('should share the jobs between scaled-out worker processes, each job done by one of them', async () => {
    // given a second worker process beside the first, as `--scale workers=2` runs
    const secondPort = await freePort();
    const second = await cluster.startWorkers(secondPort);
    const before = await routedBy(cluster.metricsUrl);
    try {
      // when cases are opened at once
      const cases = await Promise.all([1, 2, 3, 4, 5, 6].map(() => openCase()));

      // then every case is routed and enters its first stage once, and the two processes together routed each case once
      for (const { caseId, processInstanceKey } of cases) {
        await taskAt(processInstanceKey, 'screening-task');
        expect((await stageHistory(readModel, caseId)).map((s) => s.stage)).to.deep.equal(['TUEN_TARVE']);
      }
      const first = (await routedBy(cluster.metricsUrl)) - before;
      const other = await routedBy(`http://127.0.0.1:${secondPort}`);
      expect(first + other).to.equal(cases.length);
    } finally {
      expect(await second.signal('SIGTERM'), second.stderr).to.equal(0);
    }
  });

  it('should keep the workers running through the engine being killed and restarted, and finish every job', async () => {
    // given cases whose first jobs are being worked on (opened at once, so the workers have many in hand)
    const cases = await Promise.all([1, 2, 3, 4].map(() => openCase()));

    // when the engine process dies without warning, stays down a while, and comes back
    await cluster.engine.signal('SIGKILL');
    await cluster.workers.until(
      async () => ((await (await fetch(`${cluster.metricsUrl}/health`)).json()) as { engine: string }).engine === 'UNREACHABLE',
      'the workers to notice',
    );
    // and every job type's poll has failed against it once more, so the workers carried on with it down
    const activationErrors = () => cluster.workers.logLines().filter((l) => l.msg === 'activation.error').length;
    const noticed = activationErrors();
    await cluster.workers.until(async () => activationErrors() >= noticed + jobWorkers.length, 'every poll to fail once more');
    expect(cluster.workers.running, 'the workers are still running').to.equal(true);
    await cluster.startEngine();

    // then every case reaches its screening task: each case's jobs were done, and done once
    for (const { caseId, processInstanceKey } of cases) {
      await taskAt(processInstanceKey, 'screening-task', 60_000);
      expect((await getCase(readModel, caseId))?.teamId).to.equal('turku-keskusta');
      expect((await stageHistory(readModel, caseId)).map((s) => s.stage)).to.deep.equal(['TUEN_TARVE']);
      const waiting = await camunda.searchJobs(
        { filter: { processInstanceKey: ProcessInstanceKey.assumeExists(processInstanceKey), state: 'CREATED' } },
        NOW,
      );
      expect(waiting.items, 'jobs left undone').to.deep.equal([]);
      const incidents = await camunda.searchIncidents(
        { filter: { processInstanceKey: ProcessInstanceKey.assumeExists(processInstanceKey) } },
        NOW,
      );
      expect(incidents.items).to.deep.equal([]);
    }
    const health = (await (await fetch(`${cluster.metricsUrl}/health`)).json()) as Record<string, unknown>;
    expect(health).to.include({ status: 'UP', engine: 'REACHABLE' });
    expect(cluster.workers.logLines().map((l) => l.msg)).to.include.members([
      'engine unreachable: retrying with back-off',
      'engine reachable again',
    ]);
  });
});
