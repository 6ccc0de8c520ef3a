import { expect } from 'chai';
import { expectProblem, type Problem } from '../support/problem.js';
import { raw, type RawResponse } from '../support/raw.js';
import { type ApiHarness, startApi } from './harness.js';

/** A problem of Camunda's shape: these five members and no others. */
function expectCamundaProblem(response: RawResponse, status: number, title?: string): Problem {
  const problem = expectProblem(response, status, { title });
  expect(Object.keys(problem).sort()).to.deep.equal(['detail', 'instance', 'status', 'title', 'type']);
  return problem;
}

describe('/v2 router: cluster endpoints and HTTP behaviour', () => {
  let api: ApiHarness;

  before(async () => {
    api = await startApi('api_http', { topology: { host: 'engine.local', port: 8080 } });
  });

  after(async () => {
    await api.close();
  });

  describe('GET /v2/topology', () => {
    it('should report one healthy broker leading the one partition', async () => {
      // when
      const topology = await api.client.getTopology();

      // then
      expect(topology).to.deep.include({ clusterSize: 1, partitionsCount: 1, replicationFactor: 1, gatewayVersion: '8.9.0' });
      expect(topology.brokers).to.deep.equal([
        {
          nodeId: 0,
          host: 'engine.local',
          port: 8080,
          partitions: [{ partitionId: 1, role: 'leader', health: 'healthy' }],
          version: '8.9.0',
        },
      ]);
    });
  });

  describe('GET /v2/status', () => {
    it('should answer 204 without a body', async () => {
      // when
      const response = await raw(api, 'GET', '/v2/status');

      // then
      expect(response.status).to.equal(204);
      expect(response.text).to.equal('');
      await api.client.getStatus();
    });
  });

  describe('errors', () => {
    it('should answer an unknown path with a 404 problem naming it', async () => {
      // when
      const response = await raw(api, 'GET', '/v2/no-such-thing?x=1');

      // then
      const problem = expectCamundaProblem(response, 404, 'Not Found');
      expect(problem.instance).to.equal('/v2/no-such-thing');
      expect(problem.detail).to.include('GET /v2/no-such-thing');
    });

    it('should answer a Camunda endpoint the engine leaves out with 404 naming what is not served', async () => {
      // when
      const conditionals = await raw(api, 'POST', '/v2/conditionals/evaluation', { json: {} });
      const documents = await raw(api, 'GET', '/v2/documents/some-document');
      const users = await raw(api, 'POST', '/v2/users/search', { json: {} });
      const deletion = await raw(api, 'POST', '/v2/process-instances/deletion', { json: { filter: {} } });

      // then
      expect(expectCamundaProblem(conditionals, 404, 'Not Found').detail).to.equal(
        'No endpoint POST /v2/conditionals/evaluation: the embedded engine does not serve conditional events',
      );
      expect(expectCamundaProblem(documents, 404, 'Not Found').detail).to.include('the document store');
      expect(expectCamundaProblem(users, 404, 'Not Found').detail).to.include('identity and authorization management');
      expect(expectCamundaProblem(deletion, 404, 'Not Found').detail).to.include('deleting history and resources');
    });

    it('should answer another method on a known path with 405 and the allowed methods', async () => {
      // when
      const response = await raw(api, 'DELETE', '/v2/process-instances/search');

      // then
      expectCamundaProblem(response, 405, 'Method Not Allowed');
      expect(response.headers.get('allow')).to.equal('POST');
    });

    it('should answer malformed JSON with a 400 problem', async () => {
      // when
      const response = await raw(api, 'POST', '/v2/process-instances/search', { body: '{"filter": ', contentType: 'application/json' });

      // then
      const problem = expectCamundaProblem(response, 400, 'Bad Request');
      expect(problem.detail).to.include('not valid JSON');
      expect(problem.instance).to.equal('/v2/process-instances/search');
    });

    it('should answer a JSON body that is not an object with a 400 problem', async () => {
      // when
      const response = await raw(api, 'POST', '/v2/process-instances/search', { json: [1, 2] });

      // then
      const problem = expectCamundaProblem(response, 400, 'INVALID_ARGUMENT');
      expect(problem.detail).to.equal("The value for the request body is '[1,2]' but must be a JSON object.");
    });

    it('should answer a body of another media type with 415', async () => {
      // when
      const response = await raw(api, 'POST', '/v2/messages/publication', {
        body: 'name=x',
        contentType: 'application/x-www-form-urlencoded',
      });

      // then
      expectCamundaProblem(response, 415, 'Unsupported Media Type');
      expect(api.commands.calls).to.deep.equal([]);
    });

    it('should answer a JSON body above 4 MB with 413', async () => {
      // given
      const huge = { filter: { name: 'x'.repeat(4 * 1024 * 1024 + 10) } };

      // when
      const response = await raw(api, 'POST', '/v2/variables/search', { json: huge });

      // then
      expectCamundaProblem(response, 413, 'Payload Too Large');
    });

    it('should answer an engine failure with a 500 problem without internals and report it', async () => {
      // given
      api.commands.failNextWith(new Error('connection to the database was lost at 10.0.0.3'));

      // when
      const response = await raw(api, 'POST', '/v2/incidents/1/resolution');

      // then
      const problem = expectCamundaProblem(response, 500, 'INTERNAL_ERROR');
      expect(problem.detail).to.not.include('10.0.0.3');
      expect(api.errors.map((e) => (e as Error).message)).to.deep.equal(['connection to the database was lost at 10.0.0.3']);
    });
  });

  describe('key validation', () => {
    for (const [path, name] of [
      ['/v2/process-instances/abc', 'processInstanceKey'],
      ['/v2/process-definitions/12x/xml', 'processDefinitionKey'],
      ['/v2/user-tasks/-5', 'userTaskKey'],
      ['/v2/variables/99999999999999999999', 'variableKey'],
      ['/v2/incidents/1.5', 'incidentKey'],
      ['/v2/element-instances/%20', 'elementInstanceKey'],
    ]) {
      it(`should reject ${path} with a 400 naming ${name}`, async () => {
        // when
        const response = await raw(api, 'GET', path);

        // then
        const problem = expectCamundaProblem(response, 400, 'INVALID_ARGUMENT');
        expect(problem.detail).to.match(new RegExp(`^The value for ${name} is '.*' but must be a numeric key\\.$`));
      });
    }

    it('should reject a bad key in a command path before calling the engine', async () => {
      // given
      const before = api.commands.calls.length;

      // when
      const response = await raw(api, 'POST', '/v2/jobs/job-1/completion', { json: {} });

      // then
      const problem = expectCamundaProblem(response, 400, 'INVALID_ARGUMENT');
      expect(problem.detail).to.equal("The value for jobKey is 'job-1' but must be a numeric key.");
      expect(api.commands.calls.length).to.equal(before);
    });
  });
});
