import { ProcessDefinitionId } from '@camunda8/orchestration-cluster-api';
import { NO_WAIT, type CamundaClient } from '../camunda-client.js';
import type { PathwayVariables } from './pathway-variables.js';

/** The process every case runs in (process-application/bpmn/sote-tyoparipolku.bpmn). */
export const PATHWAY_PROCESS_ID = 'sote-tyoparipolku';

/** The engine refused or could not be reached; `cause` is the client's error. */
export class PathwayEngineError extends Error {
  constructor(doing: string, cause: unknown) {
    super(`${doing}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'PathwayEngineError';
  }
}

/** The message whose start event begins the pathway (process-application/README.md, Messages). */
export const PATHWAY_START_MESSAGE = 'asia-vireille';

/**
 * How long the engine keeps the start message, refusing another with the same id: a day covers any
 * retry of the intake and the reconciler. After it, the rule that a message starts a process once,
 * and one instance per correlation key while it runs, still holds.
 */
const START_MESSAGE_TTL_MS = 86_400_000;

/** How long the intake waits for the instance its message started to show in search (on a cluster, behind the exporter). */
const STARTED_INSTANCE_WAIT_MS = 15_000;

/**
 * Starts the pathway with the case's variables: its pseudonymous id, municipality code and the
 * structured facts the diagram decides on, never the client's identity (design.md, data rules).
 * The engine makes the start idempotent: the message's id and correlation key are the caseId, so
 * publishing it again (a retry, a second app process) starts nothing more, and answers the instance
 * the first one started.
 */
export async function startPathwayInstance(camunda: CamundaClient, variables: PathwayVariables): Promise<string> {
  const { caseId } = variables;
  try {
    await camunda
      .publishMessage({
        name: PATHWAY_START_MESSAGE,
        correlationKey: caseId,
        messageId: caseId,
        timeToLive: START_MESSAGE_TTL_MS,
        variables,
      })
      .catch((error: unknown) => {
        // The same start told twice: the first one stands.
        if (!isAlreadyPublished(error)) throw error;
      });
  } catch (error) {
    throw new PathwayEngineError(`the pathway of case ${caseId} did not start`, error);
  }
  const [started] = await findPathwayInstances(camunda, caseId, STARTED_INSTANCE_WAIT_MS);
  if (!started) throw new PathwayEngineError(`the pathway of case ${caseId} did not start`, 'no instance appeared for its start message');
  return started;
}

function isAlreadyPublished(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { status?: unknown }).status === 409;
}

/**
 * The keys of the pathway instances started for the case, oldest first: Camunda 8.9 filters
 * process instances by a variable's value given as JSON (`"<uuid>"` for a string).
 */
export async function findPathwayInstances(camunda: CamundaClient, caseId: string, waitUpToMs = 0): Promise<string[]> {
  try {
    const page = await camunda.searchProcessInstances(
      {
        filter: {
          processDefinitionId: ProcessDefinitionId.assumeExists(PATHWAY_PROCESS_ID),
          variables: [{ name: 'caseId', value: JSON.stringify(caseId) }],
        },
        sort: [{ field: 'startDate', order: 'ASC' }],
        page: { limit: 10 },
      },
      waitUpToMs === 0 ? NO_WAIT : { consistency: { waitUpToMs, predicate: (found) => found.items.length > 0 } },
    );
    return page.items.map((item) => String(item.processInstanceKey));
  } catch (error) {
    throw new PathwayEngineError(`the pathway of case ${caseId} could not be looked up`, error);
  }
}
