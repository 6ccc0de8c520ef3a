import { ElementId, ProcessInstanceKey } from '@camunda8/orchestration-cluster-api';
import { expect } from 'chai';
import { getCase } from '../../src/store/case-repository.js';
import { eventually } from '../support/eventually.js';
import { HttpSession } from '../../kit/http-session.js';
import { startTestService, type TestService } from '../support/service.js';

const NO_WAIT = { consistency: { waitUpToMs: 0 } } as const;

/** POST /api/cases/:id/closure and /team-handling-requests: what the pair tells the pathway. */
describe('app API: a case’s leaving and its team handling', () => {
  let t: TestService;
  let turkuLead: HttpSession;
  let saloLead: HttpSession;

  before(async () => {
    t = await startTestService({ WORKERS: 'in-process' });
    turkuLead = new HttpSession(t.service.url);
    await turkuLead.signIn('minna.toivonen');
    saloLead = new HttpSession(t.service.url);
    await saloLead.signIn('reetta.nieminen');
  });

  after(async () => {
    await t?.close();
  });

  async function openTurkuCase(): Promise<string> {
    const { status, body } = await turkuLead.call<{ caseId: string }>('POST', '/api/cases', {
      municipality: 'Turku',
      referral: { source: 'Terveysasema', reason: 'Alkoholin käyttö' },
      identity: { name: 'Testi Asiakas', henkilotunnus: '131052-308T' },
    });
    expect(status).to.equal(201);
    await eventually('the case routed', async () => (await getCase(t.service.database.knex, body.caseId))?.teamId ?? undefined);
    return body.caseId;
  }

  it('should close the case once for the reason given, however often the leaving is told', async () => {
    // given
    const caseId = await openTurkuCase();

    // when
    const first = await turkuLead.call('POST', `/api/cases/${caseId}/closure`, { closeReason: 'MOVED_AWAY' });
    const again = await turkuLead.call('POST', `/api/cases/${caseId}/closure`, { closeReason: 'DIED' });
    const closed = await eventually('the case to close', async () => {
      const found = await getCase(t.service.database.knex, caseId);
      return found?.closedAt ? found : undefined;
    });
    const afterClosing = await turkuLead.call('POST', `/api/cases/${caseId}/closure`, { closeReason: 'DIED' });

    // then
    expect(first.status).to.equal(202);
    // Told again before the closing worker ran, the leaving is accepted and ignored; after, refused as closed.
    if (again.status === 409) expect(again.body.detail).to.equal(`Case '${caseId}' is closed already (MOVED_AWAY)`);
    else expect(again.status).to.equal(202);
    expect(first.headers.get('location')).to.equal(`/api/cases/${caseId}`);
    expect(closed.outcome).to.equal('MOVED_AWAY');
    expect(afterClosing.status).to.equal(409);
    expect(afterClosing.body.detail).to.equal(`Case '${caseId}' is closed already (MOVED_AWAY)`);
  });

  it('should refuse a reason the pathway does not know, naming the field', async () => {
    // given
    const caseId = await openTurkuCase();

    // when
    const { status, body } = await turkuLead.call<{ errors: Array<{ field: string }> }>('POST', `/api/cases/${caseId}/closure`, {
      closeReason: 'COMPLETED',
    });

    // then
    expect(status).to.equal(400);
    expect(body.errors.map((e) => e.field)).to.deep.equal(['closeReason']);
    expect((await getCase(t.service.database.knex, caseId))?.closedAt).to.equal(null);
  });

  it('should let no one close or bring to a team a case they may not read', async () => {
    // given
    const caseId = await openTurkuCase();

    // when
    const closure = await saloLead.call('POST', `/api/cases/${caseId}/closure`, { closeReason: 'DIED' });
    const request = await saloLead.call('POST', `/api/cases/${caseId}/team-handling-requests`);

    // then
    expect([closure.status, request.status]).to.deep.equal([403, 403]);
    expect((await getCase(t.service.database.knex, caseId))?.closedAt).to.equal(null);
  });

  it('should bring a case at its screening to its team, to the consultant at once when urgent', async () => {
    // given a case at its screening
    const caseId = await openTurkuCase();
    await eventually(
      'the first stage',
      async () => (await t.service.database.knex('stage_history').where({ case_id: caseId }).first()) ?? undefined,
    );

    // when
    const { status, body } = await turkuLead.call('POST', `/api/cases/${caseId}/team-handling-requests`, { urgent: true });

    // then the team handling starts beside the screening, with the consultant's task and no team meeting
    expect([status, body]).to.deep.equal([202, { caseId, requested: 'tiimikasittely-pyydetty', urgent: true }]);
    const { processInstanceKey } = (await getCase(t.service.database.knex, caseId))!;
    const consultation = await eventually('the consultant’s task', async () => {
      const { items: called } = await t.client.searchProcessInstances(
        { filter: { parentProcessInstanceKey: ProcessInstanceKey.assumeExists(processInstanceKey!) } },
        NO_WAIT,
      );
      for (const instance of called) {
        const { items } = await t.client.searchUserTasks(
          {
            filter: {
              processInstanceKey: instance.processInstanceKey,
              elementId: ElementId.assumeExists('psychiatry-consultation-task'),
              state: 'CREATED',
            },
          },
          NO_WAIT,
        );
        if (items[0]) return items[0];
      }
      return undefined;
    });
    expect(consultation.candidateGroups).to.deep.equal(['tiimi-turku-keskusta-vetaja']);
    const { items: screening } = await t.client.searchUserTasks(
      {
        filter: {
          elementId: ElementId.assumeExists('screening-task'),
          processInstanceKey: ProcessInstanceKey.assumeExists(processInstanceKey!),
          state: 'CREATED',
        },
      },
      NO_WAIT,
    );
    expect(screening, 'the screening goes on').to.have.length(1);
  });

  it('should refuse an urgency that is not a yes or a no, naming the field', async () => {
    // given
    const caseId = await openTurkuCase();

    // when
    const { status, body } = await turkuLead.call('POST', `/api/cases/${caseId}/team-handling-requests`, { urgent: 'heti' });

    // then
    expect(status).to.equal(400);
    expect(JSON.stringify(body)).to.contain('urgent');
  });
});
