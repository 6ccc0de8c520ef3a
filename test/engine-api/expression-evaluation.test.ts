import { expect } from 'chai';
import { expectProblem } from '../support/problem.js';
import { type ApiHarness, startApi } from './harness.js';

/** POST /v2/expression/evaluation, as c8ctl's `feel evaluate` and Modeler call it; shapes checked by the strict client. */
describe('/v2 router: expression evaluation', () => {
  let api: ApiHarness;

  before(async () => {
    api = await startApi('api_expressions');
  });

  after(async () => {
    await api.close();
  });

  it('should evaluate a FEEL expression over the variables sent with it', async () => {
    // when
    const evaluated = await api.client.evaluateExpression({
      expression: '=applicant.age >= 18 and count(items) > 1',
      variables: { applicant: { age: 41 }, items: [1, 2] },
    });

    // then
    expect(evaluated).to.deep.equal({ expression: '=applicant.age >= 18 and count(items) > 1', result: true, warnings: [] });
  });

  it('should answer a context as a JSON object and a date as its ISO text', async () => {
    // when
    const evaluated = await api.client.evaluateExpression({ expression: '={ due: date("2026-03-01") + duration("P14D"), n: 1.5 }' });

    // then
    expect(evaluated.result).to.deep.equal({ due: '2026-03-15', n: 1.5 });
  });

  it('should evaluate a missing variable to null with a warning, as Zeebe’s lenient FEEL does', async () => {
    // when
    const evaluated = await api.client.evaluateExpression({ expression: '=missing' });

    // then
    expect(evaluated.result).to.equal(null);
    expect(evaluated.warnings.map((w) => w.message)).to.deep.equal(["Variable 'missing' not found"]);
  });

  it('should answer static text without a leading = as itself, as a diagram attribute holds it', async () => {
    // when
    const evaluated = await api.client.evaluateExpression({ expression: 'route-case' });

    // then
    expect(evaluated).to.deep.equal({ expression: 'route-case', result: 'route-case', warnings: [] });
  });

  it('should refuse an expression that does not parse with 400 INVALID_ARGUMENT naming it', async () => {
    // when
    const call = api.client.evaluateExpression({ expression: '=1 +' });

    // then
    await expectProblem(call, 400, { title: 'INVALID_ARGUMENT', detail: "Failed to evaluate expression '1 +'" });
  });

  it('should refuse a blank expression and another tenant', async () => {
    await expectProblem(api.client.evaluateExpression({ expression: ' ' }), 400, { detail: 'No expression provided' });
    await expectProblem(api.client.evaluateExpression({ expression: '=1', tenantId: 'north' }), 400, {
      detail: 'multi-tenancy is disabled',
    });
  });
});
