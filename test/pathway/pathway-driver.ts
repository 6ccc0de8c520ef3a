import createCamundaClient, { ElementId, ProcessDefinitionId, ProcessInstanceKey, UserTaskKey } from '@camunda8/orchestration-cluster-api';
import { loadCaseView } from '../../src/api/cases/case-view.js';
import { loadUsers } from '../../src/auth/users.js';
import { assessmentDueDateAtOpening } from '../../src/intake/pathway-variables.js';
import { attachProcessInstance, getCase, openCase } from '../../src/store/case-repository.js';
import { HttpSession } from '../../kit/http-session.js';
import { allFlowElements, ext, loadDiagrams } from '../../kit/pathway/model.js';
import { startTestService, type CamundaClient, type TestService } from '../support/service.js';
import { eventually } from '../support/eventually.js';
import { submitForm } from '../../kit/pathway/form-submission.js';

/** GET /api/cases/:id, as far as the pathway tests read it. */
export interface CaseView {
  caseId: string;
  processInstanceKey: string;
  closedAt: string | null;
  outcome: string | null;
  team: { id: string } | null;
  region: { id: string } | null;
  currentStage: { stage: string } | null;
  stages: Array<{ stage: string; enteredAt: string; leftAt: string | null }>;
  pair: {
    nurse: { id: string; role: string };
    socialWorker: { id: string; role: string };
    manual: boolean;
    releasedAt: string | null;
  } | null;
  openTasks: Array<{ key: string; elementId: string; processDefinitionId: string; candidateGroups: string[]; dueDate: string | null }>;
  deadlines: Array<{ ruleId: string; dueAt: string; metAt: string | null; breachedAt: string | null }>;
}

/** An open user task of a case. */
export type OpenTask = CaseView['openTasks'][number];

/** How long a step may take before the test gives up and shows the case as it stands. */
const STEP_TIMEOUT_MS = 15_000;
const NO_WAIT = { consistency: { waitUpToMs: 0 } } as const;
const DAY_MS = 86_400_000;

let hetuCounter = 0;

/**
 * Drives cases through the real service (embedded engine, in-process workers) the way its users
 * do: the intake over POST /api/cases, the caseworkers' tasks found with the official client's
 * user-task search and completed with what their form would submit, team handling requested and
 * a client's leaving recorded over the app's API, the engine clock moved through the official
 * client; the case read over GET /api/cases/:id.
 */
export class PathwayDriver {
  /** The engine clock while a test has pinned it (epoch ms), else null: the system clock. */
  private pinnedAt: number | null = null;
  private readonly sessions = new Map<string, HttpSession>();

  /**
   * The official client with its default validation: the test service's strict one cannot page
   * searches.
   */
  private readonly searcher: CamundaClient;

  private constructor(
    readonly test: TestService,
    private readonly formOfTask: ReadonlyMap<string, string>,
  ) {
    this.searcher = createCamundaClient({
      config: { CAMUNDA_REST_ADDRESS: test.service.url, CAMUNDA_AUTH_STRATEGY: 'NONE', CAMUNDA_SDK_LOG_LEVEL: 'silent' },
    });
  }

  static async start(): Promise<PathwayDriver> {
    const formOfTask = new Map<string, string>();
    for (const diagram of await loadDiagrams()) {
      const process = diagram.processes[0];
      for (const task of allFlowElements(process).filter((e) => e.$type === 'bpmn:UserTask')) {
        formOfTask.set(`${process.id}#${task.id}`, ext(task, 'zeebe:FormDefinition')!.formId as string);
      }
    }
    return new PathwayDriver(await startTestService({ WORKERS: 'in-process' }), formOfTask);
  }

  get knex() {
    return this.test.service.database.knex;
  }

  async close(): Promise<void> {
    await this.test.close();
  }

  /** Opens a case over POST /api/cases; `overrides` replace fields of a valid intake. */
  async openCase(overrides: Record<string, unknown> = {}): Promise<string> {
    // Any team's caseworker may take in a referral; the routing then decides the team.
    const intake = await this.sessionOf('minna.toivonen');
    const { status, body } = await intake.call<{ caseId?: string }>('POST', '/api/cases', {
      municipality: 'Turku',
      referral: { source: 'Terveysasema', reason: 'Alkoholin käyttö ja asumisen vaikeudet' },
      identity: { name: 'Testi Asiakas', henkilotunnus: nextHenkilotunnus() },
      ...overrides,
    });
    if (status !== 201 || !body.caseId) throw new Error(`POST /api/cases answered ${status}: ${JSON.stringify(body)}`);
    return body.caseId;
  }

  /**
   * Opens a case whose pathway is started by another system with a municipality the routing does
   * not know: the read model's case as the intake records it, and the process started through
   * the official client with the starter's variables.
   */
  async openCaseStartedElsewhere(caseId: string, municipality: string): Promise<void> {
    const opened = await openCase(this.knex, { caseId, municipalityCode: '853', openedAt: new Date(), register: 'SOCIAL' });
    const assessmentDueDate = await assessmentDueDateAtOpening(this.knex, opened);
    const created = await this.test.client.createProcessInstance({
      processDefinitionId: ProcessDefinitionId.assumeExists('sote-tyoparipolku'),
      variables: { caseId, municipality, specialSupportNeed: false, assessmentDueDate },
    });
    await attachProcessInstance(this.knex, caseId, String(created.processInstanceKey));
  }

  /**
   * The case as its team's lead reads it over GET /api/cases/:id. A case no team has yet is
   * nobody's to read over the API (src/security/case-access.ts), so the driver reads the same
   * view from the read model and the engine directly.
   */
  async view(caseId: string): Promise<CaseView> {
    const teamId = (await getCase(this.knex, caseId))?.teamId;
    if (!teamId) return JSON.parse(JSON.stringify(await loadCaseView(this.knex, this.test.client, caseId))) as CaseView;
    const lead = loadUsers()
      .all()
      .find((u) => u.role === 'TEAM_LEAD' && u.teamId === teamId);
    if (!lead) throw new Error(`no team lead for team ${teamId} in seed/users.json`);
    const { status, body } = await (await this.sessionOf(lead.username)).call<CaseView>('GET', `/api/cases/${caseId}`);
    if (status !== 200) throw new Error(`GET /api/cases/${caseId} as ${lead.username} answered ${status}: ${JSON.stringify(body)}`);
    return body;
  }

  /** A signed-in session of the user, kept for the driver's life. */
  private async sessionOf(username: string): Promise<HttpSession> {
    let session = this.sessions.get(username);
    if (!session) {
      session = new HttpSession(this.test.service.url);
      await session.signIn(username);
      this.sessions.set(username, session);
    }
    return session;
  }

  /** Polls the case until `ready` holds. */
  async waitFor(caseId: string, what: string, ready: (view: CaseView) => boolean): Promise<CaseView> {
    return poll(what, async () => {
      const view = await this.view(caseId);
      if (ready(view)) return view;
      // Thrown, not answered: eventually's timeout then names the case as it was last seen.
      throw new Error(`the case is ${JSON.stringify(view, null, 1)}`);
    });
  }

  /**
   * Waits for the user task `elementId` to be open on the case, and answers the case as it is then:
   * read once more after the task was seen, because one read fetches the read model and the engine's
   * tasks side by side, so the view that first shows the task may hold the read model from just before
   * the listener that ran before the task wrote to it.
   */
  async waitForTask(caseId: string, elementId: string): Promise<CaseView> {
    await this.waitFor(caseId, `user task ${elementId}`, (v) => v.openTasks.some((t) => t.elementId === elementId));
    return this.view(caseId);
  }

  /**
   * Completes the open user task `elementId` of the case with what its form submits for
   * `answers` (see submitForm), and answers the task as it was before completion.
   */
  async complete(caseId: string, elementId: string, answers: Record<string, unknown>): Promise<OpenTask> {
    const task = await this.openTask(caseId, elementId);
    const formId = this.formOfTask.get(`${task.processDefinitionId}#${elementId}`);
    if (!formId) throw new Error(`user task ${elementId} of ${task.processDefinitionId} links no form`);
    const userTaskKey = UserTaskKey.assumeExists(task.key);
    const { items } = await this.searcher.searchUserTaskVariables({ userTaskKey, truncateValues: false, page: { limit: 1000 } }, NO_WAIT);
    const variables = Object.fromEntries(items.map((v) => [v.name, JSON.parse(v.value) as unknown]));
    await this.test.client.completeUserTask({ userTaskKey, variables: submitForm(formId, answers, variables) });
    return task;
  }

  /** The candidate users of the open user task `elementId` of the case, as the engine holds them. */
  async candidateUsers(caseId: string, elementId: string): Promise<string[]> {
    const task = await this.openTask(caseId, elementId);
    const { items } = await this.searcher.searchUserTasks({ filter: { userTaskKey: UserTaskKey.assumeExists(task.key) } }, NO_WAIT);
    return items[0]?.candidateUsers ?? [];
  }

  /**
   * Waits for the user task `elementId` of the case — of its process instance or of one its call
   * activities started — found with the official client's user-task search.
   */
  private async openTask(caseId: string, elementId: string): Promise<OpenTask> {
    const root = (await getCase(this.knex, caseId))?.processInstanceKey;
    if (!root) throw new Error(`case ${caseId} has no process instance`);
    return poll(`user task ${elementId} of case ${caseId}`, async () => {
      const { items } = await this.searcher.searchUserTasks(
        { filter: { elementId: ElementId.assumeExists(elementId), state: 'CREATED' } },
        NO_WAIT,
      );
      for (const task of items) {
        const ownKey = String(task.processInstanceKey);
        const callerKey: string =
          ownKey === root
            ? root
            : String(
                (await this.searcher.getProcessInstance({ processInstanceKey: task.processInstanceKey }, NO_WAIT)).parentProcessInstanceKey,
              );
        if (callerKey !== root) continue;
        return {
          key: String(task.userTaskKey),
          elementId,
          processDefinitionId: String(task.processDefinitionId),
          candidateGroups: task.candidateGroups ?? [],
          dueDate: task.dueDate ?? null,
        };
      }
      return undefined;
    });
  }

  /** The pair's team lead brings the case to the local team: POST /api/cases/:id/team-handling-requests. */
  async requestTeamHandling(caseId: string, urgent = false): Promise<void> {
    await this.asTeamLead(caseId, 'POST', `/api/cases/${caseId}/team-handling-requests`, { urgent });
  }

  /** The client leaves, as the team lead records it: POST /api/cases/:id/closure. */
  async clientLeaves(
    caseId: string,
    closeReason: 'CLIENT_WITHDREW' | 'MOVED_AWAY' | 'DIED' | 'NOT_REACHED' | 'MOVED_TO_OTHER_SERVICE' | 'DECLINED_SERVICES',
  ): Promise<void> {
    await this.asTeamLead(caseId, 'POST', `/api/cases/${caseId}/closure`, { closeReason });
  }

  /** The client moves to another municipality of Varha, as the team lead records it: POST /api/cases/:id/relocation. */
  async clientMoves(caseId: string, municipality: string): Promise<void> {
    await this.asTeamLead(caseId, 'POST', `/api/cases/${caseId}/relocation`, { municipality });
  }

  private async asTeamLead(caseId: string, method: string, path: string, body?: unknown): Promise<void> {
    const teamId = (await getCase(this.knex, caseId))?.teamId;
    const lead = loadUsers()
      .all()
      .find((u) => u.role === 'TEAM_LEAD' && u.teamId === teamId);
    if (!lead) throw new Error(`case ${caseId} has no team with a lead in seed/users.json`);
    const { status, body: answer } = await (await this.sessionOf(lead.username)).call(method, path, body);
    if (status !== 202) throw new Error(`${method} ${path} as ${lead.username} answered ${status}: ${JSON.stringify(answer)}`);
  }

  /**
   * Moves the engine clock `days` ahead of where it stands. The timers it makes due may fire after
   * this returns, as on a cluster: callers wait for their effect (a task to open, a deadline breached).
   */
  async advanceClock(days: number): Promise<void> {
    this.pinnedAt = (this.pinnedAt ?? Date.now()) + days * DAY_MS;
    await this.test.client.pinClock({ timestamp: this.pinnedAt });
  }

  /** Gives the engine back the system clock. */
  async resetClock(): Promise<void> {
    if (this.pinnedAt === null) return;
    this.pinnedAt = null;
    await this.test.client.resetClock();
  }

  /** Waits for the timer event `elementId` of the case's instance to be waiting. */
  async waitForTimer(caseId: string, elementId: string): Promise<void> {
    const { processInstanceKey } = await this.view(caseId);
    await poll(`timer ${elementId} of case ${caseId}`, async () => {
      const filter = {
        processInstanceKey: ProcessInstanceKey.assumeExists(processInstanceKey),
        elementId: ElementId.assumeExists(elementId),
        state: 'ACTIVE' as const,
      };
      const { items } = await this.searcher.searchElementInstances({ filter }, NO_WAIT);
      return items.length > 0 || undefined;
    });
  }

  /** Waits for the variable `name` to be set anywhere in the case's instance, and answers its value. */
  async variable(caseId: string, name: string): Promise<unknown> {
    const { processInstanceKey } = await this.view(caseId);
    return poll(`variable ${name} of case ${caseId}`, async () => {
      const { items } = await this.searcher.searchVariables(
        { filter: { processInstanceKey: ProcessInstanceKey.assumeExists(processInstanceKey), name } },
        NO_WAIT,
      );
      return items[0] ? { value: JSON.parse(items[0].value) as unknown } : undefined;
    }).then((found) => found.value);
  }

  /**
   * Waits for the case's process instance to leave ACTIVE and answers its state. The read model
   * records the close inside the closing job, a moment before the instance itself ends.
   */
  async instanceEnd(caseId: string): Promise<string> {
    const { processInstanceKey } = await this.view(caseId);
    const key = ProcessInstanceKey.assumeExists(processInstanceKey);
    return poll(`process instance ${processInstanceKey} of case ${caseId} to end`, async () => {
      const { state } = await this.test.client.getProcessInstance({ processInstanceKey: key }, { consistency: { waitUpToMs: 0 } });
      return state === 'ACTIVE' ? undefined : state;
    });
  }
}

/** Waits for one step of a path, for up to STEP_TIMEOUT_MS. */
function poll<T>(what: string, probe: () => Promise<T | undefined | false>): Promise<T> {
  return eventually(what, probe, { within: STEP_TIMEOUT_MS, every: 25 });
}

/** A valid, unique henkilötunnus per case, so no two cases are the same client (no pair continuity). */
function nextHenkilotunnus(): string {
  const serial = 200 + (hetuCounter++ % 700);
  const digits = `010190${serial}`;
  return `010190-${serial}${'0123456789ABCDEFHJKLMNPRSTUVWXY'[Number(digits) % 31]}`;
}
