import type { Knex } from 'knex';
import type { EngineCommands } from '../../commands.js';
import { ExternalTaskError } from './errors.js';
import { openJobRow } from './task-rows.js';

/**
 * Unlocks a task, as POST /external-task/{id}/unlock does: the job is failed with its retries
 * and error message unchanged and no back-off, which is how the engine makes a job activatable
 * again at once (and wakes the polls waiting for its type). An unlocked task is left as it is.
 */
export async function handBack(deps: { commands: EngineCommands; knex: Knex }, id: string): Promise<void> {
  const row = await openJobRow(deps.knex, id);
  if (!row) throw ExternalTaskError.notFound(id);
  if (!row.deadline) return;
  await deps.commands.failJob(id, {
    retries: Number(row.retries),
    errorMessage: (row.error_message as string | null) ?? '',
    retryBackOff: 0,
    variables: {},
  });
}
