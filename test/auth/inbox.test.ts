import { expect } from 'chai';
import type { InboxTask, TaskDetails } from '../../src/api/inbox/inbox-types.js';
import { loadUsers } from '../../src/auth/users.js';
import { answers } from '../../kit/pathway/answers.js';
import { startTestService, type TestService } from '../support/service.js';
import { eventually } from '../support/eventually.js';
import { HttpSession } from '../../kit/http-session.js';

/**
 * A Turku case: routed to turku-keskusta, whose team group gets the screening task. The social
 * side screens it: before the client's consent the case (and so its task) is the social register's.
 */
const INTAKE = {
  municipality: 'Turku',
  referral: { source: 'Terveysasema', reason: 'Alkoholin käyttö ja asumisen vaikeudet' },
  identity: { name: 'Testi Asiakas', henkilotunnus: '131052-308T' },
};

describe('inbox API (/api/inbox)', () => {
  let t: TestService;
  let caseId: string;
  let screeningKey: string;
  const as = async (username: string) => {
    const session = new HttpSession(t.service.url);
    await session.signIn(username);
    return session;
  };
  const inboxOf = async (session: HttpSession) => (await session.call<{ items: InboxTask[] }>('GET', '/api/inbox')).body.items;

  before(async () => {
    t = await startTestService({ WORKERS: 'in-process' });
    const opened = await (await as('minna.toivonen')).call<{ caseId: string }>('POST', '/api/cases', INTAKE);
    caseId = opened.body.caseId;
    const counsellor = await as('juha.laitinen');
    screeningKey = await eventually(
      'the screening task in the team’s inbox',
      async () => (await inboxOf(counsellor)).find((task) => task.caseId === caseId)?.key,
    );
  });
  after(async () => {
    await t?.close();
  });

  it('lists a team’s task for its members with the case, stage, team and no assignee', async () => {
    const [task] = (await inboxOf(await as('kaisa.lahtinen'))).filter((item) => item.caseId === caseId);
    expect(task).to.deep.include({
      key: screeningKey,
      elementId: 'screening-task',
      caseId,
      stage: { code: 'TUEN_TARVE', label: 'Tuen tarve' },
      team: { id: 'turku-keskusta', name: 'Turun keskusta' },
      assignee: null,
      assignedToMe: false,
      overdue: false,
      hasForm: true,
    });
    expect(task.candidateGroups).to.deep.equal(['tiimi-turku-keskusta']);
  });

  it('does not show the task to another team, and refuses it by key', async () => {
    // given a nurse of another team
    const other = await as(otherTeamNurse());
    // then
    expect((await inboxOf(other)).map((task) => task.key)).not.to.include(screeningKey);
    expect((await other.call('GET', `/api/inbox/tasks/${screeningKey}`)).status).to.equal(403);
    expect((await other.call('POST', `/api/inbox/tasks/${screeningKey}/claim`)).status).to.equal(403);
  });

  it('needs a signed-in user', async () => {
    const anonymous = new HttpSession(t.service.url);
    expect((await anonymous.call('GET', '/api/inbox')).status).to.equal(401);
    expect((await anonymous.call('GET', `/api/inbox/tasks/${screeningKey}`)).status).to.equal(401);
  });

  it('answers 404 for no such task and 400 naming a key that is not one', async () => {
    const nurse = await as('aino.virtanen');
    expect((await nurse.call('GET', '/api/inbox/tasks/4503599627370495')).status).to.equal(404);
    const bad = await nurse.call<{ errors: { field: string }[] }>('GET', '/api/inbox/tasks/abc');
    expect(bad.status).to.equal(400);
    expect(bad.body.errors[0].field).to.equal('key');
  });

  it('opens a task with its Camunda Form and the variables its form shows: the intake’s answers, not the routing', async () => {
    const details = (await (await as('juha.laitinen')).call<TaskDetails>('GET', `/api/inbox/tasks/${screeningKey}`)).body;
    expect((details.form as { id: string }).id).to.equal('alkuselvitys');
    expect(details.variables).to.deep.equal({
      urgent: false,
      ageOver75: false,
      highestCareAllowance: false,
      pregnant: false,
      specialSupportNeed: false,
    });
    expect(details.task.state).to.equal('CREATED');
  });

  it('lets one colleague claim the task: the other can neither claim nor complete it, until it is released', async () => {
    // given
    const juha = await as('juha.laitinen');
    const kaisa = await as('kaisa.lahtinen');
    // when Juha claims
    expect((await juha.call('POST', `/api/inbox/tasks/${screeningKey}/claim`)).status).to.equal(204);
    // then
    const mine = (await inboxOf(juha)).find((task) => task.key === screeningKey);
    expect(mine).to.deep.include({ assignee: 'p-turku-keskusta-so1', assigneeName: 'Juha Laitinen', assignedToMe: true });
    expect((await kaisa.call('POST', `/api/inbox/tasks/${screeningKey}/claim`)).status).to.equal(409);
    expect(
      (await kaisa.call('POST', `/api/inbox/tasks/${screeningKey}/completion`, { variables: answers.screening(true) })).status,
    ).to.equal(409);
    expect((await kaisa.call('POST', `/api/inbox/tasks/${screeningKey}/unclaim`)).status).to.equal(409);
    // when Juha releases it, Kaisa may claim it
    expect((await juha.call('POST', `/api/inbox/tasks/${screeningKey}/unclaim`)).status).to.equal(204);
    expect((await kaisa.call('POST', `/api/inbox/tasks/${screeningKey}/claim`)).status).to.equal(204);
    expect((await kaisa.call('POST', `/api/inbox/tasks/${screeningKey}/unclaim`)).status).to.equal(204);
  });

  it('completes a claimed task; the case’s next task reaches the work pair', async () => {
    // given
    const juha = await as('juha.laitinen');
    expect(
      (await juha.call('POST', `/api/inbox/tasks/${screeningKey}/completion`, { variables: answers.screening(true) })).status,
    ).to.equal(409);
    await juha.call('POST', `/api/inbox/tasks/${screeningKey}/claim`);
    const smuggled = await juha.call<{ errors: { field: string }[] }>('POST', `/api/inbox/tasks/${screeningKey}/completion`, {
      variables: { ...answers.screening(true), teamId: 'turku-ita', pairNurseId: 'p-turku-ita-sh1' },
    });
    expect(smuggled.status, 'variables the form does not ask for').to.equal(400);
    expect(smuggled.body.errors.map((e) => e.field)).to.have.members(['variables.teamId', 'variables.pairNurseId']);
    const unoffered = await juha.call<{ errors: { field: string; detail: string }[] }>(
      'POST',
      `/api/inbox/tasks/${screeningKey}/completion`,
      {
        variables: { ...answers.screening(true), consentScope: 'EVERYTHING' },
      },
    );
    expect(unoffered.status, 'an answer none of the options').to.equal(400);
    expect(unoffered.body.errors).to.deep.equal([
      { field: 'variables.consentScope', pointer: '#/variables/consentScope', detail: "'EVERYTHING' is not one of the form's options" },
    ]);
    // when
    const done = await juha.call('POST', `/api/inbox/tasks/${screeningKey}/completion`, { variables: answers.screening(true) });
    // then
    expect(done.status).to.equal(204);
    expect((await juha.call('POST', `/api/inbox/tasks/${screeningKey}/claim`)).status).to.equal(409);
    const pair = await eventually(
      'the work pair',
      async () =>
        (await t.service.database.knex('pair_assignments').where({ case_id: caseId }).first()) as { nurse_id: string } | undefined,
    );
    const pairNurse = await as(usernameOf(pair.nurse_id));
    const next = await eventually('the assessment task in the pair nurse’s inbox', async () =>
      (await inboxOf(pairNurse)).find((task) => task.caseId === caseId && task.elementId === 'assessment-task'),
    );
    expect(next.stage?.code).to.equal('ARVIOINTI');
    expect(next.candidateUsers).to.include(pair.nurse_id);
    expect(next.dueDate).to.be.a('string');
  });

  it('refuses a completion whose body is not { variables: {…} }, naming the fields', async () => {
    const juha = await as('juha.laitinen');
    const answer = await juha.call<{ errors: { field: string }[] }>('POST', `/api/inbox/tasks/${screeningKey}/completion`, {
      variables: [1],
      extra: true,
    });
    expect(answer.status).to.equal(400);
    expect(answer.body.errors.map((e) => e.field)).to.have.members(['variables', 'body']);
  });
});

const users = loadUsers();

/** A nurse of Salo's team: not of turku-keskusta. */
function otherTeamNurse(): string {
  return usernameOf('p-salo-somero-sh1');
}

function usernameOf(professionalId: string): string {
  const user = users.all().find((u) => u.professionalId === professionalId);
  if (!user) throw new Error(`no user for ${professionalId}`);
  return user.username;
}
