import { expect } from 'chai';
import { HttpSession } from '../../kit/http-session.js';
import { sessions, turkuCase } from '../security/signed-in-case-world.js';
import { startTestService, type TestService } from '../support/service.js';

interface ConsentJson {
  id: number;
  scope: string;
  withdrawnAt: string | null;
}

/** POST /api/cases/:id/consent-withdrawals and GET /api/cases/:id/consents: the client withdraws consent. */
describe('app API: the client withdraws consent', () => {
  let t: TestService;
  const as = sessions(() => t);

  before(async () => {
    t = await startTestService();
  });

  after(async () => {
    await t?.close();
  });

  it('should stop the other register reading the case from that moment, and keep the case’s own register reading it', async () => {
    // given a social-register case whose client consented to sharing, read by the pair's nurse (health register)
    const caseId = await turkuCase(t, { henkilotunnus: '131052-308T', consent: true });
    const nurse = await as('aino.virtanen');
    const counsellor = await as('juha.laitinen');
    const beforeWithdrawal = await nurse.call('GET', `/api/cases/${caseId}`);

    // when the counsellor records the withdrawal
    const withdrawal = await counsellor.call<{ withdrawn: ConsentJson[] }>('POST', `/api/cases/${caseId}/consent-withdrawals`);

    // then
    expect(beforeWithdrawal.status).to.equal(200);
    expect(withdrawal.status).to.equal(201);
    expect(withdrawal.body.withdrawn.map((consent) => consent.scope)).to.deep.equal(['BOTH']);
    expect(withdrawal.body.withdrawn[0]?.withdrawnAt).to.be.a('string');
    expect((await nurse.call('GET', `/api/cases/${caseId}`)).status).to.equal(403);
    expect((await counsellor.call('GET', `/api/cases/${caseId}`)).status).to.equal(200);
    const listed = await counsellor.call<{ consents: ConsentJson[] }>('GET', `/api/cases/${caseId}/consents`);
    expect(listed.body.consents).to.have.length(1);
    expect(listed.body.consents[0]?.withdrawnAt).to.equal(withdrawal.body.withdrawn[0]?.withdrawnAt);
  });

  it('should log the withdrawal as a change made by the professional who recorded it', async () => {
    // given
    const caseId = await turkuCase(t, { henkilotunnus: '131052-308T', consent: true });
    const counsellor = await as('juha.laitinen');

    // when
    await counsellor.call('POST', `/api/cases/${caseId}/consent-withdrawals`);

    // then
    const logged = await t.service.database
      .knex('audit_log')
      .where({ case_id: caseId, resource: 'consents', action: 'UPDATE' })
      .select('actor_id');
    // u-turku-keskusta-so1 is juha.laitinen's user id in the seed
    expect(logged.map((row: { actor_id: string }) => row.actor_id)).to.deep.equal(['u-turku-keskusta-so1']);
  });

  it('should refuse a withdrawal with nothing in force, a body, a bad case id, a reader who may not read the case and nobody signed in', async () => {
    // given a case without consent
    const caseId = await turkuCase(t, { henkilotunnus: '131052-308T' });
    const counsellor = await as('juha.laitinen');

    // when
    const nothingInForce = await counsellor.call<{ detail: string }>('POST', `/api/cases/${caseId}/consent-withdrawals`);
    const withBody = await counsellor.call<{ detail: string }>('POST', `/api/cases/${caseId}/consent-withdrawals`, { consentId: 1 });
    const badId = await counsellor.call('POST', '/api/cases/not-a-case/consent-withdrawals');
    const otherTeam = await (await as('esa.leppanen')).call('POST', `/api/cases/${caseId}/consent-withdrawals`);
    const anonymous = await new HttpSession(t.service.url).call('POST', `/api/cases/${caseId}/consent-withdrawals`);

    // then
    expect(nothingInForce.status).to.equal(409);
    expect(nothingInForce.body.detail).to.contain('no consent in force');
    expect(withBody.status).to.equal(400);
    expect(withBody.body.detail).to.contain('takes no body');
    expect([badId.status, otherTeam.status, anonymous.status]).to.deep.equal([400, 403, 401]);
  });
});
