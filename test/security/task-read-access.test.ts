import { ElementId, ProcessInstanceKey, UserTaskKey } from '@camunda8/orchestration-cluster-api';
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import type { InboxTask, TaskDetails } from '../../src/api/inbox/inbox-types.js';
import { formShownKeys } from '../../src/api/inbox/form-shown.js';
import { loadUsers } from '../../src/auth/users.js';
import { eventually } from '../support/eventually.js';
import { answers } from '../../kit/pathway/answers.js';
import { startTestService, type TestService } from '../support/service.js';
import { sessions } from './signed-in-case-world.js';
import { expectProblem } from '../support/problem.js';

const NOW = { consistency: { waitUpToMs: 0 } } as const;
const users = loadUsers();
const usernameOf = (professionalId: string) => users.byProfessionalId(professionalId)!.username;
const SCREENING_NOTE = 'Sosiaalityön muistiinpano: asiakas kertoi velkajärjestelystä ja lähisuhdeväkivallasta.';

interface ProblemBody {
  status: number;
  detail: string;
}

/**
 * Issue 9 finding 5: a task is read with the same register and consent check as its case. A
 * Turku case whose client gave no consent: the team's nurse, refused the case, is refused its
 * tasks; an assignee set through /v2 is no relationship to the case; a task shows only what its
 * form shows; the use log carries the basis the check found.
 */
describe('task reads check the case: register, consent and relationship (/api/inbox/tasks)', () => {
  let t: TestService;
  let caseId: string;
  let processInstanceKey: string;
  let pair: { nurse_id: string; social_worker_id: string };
  const as = sessions(() => t);

  const openTask = (elementId: string) =>
    eventually(`task ${elementId}`, async () => {
      const page = await t.client.searchUserTasks(
        {
          filter: {
            processInstanceKey: ProcessInstanceKey.assumeExists(processInstanceKey),
            elementId: ElementId.assumeExists(elementId),
            state: 'CREATED',
          },
        },
        NOW,
      );
      return page.items[0];
    });
  const taskReads = (actorId: string) =>
    t.service.database
      .knex('audit_log')
      .where({ case_id: caseId, action: 'READ', resource: 'task_variables', actor_id: actorId })
      .select('basis', 'basis_detail', 'register');

  before(async () => {
    t = await startTestService({ WORKERS: 'in-process' });
    const opened = await (
      await as('minna.toivonen')
    ).call<{ caseId: string; processInstanceKey: string }>('POST', '/api/cases', {
      municipality: 'Turku',
      referral: { source: 'Terveysasema', reason: 'Alkoholin käyttö ja asumisen vaikeudet' },
      identity: { name: 'Testi Asiakas', henkilotunnus: '131052-308T' },
    });
    ({ caseId, processInstanceKey } = opened.body);
  });

  after(async () => {
    await t?.close();
  });

  it('refuses the team’s nurse the screening task of a case she may not read, with a problem naming consent', async () => {
    // given the screening task, offered to the whole team, before any consent
    const screening = await openTask('screening-task');
    const nurse = await as('aino.virtanen');
    expect((await nurse.call('GET', `/api/cases/${caseId}`)).status, 'the case itself').to.equal(403);

    // when
    const answer = await nurse.call<ProblemBody>('GET', `/api/inbox/tasks/${String(screening.userTaskKey)}`);

    // then
    expectProblem(answer, 403, { detail: /asiakkaan voimassa olevan suostumuksen/ });
    expect((await nurse.call('POST', `/api/inbox/tasks/${String(screening.userTaskKey)}/claim`)).status, 'claim').to.equal(403);
    expect(
      (await inboxOf(nurse)).map((task) => task.key),
      'her inbox',
    ).not.to.include(String(screening.userTaskKey));
  });

  it('refuses the pair’s nurse the assessment task once the screening recorded no consent', async () => {
    // given the social side screens the case without consent, writing a note of its own
    const screening = await openTask('screening-task');
    await t.client.completeUserTask({
      userTaskKey: screening.userTaskKey,
      variables: { ...answers.screening(true, 'NONE'), screeningNote: SCREENING_NOTE },
    });
    pair = await eventually('the work pair', async () => t.service.database.knex('pair_assignments').where({ case_id: caseId }).first());
    const assessment = await openTask('assessment-task');
    const nurse = await as(usernameOf(pair.nurse_id));
    expect((await nurse.call('GET', `/api/cases/${caseId}`)).status, 'the case itself').to.equal(403);

    // when
    const answer = await nurse.call<ProblemBody>('GET', `/api/inbox/tasks/${String(assessment.userTaskKey)}`);

    // then
    expect(answer.status).to.equal(403);
    expect(answer.body.detail).to.match(/asiakkaan voimassa olevan suostumuksen/);
    expect(JSON.stringify(answer.body)).not.to.include('velkajärjestelystä');
    expect(await taskReads(users.byProfessionalId(pair.nurse_id)!.id)).to.deep.equal([]);
  });

  it('shows the pair’s social worker only the variables the assessment form shows, not the screening note', async () => {
    // given
    const assessment = await openTask('assessment-task');
    const socialWorker = await as(usernameOf(pair.social_worker_id));

    // when
    const answer = await socialWorker.call<TaskDetails>('GET', `/api/inbox/tasks/${String(assessment.userTaskKey)}`);

    // then
    expect(answer.status).to.equal(200);
    const shown = formShownKeys(JSON.parse(readFileSync('process-application/forms/asiakaskartoitus.form', 'utf8')));
    expect(
      Object.keys(answer.body.variables).every((name) => shown.has(name)),
      Object.keys(answer.body.variables).join(', '),
    ).to.equal(true);
    expect(answer.body.variables).to.include({ specialSupportNeed: false });
    expect(answer.body.variables).not.to.have.any.keys('screeningNote', 'caseId', 'teamId', 'pairNurseId', 'consentScope');
  });

  it('logs an answered task read with the basis the check found: the pair’s own case, the team’s work task, a legal basis', async () => {
    // given the social side records a legal basis for the nurse's side
    const assessment = await openTask('assessment-task');
    const key = String(assessment.userTaskKey);
    const basis = { statute: 'TervHL 1326/2010 9 §', reason: 'Hoidon tarpeen arviointi' };
    expect((await (await as(usernameOf(pair.social_worker_id))).call('POST', `/api/cases/${caseId}/legal-bases`, basis)).status).to.equal(
      201,
    );

    // when the social worker of the pair, another of the team and the pair's nurse read the task
    const readers = [usernameOf(pair.social_worker_id), 'lauri.nurmi', usernameOf(pair.nurse_id)];
    for (const username of readers)
      expect((await (await as(username)).call('GET', `/api/inbox/tasks/${key}`)).status, username).to.equal(200);

    // then
    const [socialWorker, teamMember, nurse] = readers.map((username) => users.byUsername(username)!.id);
    expect(await taskReads(socialWorker)).to.deep.include({ basis: 'OWN_CASE', basis_detail: null, register: 'SOCIAL' });
    expect(await taskReads(teamMember)).to.deep.equal([{ basis: 'WORK_TASK', basis_detail: null, register: 'SOCIAL' }]);
    expect(await taskReads(nurse)).to.deep.equal([{ basis: 'LEGAL_BASIS', basis_detail: basis.statute, register: 'SOCIAL' }]);
  });

  it('does not take an assignee set through /v2 for a relationship: another team’s worker can neither read nor complete the task', async () => {
    // given the task assigned, through the engine's API, to a counsellor of Salo's team
    const assessment = await openTask('assessment-task');
    const key = String(assessment.userTaskKey);
    await t.client.assignUserTask({ userTaskKey: UserTaskKey.assumeExists(key), assignee: 'p-salo-somero-so1', allowOverride: true });
    const outsider = await as(usernameOf('p-salo-somero-so1'));

    // when
    const read = await outsider.call<ProblemBody>('GET', `/api/inbox/tasks/${key}`);
    const completion = await outsider.call<ProblemBody>('POST', `/api/inbox/tasks/${key}/completion`, {
      variables: answers.assessment(),
    });

    // then
    expect(read.status).to.equal(403);
    expect(read.body.detail).to.include('ei ole tiimisi, työparisi eikä alueellisen työryhmäsi asia');
    expect(completion.status).to.equal(403);
    expect((await openTask('assessment-task')).userTaskKey, 'the task is still open').to.equal(assessment.userTaskKey);
    expect(
      (await inboxOf(outsider)).map((task) => task.key),
      'the outsider’s inbox',
    ).not.to.include(key);
    expect(await taskReads(users.byProfessionalId('p-salo-somero-so1')!.id)).to.deep.equal([]);
  });
});

async function inboxOf(session: { call: <T>(method: string, path: string) => Promise<{ body: T }> }): Promise<InboxTask[]> {
  return (await session.call<{ items: InboxTask[] }>('GET', '/api/inbox')).body.items;
}
