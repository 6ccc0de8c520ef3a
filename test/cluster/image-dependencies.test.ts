import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every .ts file below a folder. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The package a bare import specifier names: `a/b` → `a`, `@s/a/b` → `@s/a`. */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

describe('the app image (Dockerfile: npm ci --omit=dev)', () => {
  it('should find every package the service, the workers and npm run deploy import among the production dependencies', () => {
    // given
    const { dependencies } = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> };
    const imported = new Set<string>();
    for (const file of [...sources('src'), ...sources('workers')]) {
      const text = readFileSync(file, 'utf8');
      for (const [, specifier] of text.matchAll(/(?:from|import\()\s*'([^'.\s][^'\s]*)'/g))
        if (!specifier.startsWith('node:')) imported.add(packageOf(specifier));
    }

    // then
    expect([...imported].length).to.be.greaterThan(5);
    expect([...imported].filter((name) => !(name in dependencies)).sort()).to.deep.equal([]);
    // .bpmnlintrc's rule sets and moddle extension, which `npm run deploy` resolves at run time
    expect(dependencies).to.include.keys('bpmnlint', 'bpmnlint-plugin-camunda-compat', 'zeebe-bpmn-moddle', 'tsx');
  });
});
