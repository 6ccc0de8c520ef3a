import busboy from 'busboy';
import type { Request, RequestHandler } from 'express';
import type { DeploymentResource, EngineCommands } from '../commands.js';
import { EngineRejection } from '../errors.js';

const MAX_DEPLOYMENT_BYTES = 10 * 1024 * 1024;

/** `POST /v2/deployments`: multipart `resources` files (and an optional `tenantId` field). */
export function deploymentRoute(commands: EngineCommands): RequestHandler {
  return async (req, res) => {
    const { resources, tenantId } = await readMultipart(req);
    const outcome = await commands.deploy(resources, tenantId ?? '<default>');
    res.json({
      deploymentKey: outcome.deploymentKey,
      tenantId: outcome.tenantId,
      deployments: [
        ...outcome.processes.map((p) => ({
          processDefinition: { ...p, tenantId: outcome.tenantId },
          decisionDefinition: null,
          decisionRequirements: null,
          form: null,
          resource: null,
        })),
        ...outcome.forms.map((f) => ({
          processDefinition: null,
          decisionDefinition: null,
          decisionRequirements: null,
          form: { formId: f.formId, version: f.version, resourceName: f.resourceName, tenantId: outcome.tenantId, formKey: f.formKey },
          resource: null,
        })),
      ],
    });
  };
}

function readMultipart(req: Request): Promise<{ resources: DeploymentResource[]; tenantId?: string }> {
  if (!req.is('multipart/form-data')) {
    return Promise.reject(EngineRejection.invalidArgument('Expected a multipart/form-data request with one or more "resources" files'));
  }
  return new Promise((resolve, reject) => {
    const resources: DeploymentResource[] = [];
    let tenantId: string | undefined;
    let total = 0;
    let failed = false;
    const fail = (error: EngineRejection) => {
      if (!failed) reject(error);
      failed = true;
    };
    const parser = busboy({ headers: req.headers, limits: { fileSize: MAX_DEPLOYMENT_BYTES } });
    parser.on('file', (field, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => {
        total += chunk.length;
        chunks.push(chunk);
      });
      stream.on('limit', () => fail(EngineRejection.invalidArgument(`The resource '${info.filename}' exceeds ${MAX_DEPLOYMENT_BYTES} bytes`)));
      stream.on('end', () => {
        if (field === 'resources') resources.push({ name: info.filename || 'resource', content: Buffer.concat(chunks) });
      });
    });
    parser.on('field', (name, value) => {
      if (name === 'tenantId') tenantId = value;
    });
    parser.on('error', (error: Error) => fail(EngineRejection.invalidArgument(`Malformed multipart request: ${error.message}`)));
    parser.on('close', () => {
      if (failed) return;
      if (total > MAX_DEPLOYMENT_BYTES) return fail(EngineRejection.invalidArgument(`The deployment exceeds ${MAX_DEPLOYMENT_BYTES} bytes`));
      if (resources.length === 0) return fail(EngineRejection.invalidArgument('Expected at least one "resources" file in the deployment'));
      resolve({ resources, tenantId });
    });
    req.pipe(parser);
  });
}
