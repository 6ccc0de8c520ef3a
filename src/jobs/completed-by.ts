import { z } from 'zod';
import { APP_ROLES } from '../auth/app-roles.js';
import type { AuditActor } from '../store/audit-repository.js';

/**
 * The professional whose task completion a job follows, as the app's inbox sets it on the
 * completion: the internal user id (`u-…`, never a name or henkilötunnus) and the role. A
 * worker that runs right after a user task names it in its Input (so the variable is fetched),
 * and its read-model writes are logged as that person's instead of `system`.
 *
 * Only the job types whose job always follows the task that set it take it: the variable stays
 * in the instance until the next completion, so a job a timer or a message starts would
 * otherwise name whoever completed the last task.
 */
export const CompletedBy = z.object({ userId: z.string().min(1).max(100), role: z.enum(APP_ROLES) }).nullish();

/** The variable's name in the engine. */
export const COMPLETED_BY_VARIABLE = 'completedBy';

/** The actor a job's `completedBy` names, if it names one well-formed. */
export function completedByOf(variables: unknown): AuditActor | undefined {
  const parsed = CompletedBy.safeParse((variables as Record<string, unknown> | null | undefined)?.[COMPLETED_BY_VARIABLE]);
  return parsed.success && parsed.data ? { id: parsed.data.userId, role: parsed.data.role } : undefined;
}
