import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CamundaClient } from '../camunda-client.js';
import { describeLintProblem, lintDiagrams, type LintProblem } from './lint-diagrams.js';
import { retryWhileStarting, type RetryWhileStartingOptions } from './retry-while-starting.js';

/** The repository root, whatever the working directory. */
export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The folder of the root that holds only what is deployed, with its `.process-application` file so that
 * Camunda Modeler deploys the diagrams and forms together as `npm run deploy` does.
 */
export const PROCESS_APPLICATION = 'process-application';

/** The folders deployed, and the file ending each holds. */
const RESOURCE_FOLDERS = [
  { folder: join(PROCESS_APPLICATION, 'bpmn'), ending: '.bpmn', type: 'application/xml' },
  { folder: join(PROCESS_APPLICATION, 'forms'), ending: '.form', type: 'application/json' },
] as const;

/** A file to deploy: its name (how the engine knows it) and its text. */
export interface ResourceFile {
  name: string;
  content: string;
  type: string;
}

/** What one deployment created: each process and form with the version the engine gave it. */
export interface DeploymentSummary {
  deploymentKey: string;
  processes: Array<{ processDefinitionId: string; version: number; processDefinitionKey: string; resourceName: string }>;
  forms: Array<{ formId: string; version: number; formKey: string; resourceName: string }>;
}

/**
 * Every process-application/bpmn/*.bpmn and process-application/forms/*.form under the root, in name order;
 * a missing folder holds none.
 */
export async function findResources(root: string = PROJECT_ROOT): Promise<ResourceFile[]> {
  const files: ResourceFile[] = [];
  for (const { folder, ending, type } of RESOURCE_FOLDERS) {
    const names = await readdir(join(root, folder)).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [];
      throw error;
    });
    for (const name of names.filter((n) => n.endsWith(ending)).sort()) {
      files.push({ name, content: await readFile(join(root, folder, name), 'utf8'), type });
    }
  }
  return files;
}

/**
 * Deploys every diagram and form in ONE deployment, so a diagram and the forms it links by id
 * arrive together or not at all. Resources unchanged since the last deployment keep their
 * version (the engine ignores identical redeployments). Answers null when there is nothing to
 * deploy.
 */
export async function deployResources(client: CamundaClient, root: string = PROJECT_ROOT): Promise<DeploymentSummary | null> {
  return deployFiles(client, await findResources(root));
}

/** The diagrams failed bpmnlint: nothing was deployed. */
export class DiagramLintError extends Error {
  constructor(readonly problems: LintProblem[]) {
    super(
      `Not deployed: bpmnlint found ${problems.length} problem(s) — fix them in Camunda Modeler or run npm run lint:bpmn\n${problems.map((p) => `  ${describeLintProblem(p)}`).join('\n')}`,
    );
    this.name = 'DiagramLintError';
  }
}

/**
 * What `npm run deploy` does: lints the diagrams with the project's .bpmnlintrc and deploys only
 * when bpmnlint reports no error and no warning (process-application/README.md's rule), so a cluster never runs
 * a diagram CI would have refused. With `retry`, a cluster that is still starting is waited for.
 */
export async function lintAndDeployResources(
  client: CamundaClient,
  root: string = PROJECT_ROOT,
  retry?: RetryWhileStartingOptions,
): Promise<DeploymentSummary | null> {
  const files = await findResources(root);
  const problems = await lintDiagrams(files, root);
  if (problems.length > 0) throw new DiagramLintError(problems);
  return retry ? retryWhileStarting(() => deployFiles(client, files), retry) : deployFiles(client, files);
}

async function deployFiles(client: CamundaClient, files: ResourceFile[]): Promise<DeploymentSummary | null> {
  if (files.length === 0) return null;
  const result = await client.createDeployment({
    resources: files.map((f) => new File([f.content], f.name, { type: f.type })),
  });
  return {
    deploymentKey: String(result.deploymentKey),
    processes: result.processes.map((p) => ({
      processDefinitionId: String(p.processDefinitionId),
      version: p.processDefinitionVersion,
      processDefinitionKey: String(p.processDefinitionKey),
      resourceName: p.resourceName,
    })),
    forms: result.forms.map((f) => ({
      formId: String(f.formId),
      version: f.version,
      formKey: String(f.formKey),
      resourceName: f.resourceName,
    })),
  };
}

/** One line per deployed process and form, for logs and the deploy script. */
export function describeDeployment(summary: DeploymentSummary): string[] {
  return [
    ...summary.processes.map(
      (p) => `process ${p.processDefinitionId} version ${p.version} (key ${p.processDefinitionKey}) from ${p.resourceName}`,
    ),
    ...summary.forms.map((f) => `form ${f.formId} version ${f.version} (key ${f.formKey}) from ${f.resourceName}`),
  ];
}
