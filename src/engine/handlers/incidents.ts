import type { EngineParts } from '../engine-parts.js';
import { EngineRejection } from '../errors.js';

/** Resolving incidents: the element retries the step that failed, or its job becomes activatable again. */
export class IncidentHandler {
  constructor(private readonly parts: EngineParts) {}

  async resolve(incidentKey: string): Promise<void> {
    const { runner } = this.parts;
    const rootKey = await runner.rootOf('incidents', incidentKey, 'incident');
    await runner.run([rootKey], (tx) => {
      const incident = tx.treeOfKey(rootKey).incidents.get(incidentKey);
      if (!incident) {
        throw EngineRejection.notFound(`Expected to resolve incident with key '${incidentKey}', but no such incident was found`);
      }
      const job = incident.jobKey ? tx.treeOfKey(rootKey).jobs.get(incident.jobKey) : undefined;
      if (job && !job.endedAt && job.retries <= 0) {
        throw EngineRejection.invalidState(
          `Expected to resolve incident with key '${incidentKey}', but job '${job.key}' has no retries left; update the job's retries first`,
        );
      }
      tx.incidents.resolve(incident);
    });
  }
}
