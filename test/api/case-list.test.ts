import { expect } from 'chai';
import { HttpSession } from '../../kit/http-session.js';
import { openRoutedTurkuCase, startAppWithoutEngine, type AppWithoutEngine } from '../support/app-without-engine.js';
import { expectProblem } from '../support/problem.js';
import { recordTeamCases, TEAM_CASES } from '../support/team-cases.js';

interface CaseList {
  items: Array<{ caseId: string; stage: { stage: string } | null; pair: { nurse: { displayName: string } } | null; overdue: boolean }>;
  page: { endCursor: string | null };
}

describe('app API: GET /api/cases, the team’s and my own cases', () => {
  let app: AppWithoutEngine;
  const sessions = new Map<string, HttpSession>();
  const as = async (username: string) => {
    if (!sessions.has(username)) {
      const session = new HttpSession(app.url);
      await session.signIn(username);
      sessions.set(username, session);
    }
    return sessions.get(username)!;
  };
  const list = async (username: string, query = '') => (await as(username)).call<CaseList>('GET', `/api/cases${query}`);
  const ids = (answer: { body: CaseList }) => answer.body.items.map((i) => i.caseId);

  before(async () => {
    app = await startAppWithoutEngine('api_case_list');
    await recordTeamCases(app.knex);
  });

  after(async () => {
    await app?.close();
  });

  it('should list the team lead’s team’s open cases, newest first, and never another team’s', async () => {
    // when
    const open = await list('minna.toivonen');
    const all = await list('minna.toivonen', '?state=all');
    const closed = await list('minna.toivonen', '?state=closed');

    // then
    expect(open.status).to.equal(200);
    expect(ids(open)).to.deep.equal([TEAM_CASES.screening, TEAM_CASES.assessing]);
    expect(ids(all)).to.deep.equal([TEAM_CASES.closed, TEAM_CASES.screening, TEAM_CASES.assessing]);
    expect(ids(closed)).to.deep.equal([TEAM_CASES.closed]);
    const assessing = open.body.items[1];
    expect(assessing.stage?.stage).to.equal('ARVIOINTI');
    expect(assessing.pair?.nurse.displayName).to.equal('Aino Virtanen');
    expect(assessing.overdue).to.equal(true);
    expect(open.body.items[0]).to.include({ overdue: false, pair: null });
    expect(JSON.stringify(open.body), 'no identity in the list').not.to.match(/henkilotunnus|Meikäläinen/);
  });

  it('should filter by stage, by the reader in the pair and by a deadline past due', async () => {
    expect(ids(await list('minna.toivonen', '?stage=ARVIOINTI'))).to.deep.equal([TEAM_CASES.assessing]);
    expect(ids(await list('minna.toivonen', '?overdue=true'))).to.deep.equal([TEAM_CASES.assessing]);
    expect(ids(await list('minna.toivonen', '?mine=true'))).to.deep.equal([]);
    expect(ids(await list('juha.laitinen', '?mine=true'))).to.deep.equal([TEAM_CASES.assessing]);
  });

  it('should list for the nurse only the cases the client’s consent lets her read', async () => {
    expect(ids(await list('aino.virtanen'))).to.deep.equal([TEAM_CASES.assessing]);
  });

  it('should page by cursor, newest first, without repeating a case when one is opened between pages', async () => {
    // given
    const first = await list('minna.toivonen', '?limit=1');
    await openRoutedTurkuCase(app.knex, 'a0000000-0000-4000-8000-000000000009');

    // when
    const second = await list('minna.toivonen', `?limit=1&after=${first.body.page.endCursor}`);
    const third = await list('minna.toivonen', `?limit=1&after=${second.body.page.endCursor}`);

    // then
    expect(ids(first)).to.deep.equal([TEAM_CASES.screening]);
    expect(ids(second)).to.deep.equal([TEAM_CASES.assessing]);
    expect([ids(third), third.body.page.endCursor]).to.deep.equal([[], null]);
  });

  it('should log each listed case as read, with its basis', async () => {
    // given
    const before = await app
      .knex('audit_log')
      .where({ actor_id: 'u-turku-keskusta-sh1', resource: 'case_list' })
      .count<{ n: string }[]>('* as n');

    // when
    await list('aino.virtanen');

    // then
    const logged = await app
      .knex('audit_log')
      .where({ actor_id: 'u-turku-keskusta-sh1', resource: 'case_list' })
      .orderBy('id', 'desc')
      .first();
    const after = await app
      .knex('audit_log')
      .where({ actor_id: 'u-turku-keskusta-sh1', resource: 'case_list' })
      .count<{ n: string }[]>('* as n');
    expect(Number(after[0].n) - Number(before[0].n)).to.equal(1);
    expect(logged).to.include({ case_id: TEAM_CASES.assessing, basis: 'CONSENT' });
  });

  it('should refuse a bad filter naming it, a cursor it did not give, and a manager', async () => {
    expectProblem(await list('minna.toivonen', '?state=auki'), 400, { detail: /state/ });
    expectProblem(await list('minna.toivonen', '?after=abc'), 400, { detail: /after: not a cursor this list gave/ });
    expectProblem(await list('minna.toivonen', '?sort=x'), 400, { detail: /sort|Unrecognized/ });
    expectProblem(await list('anne.lehtonen'), 403);
  });
});
