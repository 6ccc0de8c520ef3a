import { Linter } from 'bpmnlint';
import NodeResolver from 'bpmnlint/lib/resolver/node-resolver.js';
import { BpmnModdle } from 'bpmn-moddle';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { ResourceFile } from './deploy-resources.js';

/** One problem bpmnlint found in a diagram. */
export interface LintProblem {
  file: string;
  rule: string;
  /** The element's id, when the problem is tied to one. */
  elementId?: string;
  message: string;
  category: 'error' | 'warning';
}

/** The repository's .bpmnlintrc: the rule sets and the moddle extensions the CLI loads. */
interface LintConfig {
  extends?: string | string[];
  rules?: Record<string, unknown>;
  moddleExtensions?: Record<string, string>;
}

/**
 * Lints diagrams with bpmnlint's Linter and the project's .bpmnlintrc, as `npm run lint:bpmn`
 * does, so what deploys is what CI checked. Import warnings (XML the moddle cannot read) count
 * as errors, as they do in the CLI. Only errors and warnings are returned; infos are not problems.
 */
export async function lintDiagrams(files: ReadonlyArray<ResourceFile>, root: string): Promise<LintProblem[]> {
  const config = JSON.parse(await readFile(join(root, '.bpmnlintrc'), 'utf8')) as LintConfig;
  // Rules, configs and extensions resolve from the project, whatever the working directory.
  const projectRequire = createRequire(join(root, 'package.json'));
  const extensions = Object.fromEntries(
    Object.entries(config.moddleExtensions ?? {}).map(([prefix, path]) => [prefix, projectRequire(path)]),
  );
  const moddle = new BpmnModdle(extensions);
  const linter = new Linter({
    config: { extends: config.extends, rules: config.rules },
    resolver: new NodeResolver({ require: projectRequire }),
  });
  const problems: LintProblem[] = [];
  for (const file of files.filter((f) => f.name.endsWith('.bpmn'))) {
    let definitions: unknown;
    try {
      const parsed = await moddle.fromXML(file.content);
      definitions = parsed.rootElement;
      problems.push(
        ...parsed.warnings.map((w) => ({ file: file.name, rule: 'import', message: w.message.split('\n')[0], category: 'error' as const })),
      );
    } catch (error) {
      problems.push({ file: file.name, rule: 'import', message: (error as Error).message.split('\n')[0], category: 'error' });
      continue;
    }
    const reports = await linter.lint(definitions);
    for (const [rule, entries] of Object.entries(reports)) {
      for (const entry of entries) {
        if (entry.category === 'info') continue;
        problems.push({
          file: file.name,
          rule,
          elementId: entry.id,
          message: entry.message,
          category: entry.category === 'warn' ? 'warning' : 'error',
        });
      }
    }
  }
  return problems;
}

/** One line per problem, as a reader fixing the diagram in Modeler wants it. */
export function describeLintProblem(problem: LintProblem): string {
  const where = problem.elementId ? `${problem.file} (${problem.elementId})` : problem.file;
  return `${where}: ${problem.category} ${problem.rule}: ${problem.message}`;
}
