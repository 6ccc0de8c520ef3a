import { ProcessInstanceKey, UserTaskKey } from '@camunda8/orchestration-cluster-api';
import { expect } from 'chai';
import { readIdentity } from '../../src/store/identity-repository.js';
import { HttpSession } from '../../kit/http-session.js';
import { eventually } from '../support/eventually.js';
import { expectProblem } from '../support/problem.js';
import { startTestService, type TestService } from '../support/service.js';

const NOW = { consistency: { waitUpToMs: 0 } } as const;

/** A valid intake; override what the test is about. */
function intake(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    municipality: 'Turku',
    referral: { source: 'Terveysasema', reason: 'Alkoholin käyttö ja asumisen vaikeudet' },
    attributes: { ageOver75: false },
    identity: { name: 'Testi Asiakas', henkilotunnus: '131052-308T' },
    ...overrides,
  };
}

interface Answer {
  status: number;
  contentType: string;
  location: string | null;
  body: Record<string, unknown> & { errors?: Array<{ field: string; pointer?: string; detail: string }> };
}

describe('app API /api/cases', () => {
  let t: TestService;
  /** The lead of turku-keskusta, the team Turku's cases are routed to: opens cases and reads them. */
  let teamLead: HttpSession;

  async function call(method: string, path: string, body?: unknown, rawBody?: string): Promise<Answer> {
    const response = await fetch(`${t.service.url}${path}`, {
      method,
      headers: {
        cookie: teamLead.cookie ?? '',
        'x-csrf-token': teamLead.csrfToken ?? '',
        ...(body !== undefined || rawBody !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: rawBody ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
    return {
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      location: response.headers.get('location'),
      body: (await response.json()) as Answer['body'],
    };
  }

  /** Polls GET /api/cases/:id until `ready` holds for the view. */
  function caseWhen(caseId: string, ready: (view: Answer['body']) => boolean, what: string): Promise<Answer['body']> {
    return eventually(
      what,
      async () => {
        // 403 until the routing worker has put the case in the team.
        const { status, body } = await call('GET', `/api/cases/${caseId}`);
        if (status === 200 && ready(body)) return body;
        throw new Error(`the case is ${JSON.stringify(body)}`);
      },
      { within: 10_000 },
    );
  }

  before(async () => {
    t = await startTestService({ WORKERS: 'in-process' });
    teamLead = new HttpSession(t.service.url);
    await teamLead.signIn('minna.toivonen');
  });

  after(async () => {
    await t?.close();
  });

  describe('POST /api/cases', () => {
    it('should open the case, start its pathway and answer 201 with its id and process instance', async () => {
      // when
      const answer = await call('POST', '/api/cases', intake({ municipality: '853', attributes: { urgent: true } }));

      // then
      expect(answer.status, JSON.stringify(answer.body)).to.equal(201);
      const { caseId, processInstanceKey } = answer.body as { caseId: string; processInstanceKey: string };
      expect(caseId).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(answer.location).to.equal(`/api/cases/${caseId}`);
      const instance = await t.client.getProcessInstance({ processInstanceKey: ProcessInstanceKey.assumeExists(processInstanceKey) }, NOW);
      expect(instance.processDefinitionId).to.equal('sote-tyoparipolku');
    });

    it('should keep the identity in the app database and out of the process variables', async () => {
      // when
      const { body } = await call('POST', '/api/cases', intake({ identity: { name: 'Salainen Henkilö', henkilotunnus: '010594y9021' } }));

      // then
      const { caseId, processInstanceKey } = body as { caseId: string; processInstanceKey: string };
      expect(await readIdentity(t.service.database.knex, t.service.identityCipher, caseId)).to.deep.equal({
        caseId,
        fullName: 'Salainen Henkilö',
        henkilotunnus: '010594Y9021',
      });
      const variables = await t.client.searchVariables(
        { filter: { processInstanceKey: ProcessInstanceKey.assumeExists(processInstanceKey) }, page: { limit: 1000 } },
        NOW,
      );
      const names = variables.items.map((v) => v.name);
      expect(names).to.include.members(['caseId', 'municipality', 'specialSupportNeed', 'ageOver75', 'urgent']);
      for (const variable of variables.items) expect(variable.value).to.not.match(/Salainen|010594/i);
      const view = await caseWhen(caseId, (v) => v.team !== null, 'the routing');
      expect(JSON.stringify(view)).to.not.match(/Salainen|010594/i);
    });

    it('should record the client’s service language on the case, show it on the case and the inbox, and keep it out of the engine', async () => {
      // when a Swedish-speaking client's case is opened, and one whose language the referral leaves unsaid
      const { body } = await call('POST', '/api/cases', intake({ serviceLanguage: 'sv' }));
      const { body: unsaid } = await call('POST', '/api/cases', intake());
      const refused = await call('POST', '/api/cases', intake({ serviceLanguage: 'en' }));

      // then the case says Swedish, the other Finnish, and another language is refused by name
      const { caseId, processInstanceKey } = body as { caseId: string; processInstanceKey: string };
      const row = await t.service.database.knex('cases').where({ case_id: caseId }).first();
      expect(row.service_language).to.equal('sv');
      const other = await t.service.database
        .knex('cases')
        .where({ case_id: (unsaid as { caseId: string }).caseId })
        .first();
      expect(other.service_language).to.equal('fi');
      expectProblem(refused, 400, { fields: ['serviceLanguage'] });
      const variables = await t.client.searchVariables(
        { filter: { processInstanceKey: ProcessInstanceKey.assumeExists(processInstanceKey) }, page: { limit: 1000 } },
        NOW,
      );
      expect(variables.items.map((v) => v.name)).to.not.include('serviceLanguage');
      // and the team's inbox shows it with the screening task (Turku is bilingual: Turku/Åbo)
      const inbox = await eventually('the screening task in the inbox', async () => {
        const { body: tasks } = await teamLead.call<{ items: { caseId: string | null; serviceLanguage: string | null }[] }>(
          'GET',
          '/api/inbox',
        );
        return tasks.items.find((task) => task.caseId === caseId);
      });
      expect(inbox.serviceLanguage).to.equal('sv');
    });

    it('should refuse a body without a municipality, naming the field', async () => {
      // when
      const answer = await call('POST', '/api/cases', intake({ municipality: undefined }));

      // then
      expectProblem(answer, 400, { fields: ['municipality'] });
      expect(answer.body.errors?.[0].pointer).to.equal('#/municipality');
    });

    it('should refuse a municipality outside Varsinais-Suomi', async () => {
      // when
      const answer = await call('POST', '/api/cases', intake({ municipality: 'Tampere' }));

      // then
      expectProblem(answer, 400, { fields: ['municipality'] });
    });

    it('should refuse a henkilötunnus with a wrong check character, without echoing it', async () => {
      // when
      const answer = await call('POST', '/api/cases', intake({ identity: { name: 'Testi Asiakas', henkilotunnus: '131052-308U' } }));

      // then
      expectProblem(answer, 400, { fields: ['identity.henkilotunnus'] });
      expect(answer.body.errors?.[0].pointer).to.equal('#/identity/henkilotunnus');
      expect(JSON.stringify(answer.body)).to.not.include('131052');
    });

    it('should name every invalid field at once', async () => {
      // when
      const answer = await call('POST', '/api/cases', {
        municipality: 'Turku',
        referral: { source: '', reason: 'x', receivedAt: '2999-01-01T00:00:00Z' },
        attributes: { pregnant: 'yes' },
        identity: { name: 'Testi Asiakas', henkilotunnus: '131052-308T' },
      });

      // then
      expectProblem(answer, 400, { fields: ['referral.source', 'referral.receivedAt', 'attributes.pregnant'] });
    });

    it('should refuse fields it does not know, so a misspelt attribute is not silently ignored', async () => {
      // when
      const answer = await call('POST', '/api/cases', intake({ attributes: { ageover75: true } }));

      // then
      expectProblem(answer, 400, { fields: ['attributes'] });
      expect(answer.body.detail).to.include('ageover75');
    });

    it('should refuse a body that is not JSON, and one that is too large', async () => {
      // when
      const notJson = await call('POST', '/api/cases', undefined, '{"municipality": ');
      const tooLarge = await call('POST', '/api/cases', intake({ referral: { source: 'x', reason: 'x'.repeat(20_000) } }));

      // then
      expectProblem(notJson, 400);
      expectProblem(tooLarge, 413);
    });
  });

  describe('GET /api/cases/:id', () => {
    it('should show the stages, team, open tasks and deadlines, and the pair once it is formed', async () => {
      // given a case whose routing has run
      const { body } = await call('POST', '/api/cases', intake());
      const { caseId } = body as { caseId: string };
      const routed = await caseWhen(caseId, (v) => (v.openTasks as unknown[]).length > 0, 'the screening task');

      // then
      expect(routed).to.deep.include({
        team: { id: 'turku-keskusta', name: 'Turun keskusta' },
        region: { id: 'turun-seutu', name: 'Turun seutu', groupName: 'Turun seudun päihdekuntoutustyöryhmä' },
        pair: null,
      });
      expect(routed.currentStage).to.include({ stage: 'TUEN_TARVE' });
      expect(routed.openTasks).to.deep.equal([
        {
          key: (routed.openTasks as Array<{ key: string }>)[0].key,
          name: 'Alkuselvitys ja suostumus',
          elementId: 'screening-task',
          processDefinitionId: 'sote-tyoparipolku',
          candidateGroups: ['tiimi-turku-keskusta'],
          candidateGroupNames: ['Turun keskusta'],
          dueDate: null,
        },
      ]);
      const startOfAssessment = (routed.deadlines as Array<{ ruleId: string; standing: string }>).find(
        (d) => d.ruleId === 'shl-36-arvioinnin-aloitus-tavoite',
      );
      expect(startOfAssessment, 'the SHL 36 § deadline').to.include({ standing: 'OPEN' });

      // when the screening finds the work-pair criteria met
      const screening = (routed.openTasks as Array<{ key: string }>)[0];
      await t.client.completeUserTask({
        userTaskKey: UserTaskKey.assumeExists(screening.key),
        variables: { bothSubstanceTreatmentAndSpecialServices: true, specialSupportNeed: false, consentScope: 'BOTH' },
      });
      const paired = await caseWhen(
        caseId,
        (v) => (v.currentStage as { stage?: string } | null)?.stage === 'ARVIOINTI' && v.pair !== null,
        'the pair',
      );

      // then
      expect(paired.pair).to.deep.include({
        nurse: { id: 'p-turku-keskusta-sh1', displayName: 'Aino Virtanen', role: 'NURSE' },
        manual: false,
      });
      expect((paired.pair as { socialWorker: { role: string } }).socialWorker.role).to.equal('SOCIAL_COUNSELLOR');
      expect((paired.stages as Array<{ stage: string; leftAt: string | null }>).map((s) => [s.stage, s.leftAt === null])).to.deep.equal([
        ['TUEN_TARVE', false],
        ['TYOPARIN_MUODOSTUS', false],
        ['ARVIOINTI', true],
      ]);
      const assessment = await caseWhen(caseId, (v) => (v.openTasks as unknown[]).length > 0, 'the assessment task');
      expect(assessment.openTasks).to.have.length(1);
      expect((assessment.openTasks as Array<{ elementId: string; dueDate: string | null }>)[0]).to.include({
        elementId: 'assessment-task',
      });
      expect((assessment.openTasks as Array<{ dueDate: string | null }>)[0].dueDate).to.be.a('string');
    });

    it('should answer 400 naming the id when it is not a UUID', async () => {
      // when
      const answer = await call('GET', '/api/cases/not-a-case');

      // then
      expectProblem(answer, 400, { fields: ['id'] });
    });

    it('should answer 404 for a case that does not exist', async () => {
      // when
      const answer = await call('GET', '/api/cases/0b6f3c6e-4f0e-4d0b-9d3c-2f7e9a1b2c3d');

      // then
      expectProblem(answer, 404);
      expect(answer.body.instance).to.equal('/api/cases/0b6f3c6e-4f0e-4d0b-9d3c-2f7e9a1b2c3d');
    });
  });

  describe('the case closing', () => {
    it('should show the outcome, no current stage and no pair after the client withdraws', async () => {
      // given a case with a pair
      const { body } = await call('POST', '/api/cases', intake());
      const { caseId } = body as { caseId: string };
      const routed = await caseWhen(caseId, (v) => (v.openTasks as unknown[]).length > 0, 'the screening task');
      await t.client.completeUserTask({
        userTaskKey: UserTaskKey.assumeExists((routed.openTasks as Array<{ key: string }>)[0].key),
        variables: { bothSubstanceTreatmentAndSpecialServices: true, specialSupportNeed: true },
      });
      await caseWhen(caseId, (v) => v.pair !== null, 'the pair');

      // when
      await t.client.correlateMessage({ name: 'asiakkuus-paattyy', correlationKey: caseId, variables: { closeReason: 'CLIENT_WITHDREW' } });
      const closed = await caseWhen(caseId, (v) => v.closedAt !== null, 'the case to close');

      // then
      expect(closed).to.deep.include({ outcome: 'CLIENT_WITHDREW', currentStage: null, openTasks: [] });
      // the closed case still names its pair, released at the close
      expect((closed.pair as { releasedAt?: string } | null)?.releasedAt).to.be.a('string');
    });
  });

  describe('unknown endpoints', () => {
    it('should answer 404 problem+json', async () => {
      expectProblem(await call('GET', '/api/nothing-here'), 404);
    });
  });
});
