import { ElementId, ProcessInstanceKey } from '@camunda8/orchestration-cluster-api';
import { expect } from 'chai';
import type { InboxTask } from '../../src/api/inbox/inbox-types.js';
import { loadUsers } from '../../src/auth/users.js';
import { answers } from '../../kit/pathway/answers.js';
import { startTestService, type TestService } from '../support/service.js';
import { eventually } from '../support/eventually.js';
import { HttpSession } from '../../kit/http-session.js';

const NOW = { consistency: { waitUpToMs: 0 } } as const;
const DAY_MS = 86_400_000;
const users = loadUsers();
const usernameOf = (professionalId: string) => users.byProfessionalId(professionalId)!.username;

interface CaseViewBody {
  caseId: string;
  currentStage: { stage: string } | null;
  stages: { stage: string; leftAt: string | null }[];
  pair: { nurse: { id: string }; socialWorker: { id: string } } | null;
  activeElements: { elementId: string }[];
  decisions: Record<string, unknown>;
  identity: { name: string; henkilotunnus: string } | null;
  identityVisible: boolean;
}

describe('case view API (/api/case-view)', () => {
  let t: TestService;
  let caseId: string;
  let pair: { nurse_id: string; social_worker_id: string };
  const as = async (username: string) => {
    const session = new HttpSession(t.service.url);
    await session.signIn(username);
    return session;
  };

  before(async () => {
    t = await startTestService({ WORKERS: 'in-process' });
    // Received three weeks ago: the assessment's deadline has passed by the time the pair gets it.
    const opened = await (
      await as('minna.toivonen')
    ).call<{ caseId: string; processInstanceKey: string }>('POST', '/api/cases', {
      municipality: 'Turku',
      referral: { source: 'Terveysasema', reason: 'Huumeiden käyttö', receivedAt: new Date(Date.now() - 21 * DAY_MS).toISOString() },
      identity: { name: 'Ville Vallaton', henkilotunnus: '131052-308T' },
    });
    caseId = opened.body.caseId;
    const screening = await eventually('the screening task', async () => {
      const page = await t.client.searchUserTasks(
        {
          filter: {
            processInstanceKey: ProcessInstanceKey.assumeExists(opened.body.processInstanceKey),
            elementId: ElementId.assumeExists('screening-task'),
          },
        },
        NOW,
      );
      return page.items[0];
    });
    await t.client.completeUserTask({ userTaskKey: screening.userTaskKey, variables: answers.screening(true) });
    pair = await eventually('the work pair', async () => t.service.database.knex('pair_assignments').where({ case_id: caseId }).first());
  });
  after(async () => {
    await t?.close();
  });

  it('shows the pair the case with its stages, current elements, decisions and the client’s identity', async () => {
    const socialWorker = await as(usernameOf(pair.social_worker_id));
    const view = await eventually('the assessment stage', async () => {
      const answer = await socialWorker.call<CaseViewBody>('GET', `/api/case-view/${caseId}`);
      return answer.body.currentStage?.stage === 'ARVIOINTI' ? answer : undefined;
    });
    expect(view.status).to.equal(200);
    expect(view.body.stages.map((s) => s.stage)).to.deep.equal(['TUEN_TARVE', 'TYOPARIN_MUODOSTUS', 'ARVIOINTI']);
    expect(view.body.activeElements.map((e) => e.elementId)).to.include.members(['stage-arviointi', 'assessment-task']);
    expect(view.body.decisions).to.include({ meetsPairCriteria: true });
    expect(view.body.identity).to.deep.equal({ name: 'Ville Vallaton', henkilotunnus: '131052-308T' });
    expect(view.body.identityVisible).to.equal(true);
  });

  it('logs the reads of the case and of the identity as the signed-in user', async () => {
    const socialWorker = await as(usernameOf(pair.social_worker_id));
    await socialWorker.call('GET', `/api/case-view/${caseId}`);
    const reads = await t.service.database
      .knex('audit_log')
      .where({ case_id: caseId, action: 'READ', actor_id: users.byProfessionalId(pair.social_worker_id)!.id });
    expect(reads.map((r: { resource: string }) => r.resource)).to.include.members(['case', 'case_identities']);
  });

  it('answers the diagram with the elements the case is in', async () => {
    const answer = await (
      await as(usernameOf(pair.social_worker_id))
    ).call<{ xml: string; activeElementIds: string[] }>('GET', `/api/case-view/${caseId}/diagram`);
    expect(answer.status).to.equal(200);
    expect(answer.body.xml).to.include('id="sote-tyoparipolku"');
    expect(answer.body.activeElementIds).to.include('assessment-task');
  });

  it('refuses another team’s nurse and a manager, and a caller who is not signed in', async () => {
    expect((await (await as(usernameOf('p-salo-somero-sh1'))).call('GET', `/api/case-view/${caseId}`)).status).to.equal(403);
    expect((await (await as('anne.lehtonen')).call('GET', `/api/case-view/${caseId}`)).status).to.equal(403);
    expect((await (await as(usernameOf('p-salo-somero-sh1'))).call('GET', `/api/case-view/${caseId}/diagram`)).status).to.equal(403);
    expect((await new HttpSession(t.service.url).call('GET', `/api/case-view/${caseId}`)).status).to.equal(401);
  });

  it('answers 404 for no such case and 400 for an id that is not a UUID', async () => {
    const nurse = await as('aino.virtanen');
    expect((await nurse.call('GET', '/api/case-view/00000000-0000-4000-8000-000000000000')).status).to.equal(404);
    expect((await nurse.call('GET', '/api/case-view/abc')).status).to.equal(400);
  });

  it('marks the pair’s assessment task overdue in the inbox once its due date has passed', async () => {
    const nurse = await as(usernameOf(pair.nurse_id));
    const task = await eventually('the assessment task', async () =>
      (await nurse.call<{ items: InboxTask[] }>('GET', '/api/inbox')).body.items.find(
        (item) => item.caseId === caseId && item.elementId === 'assessment-task',
      ),
    );
    expect(Date.parse(task.dueDate!)).to.be.below(Date.now());
    expect(task.overdue).to.equal(true);
  });
});
