import { v2Coverage } from './v2-operations.js';

/**
 * `npx tsx scripts/v2-coverage.ts`: how many operations and paths of Camunda 8.9's /v2 the embedded
 * engine serves, then every operation it does not with what its 404 says the engine leaves out.
 */
const coverage = v2Coverage();
console.log(`Camunda 8.9 /v2: ${coverage.operations} operations on ${coverage.paths} paths`);
console.log(`served: ${coverage.servedOperations} operations, on ${coverage.servedPaths} paths`);
console.log(`not served: ${coverage.notServed.length} operations (${coverage.paths - coverage.servedPaths} paths with none served)`);
if (coverage.beyond.length > 0) console.log(`served beyond the specification: ${coverage.beyond.join(', ')}`);
for (const { operation, area } of coverage.notServed)
  console.log(`  ${operation} — ${area ?? '(no area named: answered as an unknown path)'}`);
