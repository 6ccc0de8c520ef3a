import { expect } from 'chai';
import type { LogExtract } from '../../src/audit/log-extract.js';
import { eventually } from '../support/eventually.js';
import { startTestService, type TestService } from '../support/service.js';
import { sessions, turkuCase } from './signed-in-case-world.js';
import { expectProblem } from '../support/problem.js';

describe('audit completeness and the client’s log extract', () => {
  let t: TestService;
  let caseId: string;
  const as = sessions(() => t);
  const HENKILOTUNNUS = '131052-308T';

  /** READ entries of the case per actor and resource. */
  async function readsLogged(): Promise<Record<string, number>> {
    const rows = await t.service.database
      .knex('audit_log')
      .where({ case_id: caseId, action: 'READ' })
      .select('actor_id', 'resource', 'basis');
    const counts: Record<string, number> = {};
    for (const r of rows as Array<{ actor_id: string; resource: string; basis: string }>) {
      const key = `${r.actor_id} ${r.resource} ${r.basis}`;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    return counts;
  }

  before(async () => {
    t = await startTestService();
    caseId = await turkuCase(t, { henkilotunnus: HENKILOTUNNUS, consent: true, onGroupAgenda: true });
  });

  after(async () => {
    await t?.close();
  });

  it('should log every successful read of the case, with its reader and basis, and no refused one', async () => {
    // given who reads what, and how many times
    const reads: Array<[username: string, path: string, times: number]> = [
      ['aino.virtanen', `/api/cases/${caseId}`, 3],
      ['aino.virtanen', `/api/cases/${caseId}/identity`, 1],
      ['juha.laitinen', `/api/case-view/${caseId}`, 2],
      ['lauri.nurmi', `/api/cases/${caseId}`, 2],
      ['sari.makela', `/api/case-view/${caseId}`, 1],
      ['sari.makela', `/api/cases/${caseId}/identity`, 2],
      ['sirpa.jarvinen', `/api/cases/${caseId}`, 2],
      ['anne.lehtonen', `/api/case-view/${caseId}`, 1],
    ];

    // when
    const statuses: number[] = [];
    for (const [username, path, times] of reads) {
      for (let i = 0; i < times; i++) statuses.push((await (await as(username)).call('GET', path)).status);
    }

    // then: 9 reads answered, 5 refused; the log has the 9 (the case page reads the case and the identity)
    expect(statuses.filter((s) => s === 200)).to.have.length(9);
    expect(statuses.filter((s) => s === 403)).to.have.length(5);
    expect(await readsLogged()).to.deep.equal({
      'u-turku-keskusta-sh1 case CONSENT': 3,
      'u-turku-keskusta-sh1 case_identities CONSENT': 1,
      'u-turku-keskusta-so1 case OWN_CASE': 2,
      'u-turku-keskusta-so1 case_identities OWN_CASE': 2,
      'u-turku-keskusta-st1 case WORK_TASK': 2,
      'u-turun-seutu-tyoryhma case WORK_TASK': 1,
    });
  });

  it('should give the registrar the client’s log extract of the past two years, and log the extract itself', async () => {
    // given an entry older than two years
    await t.service.database.knex('audit_log').insert({
      at: new Date(Date.now() - 3 * 365 * 86_400_000),
      actor_id: 'u-turku-keskusta-sh2',
      actor_role: 'NURSE',
      case_id: caseId,
      action: 'READ',
      resource: 'case',
      register: 'SOCIAL',
      basis: 'OWN_CASE',
    });

    // when
    const admin = await as('outi.kallio');
    const answer = await admin.call<LogExtract>('POST', '/api/log-extracts', {
      henkilotunnus: HENKILOTUNNUS.toLowerCase(),
      requestReference: ' VARHA/1201/2026 ',
    });

    // then
    expect(answer.status).to.equal(200);
    const extract = answer.body;
    expect(extract.cases).to.equal(1);
    expect(extract.requestReference).to.equal('VARHA/1201/2026');
    expect(Date.parse(extract.to) - Date.parse(extract.from)).to.be.within(729 * 86_400_000, 732 * 86_400_000);
    expect(extract.lines.every((l) => l.at >= extract.from)).to.equal(true);
    expect(extract.lines.map((l) => l.actor.id)).to.not.include('u-turku-keskusta-sh2');
    const ainoReads = extract.lines.filter((l) => l.actor.id === 'u-turku-keskusta-sh1' && l.action === 'READ');
    expect(ainoReads).to.have.length(4);
    expect(ainoReads[0]).to.deep.include({
      actor: { id: 'u-turku-keskusta-sh1', name: 'Aino Virtanen', role: 'NURSE', roleLabel: 'Päihdesairaanhoitaja' },
      actionLabel: 'Luku',
      register: 'SOCIAL',
      registerLabel: 'Sosiaalihuollon asiakasrekisteri',
      basis: 'CONSENT',
      basisLabel: 'Asiakkaan suostumus',
    });
    expect(extract.lines.find((l) => l.resource === 'cases' && l.action === 'INSERT')?.actor.id).to.equal('system');
    const logged = await t.service.database
      .knex('audit_log')
      .where({ case_id: caseId, basis: 'CLIENT_REQUEST', actor_id: 'u-paakayttaja' });
    expect(logged.map((row: { resource: string; basis_detail: string }) => [row.resource, row.basis_detail])).to.deep.equal([
      ['audit_log', 'VARHA/1201/2026'],
    ]);
    expect(JSON.stringify(extract)).to.not.include('131052');
  });

  it('should refuse a malformed henkilötunnus or an extract that names no request, naming the field', async () => {
    // when
    const admin = await as('outi.kallio');
    const malformed = await admin.call<{ errors: Array<{ field: string }> }>('POST', '/api/log-extracts', {
      henkilotunnus: '131052-308U',
      requestReference: 'VARHA/1202/2026',
    });
    const unnamed = await admin.call<{ detail: string; errors: Array<{ field: string }> }>('POST', '/api/log-extracts', {
      henkilotunnus: HENKILOTUNNUS,
    });
    const blank = await admin.call<{ errors: Array<{ field: string }> }>('POST', '/api/log-extracts', {
      henkilotunnus: HENKILOTUNNUS,
      requestReference: '  ',
    });

    // then
    expect(malformed.status).to.equal(400);
    expect(malformed.body.errors.map((e) => e.field)).to.deep.equal(['henkilotunnus']);
    expectProblem(unnamed, 400, { fields: ['requestReference'], detail: 'diary number' });
    expect(blank.status).to.equal(400);
    expect(blank.body.errors.map((e) => e.field)).to.deep.equal(['requestReference']);
    expect(await t.service.database.knex('audit_log').where({ basis: 'CLIENT_REQUEST', basis_detail: 'VARHA/1202/2026' })).to.deep.equal(
      [],
    );
  });

  it('should answer an empty extract for an unknown client, and log the search with its request', async () => {
    // when
    const admin = await as('outi.kallio');
    const unknown = await admin.call<LogExtract>('POST', '/api/log-extracts', {
      henkilotunnus: '010594Y9021',
      requestReference: 'VARHA/1203/2026',
    });

    // then
    expect(unknown.status).to.equal(200);
    expect(unknown.body).to.include({ cases: 0, requestReference: 'VARHA/1203/2026' });
    expect(unknown.body.lines).to.deep.equal([]);
    const logged = await t.service.database
      .knex('audit_log')
      .where({ basis_detail: 'VARHA/1203/2026' })
      .select('actor_id', 'case_id', 'action', 'resource', 'basis');
    expect(logged).to.deep.equal([
      { actor_id: 'u-paakayttaja', case_id: null, action: 'READ', resource: 'audit_log', basis: 'CLIENT_REQUEST' },
    ]);
  });
});

describe('audit of what the inbox shows', () => {
  let t: TestService;
  const as = sessions(() => t);

  before(async () => {
    t = await startTestService({ WORKERS: 'in-process' });
  });

  after(async () => {
    await t?.close();
  });

  it('should log the inbox listing and a task’s variables as reads of the case, as a work task', async () => {
    // given a Turku case whose screening task waits in the Turku centre team's inbox
    const lead = await as('minna.toivonen');
    const opened = await lead.call<{ caseId: string }>('POST', '/api/cases', {
      municipality: 'Turku',
      referral: { source: 'Terveysasema', reason: 'Päihteet' },
      identity: { name: 'Testi Asiakas', henkilotunnus: '131052-308T' },
    });
    const { caseId } = opened.body;
    const key = await eventually(
      'the screening task in the inbox',
      async () => {
        const { body } = await lead.call<{ items: Array<{ key: string; caseId: string | null }> }>('GET', '/api/inbox');
        return body.items.find((item) => item.caseId === caseId)?.key;
      },
      { within: 20_000, every: 100 },
    );

    // when
    expect((await lead.call('GET', `/api/inbox/tasks/${key}`)).status).to.equal(200);

    // then
    const reads = await t.service.database
      .knex('audit_log')
      .where({ case_id: caseId, action: 'READ', actor_id: 'u-turku-keskusta-esihenkilo' })
      .select('resource', 'basis');
    expect(reads.filter((r: { resource: string }) => r.resource === 'inbox')).to.have.length.greaterThan(0);
    expect(reads.filter((r: { resource: string }) => r.resource === 'task_variables')).to.deep.equal([
      { resource: 'task_variables', basis: 'WORK_TASK' },
    ]);
    const [write] = await t.service.database.knex('audit_log').where({ case_id: caseId, action: 'INSERT', resource: 'cases' });
    expect(write).to.include({ actor_id: 'u-turku-keskusta-esihenkilo', actor_role: 'TEAM_LEAD', basis: 'WORK_TASK' });
  });
});
