import busboy from 'busboy';
import type { Request } from 'express';
import type { DeploymentOutcome, DeploymentResource } from '../../commands.js';
import { EngineRejection } from '../../errors.js';
import { HttpProblem } from '../problem.js';
import type { RouteDeps, RouteTable } from '../route-table.js';
import { DEFAULT_TENANT, sentences } from '../validation.js';

/** The largest multipart deployment accepted, all parts together. */
export const MAX_DEPLOYMENT_BYTES = 10 * 1024 * 1024;

interface DeploymentRequest {
  resources: DeploymentResource[];
  tenantId?: string;
}

/** POST /v2/deployments: multipart/form-data with one or more `resources` files and an optional `tenantId`. */
export function deploymentRoutes(t: RouteTable, deps: RouteDeps): void {
  t.raw('post', '/deployments', async (req, res) => {
    const request = await readDeployment(req);
    if (request.tenantId !== undefined && request.tenantId !== DEFAULT_TENANT) {
      throw EngineRejection.invalidArgument(
        `Expected to handle request Deploy Resources with tenant identifier '${request.tenantId}', but multi-tenancy is disabled.`,
      );
    }
    const outcome = await deps.commands.deploy(request.resources, DEFAULT_TENANT);
    res.json(toDeploymentResult(outcome));
  });
}

export function toDeploymentResult(outcome: DeploymentOutcome) {
  const tenantId = outcome.tenantId || DEFAULT_TENANT;
  const none = { processDefinition: null, decisionDefinition: null, decisionRequirements: null, form: null, resource: null };
  return {
    deploymentKey: outcome.deploymentKey,
    tenantId,
    deployments: [
      ...outcome.processes.map((p) => ({
        ...none,
        processDefinition: {
          processDefinitionId: p.processDefinitionId,
          processDefinitionVersion: p.processDefinitionVersion,
          resourceName: p.resourceName,
          tenantId,
          processDefinitionKey: p.processDefinitionKey,
        },
      })),
      ...outcome.forms.map((f) => ({
        ...none,
        form: { formId: f.formId, version: f.version, resourceName: f.resourceName, tenantId, formKey: f.formKey },
      })),
    ],
  };
}

function readDeployment(req: Request): Promise<DeploymentRequest> {
  if (!req.is('multipart/form-data')) {
    return Promise.reject(
      new HttpProblem(
        415,
        'Unsupported Media Type',
        `Content-Type '${req.headers['content-type'] ?? ''}' is not supported: send multipart/form-data`,
      ),
    );
  }
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_DEPLOYMENT_BYTES) {
    return Promise.reject(tooLarge());
  }
  return new Promise((resolve, reject) => {
    const resources: DeploymentResource[] = [];
    let tenantId: string | undefined;
    let total = 0;
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      req.unpipe(parser);
      req.resume(); // drain the rest so the answer can be written
      reject(error);
    };
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { fileSize: MAX_DEPLOYMENT_BYTES, fieldSize: 64 * 1024 } });
    } catch (error) {
      reject(EngineRejection.invalidArgument(`Malformed multipart request: ${(error as Error).message}.`));
      return;
    }
    parser.on('file', (field, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => {
        total += chunk.length;
        if (total > MAX_DEPLOYMENT_BYTES) {
          stream.resume();
          return fail(tooLarge());
        }
        chunks.push(chunk);
      });
      stream.on('limit', () => fail(tooLarge()));
      stream.on('end', () => {
        if (field === 'resources') resources.push({ name: info.filename || 'resource', content: Buffer.concat(chunks) });
      });
    });
    parser.on('field', (name, value) => {
      if (name === 'tenantId') tenantId = value;
    });
    parser.on('error', (error: Error) => fail(EngineRejection.invalidArgument(`Malformed multipart request: ${error.message}.`)));
    parser.on('close', () => {
      if (settled) return;
      settled = true;
      if (resources.length === 0) return reject(EngineRejection.invalidArgument(sentences(['No resources provided'])));
      resolve({ resources, tenantId });
    });
    req.on('aborted', () => fail(EngineRejection.invalidArgument('The deployment request was aborted.')));
    req.pipe(parser);
  });
}

function tooLarge(): HttpProblem {
  return new HttpProblem(413, 'Payload Too Large', `The deployment exceeds the limit of ${MAX_DEPLOYMENT_BYTES} bytes`);
}
