import { expect } from 'chai';
import type { InboxTask } from '../../src/api/inbox/inbox-types.js';
import { eventually } from '../support/eventually.js';
import { HttpSession } from '../../kit/http-session.js';
import { answers } from '../../kit/pathway/answers.js';
import { startTestService, type TestService } from '../support/service.js';

/** The engine's basic auth user in this suite: the one principal /v2 knows, shared by the service's own client. */
const ENGINE_USER = { username: 'tasklist-integration', password: 'a-long-test-password-of-the-engine' };

const INTAKE = {
  municipality: 'Turku',
  referral: { source: 'Terveysasema', reason: 'Alkoholin käyttö' },
  identity: { name: 'Testi Asiakas', henkilotunnus: '131052-308T' },
};

interface LogRow {
  actor_id: string;
  actor_role: string;
  case_id: string | null;
  action: string;
  resource: string;
  engine_method: string | null;
  engine_path: string | null;
  engine_status: number | null;
}

describe('the use log of /v2 and of the workers’ writes after a task', () => {
  let t: TestService;
  let caseId: string;
  let processInstanceKey: string;
  const signedIn = async (username: string) => {
    const session = new HttpSession(t.service.url);
    await session.signIn(username);
    return session;
  };
  const v2 = async <T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> => {
    const answer = await fetch(`${t.service.url}/v2${path}`, {
      method,
      headers: {
        authorization: `Basic ${Buffer.from(`${ENGINE_USER.username}:${ENGINE_USER.password}`).toString('base64')}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await answer.text();
    return { status: answer.status, body: (text ? JSON.parse(text) : undefined) as T };
  };
  const logRows = (where: Partial<LogRow>) => t.service.database.knex<LogRow>('audit_log').where(where).orderBy('id');
  const openTask = async (elementId: string) =>
    eventually(`the case's ${elementId}`, async () => {
      const found = await v2<{ items: Array<{ userTaskKey: string; elementId: string }> }>('POST', '/user-tasks/search', {
        filter: { processInstanceKey, state: 'CREATED' },
      });
      return found.body.items.find((task) => task.elementId === elementId)?.userTaskKey;
    });

  before(async () => {
    t = await startTestService({
      WORKERS: 'in-process',
      CAMUNDA_AUTH_STRATEGY: 'BASIC',
      CAMUNDA_BASIC_AUTH_USERNAME: ENGINE_USER.username,
      CAMUNDA_BASIC_AUTH_PASSWORD: ENGINE_USER.password,
    });
    const opened = await (
      await signedIn('minna.toivonen')
    ).call<{ caseId: string; processInstanceKey: string }>('POST', '/api/cases', INTAKE);
    ({ caseId, processInstanceKey } = opened.body);
    processInstanceKey = String(processInstanceKey);
  });
  after(async () => {
    await t?.close();
  });

  it('logs a /v2 variable search with the engine user, the path, the status and the case it read', async () => {
    // when
    const answer = await v2('POST', '/variables/search', { filter: { processInstanceKey, name: 'caseId' } });

    // then
    expect(answer.status).to.equal(200);
    const rows = await logRows({ engine_path: '/v2/variables/search', case_id: caseId });
    expect(
      rows.map(({ actor_id, actor_role, action, resource, engine_method, engine_status }) => ({
        actor_id,
        actor_role,
        action,
        resource,
        engine_method,
        engine_status,
      })),
    ).to.deep.include({
      actor_id: ENGINE_USER.username,
      actor_role: 'ENGINE_CLIENT',
      action: 'READ',
      resource: 'engine_api',
      engine_method: 'POST',
      engine_status: 200,
    });
  });

  it('logs a /v2 search that names no case once, without a case', async () => {
    // given
    const before = (await logRows({ engine_path: '/v2/variables/search' })).length;

    // when a search no instance answers
    expect((await v2('POST', '/variables/search', { filter: { processInstanceKey: '2251799813685249999' } })).status).to.equal(200);

    // then
    const rows = await logRows({ engine_path: '/v2/variables/search' });
    expect(rows.slice(before).map((r) => [r.actor_id, r.case_id, r.engine_status])).to.deep.equal([[ENGINE_USER.username, null, 200]]);
  });

  it('names the basic-auth user at /v2/authentication/me, logs neither it nor an expression evaluation, and logs a call hierarchy with its case', async () => {
    // when
    const me = await v2<{ username: string }>('GET', '/authentication/me');
    const evaluated = await v2<{ result: unknown }>('POST', '/expression/evaluation', { expression: '=1 + 1' });
    const hierarchy = await v2('GET', `/process-instances/${processInstanceKey}/call-hierarchy`);

    // then
    expect([me.status, me.body.username]).to.deep.equal([200, ENGINE_USER.username]);
    expect([evaluated.status, evaluated.body.result]).to.deep.equal([200, 2]);
    expect(hierarchy.status).to.equal(200);
    expect(await logRows({ engine_path: '/v2/authentication/me' })).to.deep.equal([]);
    expect(await logRows({ engine_path: '/v2/expression/evaluation' })).to.deep.equal([]);
    const read = await logRows({ engine_path: `/v2/process-instances/${processInstanceKey}/call-hierarchy` });
    expect(read.map((r) => [r.case_id, r.action, r.resource])).to.deep.equal([[caseId, 'READ', 'engine_api']]);
  });

  it('logs the writes of the workers after a task completed in the inbox as the completing user’s, not system', async () => {
    // given the screening task, claimed in the inbox by Juha Laitinen (u-turku-keskusta-so1)
    const juha = await signedIn('juha.laitinen');
    const key = await eventually('the screening task in the inbox', async () => {
      const inbox = await juha.call<{ items: InboxTask[] }>('GET', '/api/inbox');
      return inbox.body.items.find((task) => task.caseId === caseId)?.key;
    });
    expect((await juha.call('POST', `/api/inbox/tasks/${key}/claim`)).status).to.equal(204);

    // when he completes it with the client's consent
    expect((await juha.call('POST', `/api/inbox/tasks/${key}/completion`, { variables: answers.screening(true) })).status).to.equal(204);

    // then record-screening's and form-work-pair's writes are his
    const written = await eventually('the screening and the pair written', async () => {
      const rows = await logRows({ case_id: caseId }).whereIn('resource', ['screenings', 'consents', 'pair_assignments']);
      return rows.some((r) => r.resource === 'pair_assignments') ? rows : undefined;
    });
    expect(written.map((r) => [r.resource, r.action, r.actor_id, r.actor_role])).to.deep.include.members([
      ['screenings', 'INSERT', 'u-turku-keskusta-so1', 'SOCIAL_COUNSELLOR'],
      ['consents', 'INSERT', 'u-turku-keskusta-so1', 'SOCIAL_COUNSELLOR'],
      ['pair_assignments', 'INSERT', 'u-turku-keskusta-so1', 'SOCIAL_COUNSELLOR'],
    ]);
    expect(written.map((r) => r.actor_id)).not.to.include('system');
  });

  it('logs the workers’ job activations and completions on /v2 with the case, as the engine user', async () => {
    // the intake started route-case, which the in-process workers activated and completed
    const completions = await eventually('the route-case completion logged', async () => {
      const rows = await logRows({ case_id: caseId, engine_method: 'POST' }).where('engine_path', 'like', '/v2/jobs/%/completion');
      return rows.length > 0 ? rows : undefined;
    });
    expect(completions[0]).to.deep.include({
      actor_id: ENGINE_USER.username,
      action: 'UPDATE',
      resource: 'engine_api',
      engine_status: 204,
    });
    const activations = await logRows({ case_id: caseId, engine_path: '/v2/jobs/activation' });
    expect(activations.map((r) => [r.action, r.engine_status])).to.deep.include(['READ', 200]);
  });

  it('logs a user task completed directly on /v2, as a Tasklist-like client does, with its case', async () => {
    // given the assessment task the pair gets after the screening
    const key = await openTask('assessment-task');

    // when
    const answer = await v2('POST', `/user-tasks/${key}/completion`, { variables: answers.assessment() });

    // then: logged by the time the answer arrives
    expect(answer.status).to.equal(204);
    const rows = await logRows({ engine_path: `/v2/user-tasks/${key}/completion` });
    expect(rows.map((r) => [r.actor_id, r.case_id, r.action, r.engine_method, r.engine_status])).to.deep.equal([
      [ENGINE_USER.username, caseId, 'UPDATE', 'POST', 204],
    ]);
  });

  it('answers a read the log cannot take 503, without its data, and a change as it happened', async () => {
    // given a use log that refuses /v2 entries
    const knex = t.service.database.knex;
    await knex.raw('ALTER TABLE audit_log ADD CONSTRAINT refuse_engine_calls CHECK (engine_path IS NULL) NOT VALID');
    try {
      // when
      const read = await v2<{ items?: unknown; detail?: string }>('POST', '/variables/search', { filter: { processInstanceKey } });
      const change = await v2<{ messageKey?: string }>('POST', '/messages/publication', {
        name: 'nobody-waits-for-this',
        correlationKey: 'x',
        timeToLive: 0,
      });

      // then the read is refused and shows nothing; the message, already published, is answered
      expect(read.status).to.equal(503);
      expect(read.body.items).to.equal(undefined);
      expect(read.body.detail).to.include('use log');
      expect(change.status).to.equal(200);
      expect(change.body.messageKey).to.not.equal(undefined);
    } finally {
      await knex.raw('ALTER TABLE audit_log DROP CONSTRAINT refuse_engine_calls');
    }
  });

  it('logs a deployment as administrative, without a case', async () => {
    // given a diagram of no case
    const form = new FormData();
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="use-log-deployment" isExecutable="true"><bpmn:startEvent id="start" /></bpmn:process>
</bpmn:definitions>`;
    form.append('resources', new Blob([xml], { type: 'application/xml' }), 'use-log-deployment.bpmn');

    // when
    const answer = await fetch(`${t.service.url}/v2/deployments`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${ENGINE_USER.username}:${ENGINE_USER.password}`).toString('base64')}` },
      body: form,
    });

    // then
    expect(answer.status).to.equal(200);
    const rows = await logRows({ engine_path: '/v2/deployments', resource: 'engine_administration' });
    expect(rows.map((r) => [r.actor_id, r.case_id, r.action, r.engine_status])).to.deep.include([
      ENGINE_USER.username,
      null,
      'UPDATE',
      200,
    ]);
  });
});
