import { expect } from 'chai';
import { readFileSync } from 'node:fs';

/** The README's "Run on Camunda 8" section, from its heading to the end of the file. */
const section = readFileSync('README.md', 'utf8').split('## Run on Camunda 8')[1] ?? '';

describe('README "Run on Camunda 8"', () => {
  it('should list every variable src/config.ts reads in its configuration table', () => {
    // given the variables of the configuration schema
    const names = [...readFileSync('src/config.ts', 'utf8').matchAll(/^ {2}([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]);
    expect(names).to.include.members(['PORT', 'DATABASE_URL', 'CAMUNDA_REST_ADDRESS', 'WORKER_CONCURRENCY']);

    // then
    const table = section.slice(section.indexOf('### Configuration'));
    for (const name of names) expect(table, name).to.include(`\`${name}\``);
  });

  it('should name every variable of .env.example', () => {
    const names = readFileSync('.env.example', 'utf8')
      .split('\n')
      .filter((line) => /^[A-Z0-9_]+=/.test(line))
      .map((line) => line.slice(0, line.indexOf('=')));
    for (const name of names) expect(section, name).to.include(`\`${name}\``);
  });
});
