import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

/**
 * `npm run coverage:bpmn`: runs the end-to-end pathway suite (test/pathway), which drives every
 * path of every diagram in process-application/bpmn/ on the embedded engine and prints the per-diagram sequence-flow
 * coverage report; it fails unless every sequence flow was taken. Exits with mocha's status.
 */
const mocha = createRequire(import.meta.url).resolve('mocha/bin/mocha.js');
const run = spawnSync(
  process.execPath,
  [
    mocha,
    '--no-config',
    '--node-option',
    'import=tsx',
    '--extension',
    'ts',
    '--require',
    'test/support/global.ts',
    '--timeout',
    '120000',
    'test/pathway/**/*.test.ts',
  ],
  { stdio: 'inherit' },
);
process.exit(run.status ?? 1);
