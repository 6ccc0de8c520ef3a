import { EngineRejection } from '../errors.js';

/** Names the element (or flow) the engine cannot run and why, as the deployment's rejection. */
export type Unsupported = (id: string, reason: string) => EngineRejection;

/** Zeebe's wording for a rejected deployment, so clients see the same message as from a cluster. */
export function reject(resourceName: string, reason: string): EngineRejection {
  return EngineRejection.invalidArgument(
    `Command 'CREATE' rejected with code 'INVALID_ARGUMENT': Expected to deploy new resources, but encountered the following errors:\n'${resourceName}': ${reason}`,
  );
}

export function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String((error as { message?: string })?.message ?? error);
  return message.split('\n')[0];
}
