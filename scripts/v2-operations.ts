import knexFactory from 'knex';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { EngineCommands } from '../src/engine/commands.js';
import { createV2Router } from '../src/engine/api/router.js';
import { unservedArea } from '../src/engine/api/unserved.js';

/**
 * Which operations of Camunda 8.9's Orchestration Cluster REST API the embedded engine serves. The
 * specification's operations are read from the official client @camunda8/orchestration-cluster-api
 * 9.x (generated from the 8.9 OpenAPI specification: SDK 9.y is Camunda 8.9's API surface), the
 * served ones from the /v2 router's route table.
 */

/** `METHOD /path/{}`: an operation with its path parameters unnamed, so the two sources compare. */
type Operation = `${string} ${string}`;

/** Every operation the client's generated code calls, mapped to its spelling in the specification. */
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

/** Every route the /v2 router registers (its 405 answers left out). */
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

export interface V2Coverage {
  operations: number;
  paths: number;
  servedOperations: number;
  servedPaths: number;
  /** Served routes the specification does not have. */
  beyond: string[];
  /** The operations not served, as the specification spells them, with what their 404 says is left out (undefined: nothing). */
  notServed: Array<{ operation: string; area: string | undefined }>;
}

const pathOf = (op: string) => op.slice(op.indexOf(' ') + 1);

export function v2Coverage(): V2Coverage {
  const specification = specificationOperations();
  const served = servedOperations();
  const specPaths = new Set([...specification.keys()].map(pathOf));
  const missing = [...specification.keys()].filter((op) => !served.has(op));
  return {
    operations: specification.size,
    paths: specPaths.size,
    servedOperations: specification.size - missing.length,
    servedPaths: [...specPaths].filter((path) => [...served].some((op) => pathOf(op) === path)).length,
    beyond: [...served].filter((op) => !specification.has(op)),
    notServed: missing
      .map((op) => specification.get(op)!)
      .sort((a, b) => pathOf(a).localeCompare(pathOf(b)))
      // A path parameter stands for a key here, as the router's areas match keys by their digits.
      .map((operation) => ({ operation, area: unservedArea(pathOf(operation).replace(/\{[^}]+\}/g, '1')) })),
  };
}
