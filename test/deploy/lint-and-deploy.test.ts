import { ProcessDefinitionId } from '@camunda8/orchestration-cluster-api';
import { expect } from 'chai';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DiagramLintError, findResources, lintAndDeployResources, PROJECT_ROOT } from '../../src/deploy/deploy-resources.js';
import { describeLintProblem, lintDiagrams } from '../../src/deploy/lint-diagrams.js';
import { startTestService, type TestService } from '../support/service.js';

const NOW = { consistency: { waitUpToMs: 0 } } as const;
const TEAM_CONSULTATION = readFileSync('process-application/bpmn/tiimikonsultaatio.bpmn', 'utf8');

/** A project root with the repository's .bpmnlintrc and the given diagrams and forms. */
function projectRoot(files: Record<string, string>): string {
  mkdirSync(resolve('.tmp'), { recursive: true });
  const root = mkdtempSync(join(resolve('.tmp'), 'lint-deploy-'));
  copyFileSync('.bpmnlintrc', join(root, '.bpmnlintrc'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

describe('npm run deploy: lint, then deploy', () => {
  describe('#lintDiagrams', () => {
    it('should find no problem in the project’s diagrams', async () => {
      expect(await lintDiagrams(await findResources(PROJECT_ROOT), PROJECT_ROOT)).to.deep.equal([]);
    });

    it('should name the file, the element and the rule of each problem', async () => {
      // given a task that lost its name
      const root = projectRoot({
        'process-application/bpmn/tiimikonsultaatio.bpmn': TEAM_CONSULTATION.replace(' name="Tiimikäsittely"', ''),
      });

      // when
      const problems = await lintDiagrams(await findResources(root), root);

      // then
      expect(problems).to.deep.equal([
        {
          file: 'tiimikonsultaatio.bpmn',
          rule: 'label-required',
          elementId: 'team-handling-task',
          message: 'Element is missing label/name',
          category: 'error',
        },
      ]);
      expect(describeLintProblem(problems[0])).to.equal(
        'tiimikonsultaatio.bpmn (team-handling-task): error label-required: Element is missing label/name',
      );
    });

    it('should report a file the BPMN reader cannot read', async () => {
      // given
      const root = projectRoot({
        'process-application/bpmn/broken.bpmn':
          '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"><bpmn:process id="p"',
      });

      // when
      const problems = await lintDiagrams(await findResources(root), root);

      // then
      expect(problems).to.have.length(1);
      expect(problems[0]).to.include({ file: 'broken.bpmn', rule: 'import', category: 'error' });
    });
  });

  describe('#lintAndDeployResources', () => {
    let t: TestService;

    before(async () => {
      t = await startTestService();
    });

    after(async () => {
      await t?.close();
    });

    async function latestVersion(processDefinitionId: string): Promise<number | undefined> {
      const found = await t.client.searchProcessDefinitions(
        { filter: { processDefinitionId: ProcessDefinitionId.assumeExists(processDefinitionId), isLatestVersion: true } },
        NOW,
      );
      return found.items[0]?.version;
    }

    it('should refuse to deploy anything when a diagram fails bpmnlint, saying what to fix', async () => {
      // given a changed diagram with a problem, beside a form that is fine
      const root = projectRoot({
        'process-application/bpmn/tiimikonsultaatio.bpmn': TEAM_CONSULTATION.replace(' name="Tiimikäsittely"', ''),
        'process-application/forms/tiimikonsultaatio.form': readFileSync('process-application/forms/tiimikonsultaatio.form', 'utf8'),
      });

      // when
      const error = await lintAndDeployResources(t.client, root).then(
        () => undefined,
        (e: unknown) => e,
      );

      // then
      expect(error).to.be.instanceOf(DiagramLintError);
      expect((error as DiagramLintError).message).to.include('tiimikonsultaatio.bpmn (team-handling-task): error label-required');
      expect(await latestVersion('tiimikonsultaatio')).to.equal(1);
    });

    it('should deploy diagrams that pass, as a new version when they changed', async () => {
      // given the diagram with a task renamed
      const root = projectRoot({
        'process-application/bpmn/tiimikonsultaatio.bpmn': TEAM_CONSULTATION.replace(' name="Tiimikäsittely"', ' name="Tiimin käsittely"'),
      });

      // when
      const summary = await lintAndDeployResources(t.client, root);

      // then
      expect(summary?.processes.map((p) => [p.processDefinitionId, p.version])).to.deep.equal([['tiimikonsultaatio', 2]]);
      expect(await latestVersion('tiimikonsultaatio')).to.equal(2);
    });
  });
});
