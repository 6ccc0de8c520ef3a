import { ProcessDefinitionKey, ProcessInstanceKey, Tag } from '@camunda8/orchestration-cluster-api';
import { expect } from 'chai';
import { likePattern } from '../../src/engine/api/search/like-pattern.js';
import { raw } from '../support/raw.js';
import { type ApiHarness, NOW, startApi } from './harness.js';
import { at, definitionRow, elementRow, incidentRow, insert, instanceRow, jobRow, processElementRow, variableRow } from './rows.js';

/**
 * The shared search machinery, exercised on process instances (the richest filter): plain and
 * advanced filters, `$or`, nested conditions, sort, offset and cursor paging, validation.
 */
describe('/v2 router: search', () => {
  let api: ApiHarness;
  const orderV1 = definitionRow({ bpmn_process_id: 'order', version: 1, name: 'Order', version_tag: 'spring' });
  const orderV2 = definitionRow({ bpmn_process_id: 'order', version: 2, name: 'Order' });
  const refund = definitionRow({ bpmn_process_id: 'refund_100', version: 1, name: null });
  // a: active, variable region=north, failed job with retries; b: completed; c: terminated with incident; d: refund, child of a
  const a = instanceRow(orderV1, { start_date: at('2026-01-01T10:00:00Z') });
  const b = instanceRow(orderV2, { state: 'COMPLETED', start_date: at('2026-01-02T10:00:00Z'), end_date: at('2026-01-02T11:00:00Z') });
  const c = instanceRow(orderV2, {
    state: 'TERMINATED',
    has_incident: true,
    start_date: at('2026-01-03T10:00:00Z'),
    end_date: at('2026-01-03T12:00:00Z'),
  });
  const aTask = elementRow(a, { element_id: 'ship', state: 'ACTIVE' });
  const cTask = elementRow(c, { element_id: 'pay', state: 'TERMINATED' });
  const d = instanceRow(refund, {
    root_key: a.key,
    parent_process_instance_key: a.key,
    parent_element_instance_key: aTask.key,
    start_date: at('2026-01-04T10:00:00Z'),
  });
  const cIncident = incidentRow(cTask, { error_message: 'Payment provider unreachable' });
  const cTaskWithIncident = { ...cTask, incident_key: cIncident.key };
  const keys = (items: Array<{ processInstanceKey: string }>) => items.map((i) => i.processInstanceKey);
  const search = (body: Parameters<ApiHarness['client']['searchProcessInstances']>[0]) => api.client.searchProcessInstances(body, NOW);

  before(async () => {
    api = await startApi('api_search');
    await insert(api.knex, 'process_definitions', orderV1, orderV2, refund);
    await insert(api.knex, 'process_instances', a, b, c, d);
    await insert(api.knex, 'element_instances', processElementRow(a), processElementRow(b), processElementRow(c), aTask, cTaskWithIncident);
    await insert(
      api.knex,
      'variables',
      variableRow(a, 'region', 'north'),
      variableRow(b, 'region', 'south'),
      variableRow(c, 'amount', 120),
    );
    await insert(api.knex, 'jobs', jobRow(aTask, { state: 'FAILED', retries: 2 }));
    await insert(api.knex, 'incidents', cIncident);
  });

  after(async () => {
    await api.close();
  });

  describe('results', () => {
    it('should answer every row in key order with the page information', async () => {
      // when
      const result = await search({});

      // then
      expect(keys(result.items)).to.deep.equal([a.key, b.key, c.key, d.key]);
      expect(result.page.totalItems).to.equal(4);
      expect(result.page.hasMoreTotalItems).to.equal(false);
      expect(result.page.startCursor).to.be.a('string');
      expect(result.items[0]).to.deep.equal({
        processDefinitionId: 'order',
        processDefinitionName: 'Order',
        processDefinitionVersion: 1,
        processDefinitionVersionTag: 'spring',
        startDate: '2026-01-01T10:00:00.000Z',
        endDate: null,
        state: 'ACTIVE',
        hasIncident: false,
        tenantId: '<default>',
        processInstanceKey: a.key,
        processDefinitionKey: orderV1.key,
        parentProcessInstanceKey: null,
        parentElementInstanceKey: null,
        rootProcessInstanceKey: a.key,
        tags: [],
        businessId: null,
      });
    });

    it('should answer an empty page with null cursors', async () => {
      // when
      const result = await search({ filter: { processDefinitionId: 'none' } });

      // then
      expect(result).to.deep.equal({ items: [], page: { totalItems: 0, startCursor: null, endCursor: null, hasMoreTotalItems: false } });
    });
  });

  describe('filters', () => {
    it('should match plain values (AND across fields)', async () => {
      expect(keys((await search({ filter: { processDefinitionId: 'order', state: 'COMPLETED' } })).items)).to.deep.equal([b.key]);
      expect(keys((await search({ filter: { processDefinitionVersion: 2 } })).items)).to.deep.equal([b.key, c.key]);
      expect(keys((await search({ filter: { hasIncident: true } })).items)).to.deep.equal([c.key]);
      expect(
        keys((await search({ filter: { processDefinitionKey: ProcessDefinitionKey.assumeExists(refund.key as string) } })).items),
      ).to.deep.equal([d.key]);
      expect(
        keys((await search({ filter: { parentProcessInstanceKey: ProcessInstanceKey.assumeExists(a.key as string) } })).items),
      ).to.deep.equal([d.key]);
      expect(
        keys((await search({ filter: { processDefinitionName: 'Order', processDefinitionVersionTag: 'spring' } })).items),
      ).to.deep.equal([a.key]);
    });

    it('should apply $eq, $neq, $in and $notIn (a missing value counts as different)', async () => {
      expect(keys((await search({ filter: { state: { $eq: 'TERMINATED' } } })).items)).to.deep.equal([c.key]);
      expect(keys((await search({ filter: { state: { $neq: 'ACTIVE' } } })).items)).to.deep.equal([b.key, c.key]);
      expect(keys((await search({ filter: { state: { $in: ['COMPLETED', 'TERMINATED'] } } })).items)).to.deep.equal([b.key, c.key]);
      expect(keys((await search({ filter: { processDefinitionName: { $notIn: ['Order'] } } })).items)).to.deep.equal([d.key]);
      expect(keys((await search({ filter: { processDefinitionName: { $neq: 'Order' } } })).items)).to.deep.equal([d.key]);
      expect(keys((await search({ filter: { processDefinitionId: { $in: [] } } })).items)).to.deep.equal([]);
    });

    it('should apply $exists', async () => {
      expect(keys((await search({ filter: { endDate: { $exists: true } } })).items)).to.deep.equal([b.key, c.key]);
      expect(keys((await search({ filter: { parentProcessInstanceKey: { $exists: false } } })).items)).to.deep.equal([a.key, b.key, c.key]);
    });

    it('should apply $like with * and ?, treating SQL wildcards and escaped ones literally', async () => {
      expect(keys((await search({ filter: { processDefinitionId: { $like: 'ord*' } } })).items)).to.deep.equal([a.key, b.key, c.key]);
      expect(keys((await search({ filter: { processDefinitionId: { $like: 'o?der' } } })).items)).to.deep.equal([a.key, b.key, c.key]);
      expect(keys((await search({ filter: { processDefinitionId: { $like: 'refund_1*' } } })).items)).to.deep.equal([d.key]);
      expect(keys((await search({ filter: { processDefinitionId: { $like: 'refund?100' } } })).items)).to.deep.equal([d.key]);
      expect(keys((await search({ filter: { processDefinitionId: { $like: 'r_fund*' } } })).items)).to.deep.equal([]);
      expect(keys((await search({ filter: { processDefinitionId: { $like: 'r%' } } })).items)).to.deep.equal([]);
      expect(keys((await search({ filter: { processDefinitionId: { $like: 'refund\\_100' } } })).items)).to.deep.equal([d.key]);
      expect(likePattern('a\\*b*c?d%e_f\\\\')).to.equal('a*b%c_d\\%e\\_f\\\\');
    });

    it('should apply ranges on dates and integers, several operators together', async () => {
      // when
      const window = await search({ filter: { startDate: { $gt: '2026-01-01T10:00:00Z', $lte: '2026-01-03T10:00:00.000Z' } } });
      const offset = await api.pagingClient.searchProcessInstances({ filter: { startDate: { $lt: '2026-01-02T12:00:00+01:00' } } }, NOW);
      const versions = await search({ filter: { processDefinitionVersion: { $gte: 2, $lt: 3 } } });

      // then
      expect(keys(window.items)).to.deep.equal([b.key, c.key]);
      expect(keys(offset.items)).to.deep.equal([a.key, b.key]);
      expect(keys(versions.items)).to.deep.equal([b.key, c.key]);
    });

    it('should combine top-level conditions with any of the $or alternatives', async () => {
      // when
      const result = await search({
        filter: {
          processDefinitionId: { $like: '*' },
          $or: [{ state: 'COMPLETED' }, { processDefinitionId: 'refund_100', state: 'ACTIVE' }],
        },
      });

      // then
      expect(keys(result.items)).to.deep.equal([b.key, d.key]);
    });

    it('should match instances by their variables (JSON values), each condition holding', async () => {
      expect(keys((await search({ filter: { variables: [{ name: 'region', value: '"north"' }] } })).items)).to.deep.equal([a.key]);
      expect(keys((await search({ filter: { variables: [{ name: 'region', value: { $like: '"*th"' } }] } })).items)).to.deep.equal([
        a.key,
        b.key,
      ]);
      expect(
        keys(
          (
            await search({
              filter: {
                variables: [
                  { name: 'region', value: { $like: '*' } },
                  { name: 'amount', value: '120' },
                ],
              },
            })
          ).items,
        ),
      ).to.deep.equal([]);
      expect(keys((await search({ filter: { variables: [{ name: 'amount', value: '120' }] } })).items)).to.deep.equal([c.key]);
    });

    it('should match instances by an element instance, its state and incident together', async () => {
      expect(keys((await search({ filter: { elementId: 'ship' } })).items)).to.deep.equal([a.key]);
      expect(keys((await search({ filter: { elementId: 'pay', elementInstanceState: 'ACTIVE' } })).items)).to.deep.equal([]);
      expect(
        keys((await search({ filter: { elementInstanceState: 'TERMINATED', hasElementInstanceIncident: true } })).items),
      ).to.deep.equal([c.key]);
    });

    it('should match instances by incident message and by failed jobs with retries left', async () => {
      expect(keys((await search({ filter: { errorMessage: { $like: '*unreachable' } } })).items)).to.deep.equal([c.key]);
      expect(keys((await search({ filter: { hasRetriesLeft: true } })).items)).to.deep.equal([a.key]);
      expect(keys((await search({ filter: { hasRetriesLeft: false } })).items)).to.deep.equal([b.key, c.key, d.key]);
    });

    it('should treat properties the engine never sets as missing', async () => {
      expect(keys((await search({ filter: { batchOperationId: 'op-1' } })).items)).to.deep.equal([]);
      expect(keys((await search({ filter: { businessId: { $exists: false } } })).items)).to.have.length(4);
      expect(keys((await search({ filter: { tags: [Tag.fromString('vip')] } })).items)).to.deep.equal([]);
      expect(keys((await search({ filter: { tags: [] } })).items)).to.have.length(4);
    });
  });

  describe('sort', () => {
    it('should sort by several fields, nulls last, then by key', async () => {
      // when
      const byVersion = await search({
        sort: [
          { field: 'processDefinitionVersion', order: 'DESC' },
          { field: 'startDate', order: 'DESC' },
        ],
      });
      const byEnd = await search({ sort: [{ field: 'endDate', order: 'DESC' }] });
      const byName = await search({ sort: [{ field: 'processDefinitionName' }] });

      // then
      expect(keys(byVersion.items)).to.deep.equal([c.key, b.key, d.key, a.key]);
      expect(keys(byEnd.items)).to.deep.equal([c.key, b.key, a.key, d.key]);
      expect(keys(byName.items)).to.deep.equal([a.key, b.key, c.key, d.key]);
    });
  });

  describe('paging', () => {
    const page = (body: Parameters<ApiHarness['client']['searchProcessInstances']>[0]) =>
      api.pagingClient.searchProcessInstances(body, NOW);

    it('should page with from and limit', async () => {
      // when
      const result = await page({ page: { from: 1, limit: 2 } });

      // then
      expect(keys(result.items)).to.deep.equal([b.key, c.key]);
      expect(result.page.totalItems).to.equal(4);
    });

    it('should page forward with after and back with before', async () => {
      // given
      const first = await page({ page: { limit: 2 } });

      // when
      const second = await page({ page: { limit: 2, after: first.page.endCursor! } });
      const beyond = await page({ page: { limit: 2, after: second.page.endCursor! } });
      const back = await page({ page: { limit: 2, before: second.page.startCursor! } });

      // then
      expect(keys(first.items)).to.deep.equal([a.key, b.key]);
      expect(keys(second.items)).to.deep.equal([c.key, d.key]);
      expect(keys(beyond.items)).to.deep.equal([]);
      expect(keys(back.items)).to.deep.equal([a.key, b.key]);
    });
  });

  describe('validation', () => {
    const detailOf = async (body: unknown) => {
      const response = await raw(api, 'POST', '/v2/process-instances/search', { json: body });
      expect(response.status, response.text).to.equal(400);
      expect(response.body?.title).to.equal('INVALID_ARGUMENT');
      return response.body?.detail;
    };

    it('should name unknown filter fields and operators', async () => {
      expect(await detailOf({ filter: { color: 'red' } })).to.equal('The property filter.color is not supported.');
      expect(await detailOf({ filter: { state: { $regex: 'A.*' } } })).to.equal('The property filter.state.$regex is not supported.');
      expect(await detailOf({ filter: { $or: [{ colour: 1 }] } })).to.equal('The property filter.$or[0].colour is not supported.');
    });

    it('should name values of the wrong type', async () => {
      expect(await detailOf({ filter: { state: 'RUNNING' } })).to.equal(
        "The value for filter.state is 'RUNNING' but must be one of [ACTIVE, COMPLETED, TERMINATED].",
      );
      expect(await detailOf({ filter: { processDefinitionVersion: { $gt: 'two' } } })).to.equal(
        "The value for filter.processDefinitionVersion.$gt is 'two' but must be a number.",
      );
      expect(await detailOf({ filter: { processInstanceKey: { $in: 'x' } } })).to.equal(
        "The value for filter.processInstanceKey.$in is 'x' but must be an array.",
      );
      expect(await detailOf({ filter: { processInstanceKey: 'abc' } })).to.equal(
        "The value for filter.processInstanceKey is 'abc' but must be a numeric key.",
      );
      expect(await detailOf({ filter: { startDate: 'yesterday' } })).to.equal(
        "The value for filter.startDate is 'yesterday' but must be an RFC 3339 date-time.",
      );
      expect(await detailOf({ filter: { hasIncident: 'yes' } })).to.equal(
        "The value for filter.hasIncident is 'yes' but must be a boolean.",
      );
      expect(await detailOf({ filter: { processDefinitionVersion: 2 ** 40 } })).to.equal(
        "The value for filter.processDefinitionVersion is '1099511627776' but must be less than or equal to 2147483647.",
      );
      expect(await detailOf({ filter: { processInstanceKey: { $eq: 1e21 } } })).to.equal(
        "The value for filter.processInstanceKey.$eq is '1e+21' but must be less than or equal to 9007199254740991.",
      );
      expect(await detailOf({ filter: { processInstanceKey: '9223372036854775808' } })).to.equal(
        "The value for filter.processInstanceKey is '9223372036854775808' but must be a numeric key.",
      );
      expect(await detailOf({ filter: { processDefinitionId: 7 } })).to.equal(
        "The value for filter.processDefinitionId is '7' but must be a string or an advanced string filter.",
      );
    });

    it('should reject unknown sort fields and orders', async () => {
      expect(await detailOf({ sort: [{ field: 'color' }] })).to.match(
        /^The value for sort\[0\]\.field is 'color' but must be one of \[processInstanceKey, /,
      );
      expect(await detailOf({ sort: [{ field: 'state', order: 'UP' }] })).to.equal(
        "The value for sort[0].order is 'UP' but must be one of [ASC, DESC].",
      );
    });

    it('should reject bad pages', async () => {
      expect(await detailOf({ page: { limit: 0 } })).to.equal("The value for page.limit is '0' but must be greater than or equal to 1.");
      expect(await detailOf({ page: { after: 'a', before: 'b' } })).to.equal('Both after and before cannot be set at the same time.');
      expect(await detailOf({ page: { from: 1, after: 'a' } })).to.equal('Both after/before and from cannot be set at the same time.');
      expect(await detailOf({ page: { after: 'bm90IGEgY3Vyc29y' } })).to.equal(
        "The value for page.after is 'bm90IGEgY3Vyc29y' but must be a cursor returned by a previous search with the same sort.",
      );
    });

    it('should refuse a filter the engine cannot answer instead of ignoring it', async () => {
      expect(await detailOf({ filter: { incidentErrorHashCode: 123 } })).to.equal(
        'The filter incidentErrorHashCode is not supported by the embedded engine.',
      );
    });
  });
});
