import { expect } from 'chai';
import { readFileSync } from 'node:fs';

/**
 * Beside refusing `__proto__` segments in mappings and variable documents, every Node process of
 * the service runs with the `__proto__` accessor removed, so a path we missed throws instead of
 * writing onto Object.prototype.
 */
describe('Node runs without the __proto__ accessor', () => {
  const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts;

  it('should throw on __proto__ in the test run itself, as mocha is configured', () => {
    const reach = () => (Object.create(Object.prototype) as { __proto__?: unknown }).__proto__;
    expect(reach).to.throw(/__proto__/);
  });

  for (const name of ['start', 'workers', 'deploy', 'seed:demo', 'test:some']) {
    it(`should start \`npm run ${name}\` with --disable-proto=throw`, () => {
      expect(scripts[name]).to.match(/(--disable-proto=throw|--node-option disable-proto=throw)\b/);
    });
  }
});
