import { expect } from 'chai';
import type { DeploymentResource } from '../../src/engine/commands.js';
import { EngineRejection } from '../../src/engine/errors.js';
import { expectProblem } from '../support/problem.js';
import { raw } from '../support/raw.js';
import { type ApiHarness, startApi } from './harness.js';

const BPMN = '<?xml version="1.0"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d"/>';

describe('/v2 router: deployments and clock', () => {
  let api: ApiHarness;

  before(async () => {
    api = await startApi('api_deployments');
  });

  beforeEach(() => {
    api.commands.calls.length = 0;
    api.commands.answers = {};
  });

  after(async () => {
    await api.close();
  });

  describe('POST /v2/deployments', () => {
    it('should hand every resources file to the engine and answer processes and forms', async () => {
      // given
      api.commands.answers.deploy = {
        deploymentKey: '2251799813685249',
        tenantId: '<default>',
        processes: [
          {
            processDefinitionId: 'order',
            processDefinitionVersion: 2,
            processDefinitionKey: '2251799813685250',
            resourceName: 'order.bpmn',
          },
        ],
        forms: [{ formId: 'order-form', version: 1, formKey: '2251799813685251', resourceName: 'order.form' }],
      };

      // when
      const deployment = await api.client.createDeployment({
        resources: [new File([BPMN], 'order.bpmn', { type: 'application/xml' }), new File(['{"id":"order-form"}'], 'order.form')],
      });

      // then
      const [resources, tenantId] = api.commands.last('deploy') as [DeploymentResource[], string];
      expect(resources.map((r) => [r.name, r.content.toString('utf8')])).to.deep.equal([
        ['order.bpmn', BPMN],
        ['order.form', '{"id":"order-form"}'],
      ]);
      expect(tenantId).to.equal('<default>');
      expect(deployment.deploymentKey).to.equal('2251799813685249');
      expect(deployment.deployments).to.deep.equal([
        {
          processDefinition: {
            processDefinitionId: 'order',
            processDefinitionVersion: 2,
            resourceName: 'order.bpmn',
            tenantId: '<default>',
            processDefinitionKey: '2251799813685250',
          },
          decisionDefinition: null,
          decisionRequirements: null,
          form: null,
          resource: null,
        },
        {
          processDefinition: null,
          decisionDefinition: null,
          decisionRequirements: null,
          form: { formId: 'order-form', version: 1, resourceName: 'order.form', tenantId: '<default>', formKey: '2251799813685251' },
          resource: null,
        },
      ]);
      expect(deployment.processes.map((p) => p.processDefinitionId)).to.deep.equal(['order']);
    });

    it('should require at least one resources file', async () => {
      // given
      const form = new FormData();
      form.append('tenantId', '<default>');
      form.append('other', new Blob(['x']), 'x.bpmn');

      // when
      const response = await raw(api, 'POST', '/v2/deployments', { body: form });

      // then
      expect(response.status).to.equal(400);
      expect(response.body).to.include({ title: 'INVALID_ARGUMENT', detail: 'No resources provided.' });
      expect(api.commands.calls).to.deep.equal([]);
    });

    it('should refuse another tenant', async () => {
      // given
      const form = new FormData();
      form.append('resources', new Blob([BPMN]), 'a.bpmn');
      form.append('tenantId', 'acme');

      // when
      const response = await raw(api, 'POST', '/v2/deployments', { body: form });

      // then
      expect(response.status).to.equal(400);
      expect(response.body?.detail).to.equal(
        "Expected to handle request Deploy Resources with tenant identifier 'acme', but multi-tenancy is disabled.",
      );
    });

    it('should answer a request that is not multipart with 415', async () => {
      // when
      const response = await raw(api, 'POST', '/v2/deployments', { json: { resources: [] } });

      // then
      expectProblem(response, 415);
    });

    it('should answer a deployment above 10 MB with 413', async () => {
      // given
      const form = new FormData();
      form.append('resources', new Blob(['x'.repeat(10 * 1024 * 1024 + 1)]), 'huge.bpmn');

      // when
      const response = await raw(api, 'POST', '/v2/deployments', { body: form });

      // then
      expect(response.status).to.equal(413);
      expect(response.body?.title).to.equal('Payload Too Large');
      expect(api.commands.calls).to.deep.equal([]);
    });

    it('should pass an engine rejection of a resource through', async () => {
      // given
      api.commands.failNextWith(EngineRejection.invalidArgument("Expected to deploy .bpmn or .form resources, but 'a.dmn' is neither"));

      // when
      const problem = await expectProblem(api.client.createDeployment({ resources: [new File(['<x/>'], 'a.dmn')] }), 400);

      // then
      expect(problem).to.deep.equal({
        status: 400,
        title: 'INVALID_ARGUMENT',
        detail: "Expected to deploy .bpmn or .form resources, but 'a.dmn' is neither",
      });
    });
  });

  describe('clock', () => {
    it('should pin and reset the clock when clock control is on', async () => {
      // when
      await api.client.pinClock({ timestamp: 1767261600000 });
      await api.client.resetClock();

      // then
      expect(api.commands.calls.map((c) => [c.method, ...c.args])).to.deep.equal([['pinClock', 1767261600000], ['resetClock']]);
    });

    it('should refuse a negative or missing timestamp', async () => {
      // when
      const negative = await raw(api, 'PUT', '/v2/clock', { json: { timestamp: -1 } });
      const missing = await raw(api, 'PUT', '/v2/clock', { json: {} });

      // then
      expect(negative.body?.detail).to.equal("The value for timestamp is '-1' but must be not negative.");
      expect(missing.body?.detail).to.equal('No timestamp provided.');
      expect(api.commands.calls).to.deep.equal([]);
    });

    it('should answer 403 FORBIDDEN without touching the engine when clock control is off', async () => {
      // given
      const locked = await startApi('api_clock_off', { clockControl: false });
      try {
        // when
        const pin = await expectProblem(locked.client.pinClock({ timestamp: 1 }), 403);
        const reset = await expectProblem(locked.client.resetClock(), 403);

        // then
        expect(pin.status).to.equal(403);
        expect(pin.title).to.equal('FORBIDDEN');
        expect(pin.detail).to.include('ENGINE_CLOCK_CONTROL=true');
        expect(reset.status).to.equal(403);
        expect(locked.commands.calls).to.deep.equal([]);
      } finally {
        await locked.close();
      }
    });
  });
});
