import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { v2Coverage } from '../../scripts/v2-operations.js';
import { raw } from '../support/raw.js';
import { type ApiHarness, startApi } from './harness.js';

/** The README's count of the 8.9 specification served, and a reason for each operation left out, kept true as routes come and go. */
describe('/v2 coverage of the Camunda 8.9 specification', () => {
  const coverage = v2Coverage();

  it('should serve nothing the specification does not have', () => {
    expect(coverage.beyond).to.deep.equal([]);
  });

  it('should name, in its 404, what is left out for every operation not served', () => {
    expect(coverage.notServed.filter((op) => op.area === undefined).map((op) => op.operation)).to.deep.equal([]);
  });

  it('should answer every operation not served 404 with what is left out, never 405 for a served neighbour', async () => {
    const api: ApiHarness = await startApi('api_unserved');
    try {
      const answers: string[] = [];
      for (const { operation } of coverage.notServed) {
        const [method, path] = operation.split(' ') as [string, string];
        const answer = await raw(
          api,
          method,
          `/v2${path.replace(/\{[^}]+\}/g, '2251799813685249')}`,
          method === 'GET' || method === 'DELETE' ? {} : { json: {} },
        );
        const detail = String(answer.body?.detail ?? '');
        if (answer.status !== 404 || !detail.includes('the embedded engine does not serve'))
          answers.push(`${operation}: ${answer.status} ${detail}`);
      }
      expect(answers).to.deep.equal([]);
    } finally {
      await api.close();
    }
  });

  it('should state in the README how many operations and paths are served', () => {
    const readme = readFileSync('README.md', 'utf8').replace(/\s+/g, ' ');
    expect(readme).to.contain(
      `Of the 8.9 specification's ${coverage.operations} operations on ${coverage.paths} paths, ${coverage.servedOperations} operations on ${coverage.servedPaths} paths are served`,
    );
  });
});
