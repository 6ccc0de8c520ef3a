import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { v2Coverage } from '../../scripts/v2-operations.js';

/** The README's count of the 8.9 specification served, and a reason for each operation left out, kept true as routes come and go. */
describe('/v2 coverage of the Camunda 8.9 specification', () => {
  const coverage = v2Coverage();

  it('should serve nothing the specification does not have', () => {
    expect(coverage.beyond).to.deep.equal([]);
  });

  it('should name, in its 404, what is left out for every operation not served', () => {
    expect(coverage.notServed.filter((op) => op.area === undefined).map((op) => op.operation)).to.deep.equal([]);
  });

  it('should state in the README how many operations and paths are served', () => {
    const readme = readFileSync('README.md', 'utf8').replace(/\s+/g, ' ');
    expect(readme).to.contain(
      `Of the 8.9 specification's ${coverage.operations} operations on ${coverage.paths} paths, ${coverage.servedOperations} operations on ${coverage.servedPaths} paths are served`,
    );
  });
});
