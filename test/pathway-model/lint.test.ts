import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Diagram, loadDiagrams, projectRequire, root } from '../../kit/pathway/model.js';

interface Report {
  id?: string;
  message: string;
  category: string;
}
interface LinterInstance {
  lint(definitions: unknown): Promise<Record<string, Report[]>>;
}
type LinterConstructor = new (options: { config: unknown; resolver: unknown }) => LinterInstance;
type ResolverConstructor = new (options: { require: NodeJS.Require }) => unknown;

/** `npm run lint:bpmn` through bpmnlint's API, with the project's .bpmnlintrc. */
describe('pathway model: bpmnlint', () => {
  let diagrams: Diagram[];
  const rc = JSON.parse(readFileSync(join(root, '.bpmnlintrc'), 'utf8')) as {
    extends: string[];
    rules?: Record<string, unknown>;
    moddleExtensions?: Record<string, string>;
  };

  before(async () => {
    diagrams = await loadDiagrams();
  });

  it('should extend bpmnlint:recommended and camunda-cloud-8-9 without switching rules off', () => {
    expect(rc.extends).to.have.members(['bpmnlint:recommended', 'plugin:camunda-compat/camunda-cloud-8-9']);
    for (const [rule, level] of Object.entries(rc.rules ?? {})) expect(level, rule).to.not.equal('off');
    expect(rc.moddleExtensions?.zeebe).to.equal('zeebe-bpmn-moddle/resources/zeebe.json');
  });

  it('should report no error and no warning on any diagram', async () => {
    const { Linter } = projectRequire('bpmnlint') as { Linter: LinterConstructor };
    const NodeResolver = projectRequire('bpmnlint/lib/resolver/node-resolver') as ResolverConstructor;
    const linter = new Linter({
      config: { extends: rc.extends, rules: rc.rules ?? {} },
      resolver: new NodeResolver({ require: projectRequire }),
    });
    for (const d of diagrams) {
      const results = await linter.lint(d.definitions);
      const problems = Object.entries(results).flatMap(([rule, reports]) =>
        reports.map((r) => `${rule} ${r.category} ${r.id ?? ''}: ${r.message}`),
      );
      expect(problems, d.file).to.deep.equal([]);
    }
  });
});
