import { expect } from 'chai';
import type { InboxPage, InboxTask } from '../../src/api/inbox/inbox-types.js';
import { HttpSession } from '../../kit/http-session.js';
import { eventually } from '../support/eventually.js';
import { startTestService, type TestService } from '../support/service.js';

/** A Turku referral; `attributes` as the intake form sends them. */
const intake = (attributes: Record<string, boolean>, henkilotunnus: string, receivedAt?: string) => ({
  municipality: 'Turku',
  referral: { source: 'Terveysasema', reason: 'Päihteiden käyttö', ...(receivedAt ? { receivedAt } : {}) },
  attributes,
  identity: { name: 'Testi Asiakas', henkilotunnus },
});

describe('inbox API: views, search, sorting and cursor paging (/api/inbox)', () => {
  let t: TestService;
  let urgent: string;
  let plain: string[];
  let counsellor: HttpSession;
  const as = async (username: string) => {
    const session = new HttpSession(t.service.url);
    await session.signIn(username);
    return session;
  };
  const inbox = async (session: HttpSession, query = '') => {
    const answer = await session.call<InboxPage>('GET', `/api/inbox${query}`);
    expect(answer.status, JSON.stringify(answer.body)).to.equal(200);
    return answer.body;
  };
  const ours = (tasks: InboxTask[]) => tasks.filter((task) => task.caseId === urgent || plain.includes(task.caseId ?? ''));

  before(async () => {
    t = await startTestService({ WORKERS: 'in-process' });
    const lead = await as('minna.toivonen');
    const open = async (attributes: Record<string, boolean>, hetu: string, receivedAt?: string) =>
      (await lead.call<{ caseId: string }>('POST', '/api/cases', intake(attributes, hetu, receivedAt))).body.caseId;
    // An urgent referral received three days ago: its assessment was due at once, on that day.
    urgent = await open({ urgent: true }, '131052-308T', new Date(Date.now() - 3 * 86_400_000).toISOString());
    plain = [await open({}, '010101A123N'), await open({}, '311299-999E')];
    counsellor = await as('juha.laitinen');
    await eventually(
      'the three screening tasks in the team’s inbox',
      async () => ours((await inbox(counsellor)).items).length === 3 || undefined,
    );
  });
  after(async () => {
    await t?.close();
  });

  it('gives a screening task the due date of its case’s deadline: an urgent client’s on the day of the referral, so overdue', async () => {
    const tasks = ours((await inbox(counsellor)).items);
    const urgentTask = tasks.find((task) => task.caseId === urgent);
    expect(urgentTask).to.deep.include({ elementId: 'screening-task', dueDateSource: 'deadline', overdue: true });
    for (const task of tasks) expect(task.dueDate, task.caseId ?? '').to.be.a('string');
    // earliest due first: the urgent client's leads
    expect(tasks[0].caseId).to.equal(urgent);
    expect(ours((await inbox(counsellor, '?view=overdue')).items).map((task) => task.caseId)).to.deep.equal([urgent]);
  });

  it('pages by cursor, saying how many more there are, with no task twice or left out', async () => {
    const all = await inbox(counsellor, '?sort=creationDate&limit=100');
    const first = await inbox(counsellor, '?sort=creationDate&limit=2');
    expect(first.items).to.have.length(2);
    expect(first.page).to.deep.include({ totalItems: all.page.totalItems, remaining: all.page.totalItems - 2 });
    const keys = first.items.map((task) => task.key);
    let cursor = first.page.endCursor;
    while (cursor) {
      const next = await inbox(counsellor, `?sort=creationDate&limit=2&after=${cursor}`);
      keys.push(...next.items.map((task) => task.key));
      cursor = next.page.endCursor;
    }
    expect(keys).to.deep.equal(all.items.map((task) => task.key));
    // newest first
    const created = all.items.map((task) => Date.parse(task.creationDate));
    expect(created).to.deep.equal([...created].sort((a, b) => b - a));
  });

  it('shows mine, the group’s and the unassigned apart once a task is claimed', async () => {
    const [task] = ours((await inbox(counsellor)).items).filter((item) => item.caseId === plain[0]);
    expect((await counsellor.call('POST', `/api/inbox/tasks/${task.key}/claim`)).status).to.equal(204);
    await eventually(
      'the claim in the search',
      async () => ours((await inbox(counsellor, '?view=mine')).items).some((item) => item.key === task.key) || undefined,
    );
    expect(ours((await inbox(counsellor, '?view=mine')).items).map((item) => item.key)).to.deep.equal([task.key]);
    expect(ours((await inbox(counsellor, '?view=unassigned')).items).map((item) => item.key)).not.to.include(task.key);
    expect(ours((await inbox(counsellor, '?view=group')).items)).to.have.length(3);
  });

  it('finds a task by its case id and by the words of its name', async () => {
    const byCase = await inbox(counsellor, `?search=${plain[1].slice(0, 8)}`);
    expect(byCase.items.map((task) => task.caseId)).to.deep.equal([plain[1]]);
    expect(ours((await inbox(counsellor, `?search=${encodeURIComponent('ALKUSELVITYS suostumus')}`)).items)).to.have.length(3);
    expect((await inbox(counsellor, '?search=eiloydy')).page.totalItems).to.equal(0);
  });

  it('logs only the shown page’s case reads, in the use log', async () => {
    const count = async () =>
      Number((await t.service.database.knex('audit_log').where({ resource: 'inbox' }).count<{ count: string }[]>('* as count'))[0].count);
    const before = await count();
    const page = await inbox(counsellor, '?limit=1');
    expect(page.items).to.have.length(1);
    expect((await count()) - before).to.equal(1);
  });

  it('answers 400 naming what is wrong in the query', async () => {
    const bad = await counsellor.call<{ errors: { field: string }[] }>('GET', '/api/inbox?view=kaikki&after=eikursori');
    expect(bad.status).to.equal(400);
    expect(bad.body.errors.map((error) => error.field)).to.include('view');
    const cursor = await counsellor.call<{ errors: { field: string }[] }>('GET', '/api/inbox?after=eikursori');
    expect(cursor.body.errors.map((error) => error.field)).to.deep.equal(['after']);
  });
});
