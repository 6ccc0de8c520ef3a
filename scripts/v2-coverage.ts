import knexFactory from 'knex';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { EngineCommands } from '../src/engine/commands.js';
import { createV2Router } from '../src/engine/api/router.js';
import { unservedArea } from '../src/engine/api/unserved.js';

/**
 * `npx tsx scripts/v2-coverage.ts`: which operations of Camunda 8.9's Orchestration Cluster REST API the
 * embedded engine serves. The specification's operations are read from the official client
 * @camunda8/orchestration-cluster-api 9.x (generated from the 8.9 OpenAPI specification: SDK 9.y
 * is Camunda 8.9's API surface), the served ones from the /v2 router's route table. Prints the
 * counts, then every operation not served with what its 404 says the engine leaves out.
 */

type Operation = `${string} ${string}`;

/** Every operation the client's generated code calls, as `METHOD /path/{}` mapped to its spelling in the specification. */
function specificationOperations(): Map<Operation, string> {
  const bundle = readFileSync(createRequire(import.meta.url).resolve('@camunda8/orchestration-cluster-api'), 'utf8');
  const operations = new Map<Operation, string>();
  for (const match of bundle.matchAll(/client\)\.(get|post|put|patch|delete)\(\{[\s\S]*?url: "([^"]+)"/g)) {
    const method = match[1]!.toUpperCase();
    operations.set(`${method} ${match[2]!.replace(/\{[^}]+\}/g, '{}')}`, `${method} ${match[2]!}`);
  }
  return operations;
}

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
}

/** `METHOD /path/{param}` for every route the /v2 router registers (its 405 answers left out). */
function servedOperations(): Set<Operation> {
  // Routes are only registered here, never called: no command runs and no query reaches a database.
  const router = createV2Router({ commands: {} as EngineCommands, knex: knexFactory({ client: 'pg' }), clockControl: true });
  const operations = new Set<Operation>();
  for (const layer of (router as unknown as { stack: Layer[] }).stack) {
    if (!layer.route) continue;
    for (const [method, on] of Object.entries(layer.route.methods)) {
      if (on && method !== '_all') operations.add(`${method.toUpperCase()} ${layer.route.path.replace(/:[A-Za-z]+/g, '{}')}`);
    }
  }
  return operations;
}

const specification = specificationOperations();
const served = servedOperations();
const pathOf = (op: string) => op.slice(op.indexOf(' ') + 1);
const specPaths = new Set([...specification.keys()].map(pathOf));
const notServed = [...specification.keys()].filter((op) => !served.has(op));
const servedPaths = [...specPaths].filter((path) => [...served].some((op) => pathOf(op) === path));
const beyond = [...served].filter((op) => !specification.has(op));

console.log(`Camunda 8.9 /v2: ${specification.size} operations on ${specPaths.size} paths`);
console.log(`served: ${specification.size - notServed.length} operations, on ${servedPaths.length} paths`);
console.log(`not served: ${notServed.length} operations (${specPaths.size - servedPaths.length} paths with none served)`);
if (beyond.length > 0) console.log(`served beyond the specification: ${beyond.join(', ')}`);
const spelled = notServed.map((op) => specification.get(op)!).sort((a, b) => pathOf(a).localeCompare(pathOf(b)));
// A path parameter stands for a key here, as the router's areas match keys by their digits.
const areaOf = (op: string) => unservedArea(pathOf(op).replace(/\{[^}]+\}/g, '1')) ?? '(unknown path: no area named)';
for (const op of spelled) console.log(`  ${op} — ${areaOf(op)}`);
