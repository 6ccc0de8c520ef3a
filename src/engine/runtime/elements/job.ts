import { extension, type Moddle } from '../../model/moddle.js';
import type { Unsupported } from '../../model/rejection.js';
import type { JobDefinition } from '../../model/types.js';

/** The job a zeebe:taskDefinition describes, with its task headers; undefined without one. */
export function jobOf(e: Moddle, unsupported: Unsupported): JobDefinition | undefined {
  const taskDefinition = extension(e, 'zeebe:TaskDefinition');
  if (!taskDefinition) return undefined;
  if (!taskDefinition.type) throw unsupported(e.id, 'the job type must not be empty');
  const headers = Object.fromEntries((extension(e, 'zeebe:TaskHeaders')?.values ?? []).map((h: Moddle) => [h.key, h.value ?? '']));
  return { type: taskDefinition.type, retries: taskDefinition.retries ?? '3', headers };
}

export function jobExpressions(job: JobDefinition | undefined): string[] {
  return job ? [job.type, job.retries] : [];
}
