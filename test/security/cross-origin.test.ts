import createCamundaClient from '@camunda8/orchestration-cluster-api';
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { startTestService, type TestService } from '../support/service.js';
import { expectProblem } from '../support/problem.js';

const CREDENTIALS = {
  CAMUNDA_AUTH_STRATEGY: 'BASIC' as const,
  CAMUNDA_BASIC_AUTH_USERNAME: 'modeler-kayttaja',
  CAMUNDA_BASIC_AUTH_PASSWORD: 'salasana-joka-on-pitka',
};
const AUTHORIZATION = `Basic ${Buffer.from(`${CREDENTIALS.CAMUNDA_BASIC_AUTH_USERNAME}:${CREDENTIALS.CAMUNDA_BASIC_AUTH_PASSWORD}`).toString('base64')}`;

/** What a page's `fetch(url, { method: 'POST', mode: 'no-cors', body: formData })` sends: a multipart deployment, no preflight. */
function deployWaiting(url: string, headers: Record<string, string>): Promise<Response> {
  const form = new FormData();
  form.append('resources', new Blob([readFileSync('test/fixtures/waiting.bpmn')], { type: 'application/xml' }), 'waiting.bpmn');
  return fetch(`${url}/v2/deployments`, { method: 'POST', body: form, headers });
}

async function deployedVersions(url: string): Promise<number[]> {
  const client = createCamundaClient({ config: { CAMUNDA_REST_ADDRESS: url, ...CREDENTIALS, CAMUNDA_SDK_LOG_LEVEL: 'silent' } });
  const found = await client.searchProcessDefinitions({ filter: { processDefinitionId: 'waiting' } }, { consistency: { waitUpToMs: 0 } });
  return found.items.map((d) => d.version);
}

describe('/v2 refuses requests from pages of other sites', () => {
  describe('with basic auth, which a browser may hold for the engine', () => {
    let t: TestService;

    before(async () => {
      t = await startTestService(CREDENTIALS);
    });

    after(async () => {
      await t.close();
    });

    it('should refuse a deployment with Origin: https://evil.example, saying why, and deploy nothing', async () => {
      // when
      const answer = await deployWaiting(t.service.url, { authorization: AUTHORIZATION, origin: 'https://evil.example' });

      // then
      const problem = expectProblem({ status: answer.status, headers: answer.headers, body: await answer.json() }, 403);
      expect(problem.detail).to.contain('Origin https://evil.example').and.contain('other sites');
      expect(await deployedVersions(t.service.url)).to.deep.equal([]);
    });

    it('should refuse a deployment with Sec-Fetch-Site: cross-site and no Origin, and deploy nothing', async () => {
      // when
      const answer = await deployWaiting(t.service.url, { authorization: AUTHORIZATION, 'sec-fetch-site': 'cross-site' });

      // then
      expect(answer.status).to.equal(403);
      expect(((await answer.json()) as { detail: string }).detail).to.contain('Sec-Fetch-Site: cross-site');
      expect(await deployedVersions(t.service.url)).to.deep.equal([]);
    });

    it('should refuse a search from an opaque origin (a sandboxed frame sends Origin: null)', async () => {
      // when
      const answer = await fetch(`${t.service.url}/v2/variables/search`, {
        method: 'POST',
        headers: { authorization: AUTHORIZATION, origin: 'null', 'content-type': 'application/json' },
        body: '{}',
      });

      // then
      expect(answer.status).to.equal(403);
    });

    it('should deploy the same request without the headers, as Modeler and the official client send it', async () => {
      // when
      const answer = await deployWaiting(t.service.url, { authorization: AUTHORIZATION });

      // then
      expect(answer.status).to.equal(200);
      expect(await deployedVersions(t.service.url)).to.deep.equal([1]);
    });

    it('should answer a page of the service itself (same origin, Sec-Fetch-Site: same-origin)', async () => {
      // when
      const answer = await fetch(`${t.service.url}/v2/topology`, {
        headers: { authorization: AUTHORIZATION, origin: t.service.url, 'sec-fetch-site': 'same-origin' },
      });

      // then
      expect(answer.status).to.equal(200);
    });
  });

  describe('without credentials on loopback (CAMUNDA_AUTH_STRATEGY=NONE)', () => {
    let t: TestService;

    before(async () => {
      t = await startTestService();
    });

    after(async () => {
      await t.close();
    });

    it('should refuse a page of another site that reaches the loopback engine, and deploy nothing', async () => {
      // when
      const answer = await deployWaiting(t.service.url, { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' });

      // then
      expect(answer.status).to.equal(403);
      const found = await t.client.searchProcessDefinitions(
        { filter: { processDefinitionId: 'waiting' } },
        { consistency: { waitUpToMs: 0 } },
      );
      expect(found.items).to.deep.equal([]);
    });
  });
});
