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

/**
 * Starts the pathway with the case's variables: its pseudonymous id, municipality code and the
 * structured facts the diagram decides on, never the client's identity (design.md, data rules).
 */
export async function startPathwayInstance(camunda: CamundaClient, variables: PathwayVariables): Promise<string> {
  try {
    const created = await camunda.createProcessInstance({
      processDefinitionId: ProcessDefinitionId.assumeExists(PATHWAY_PROCESS_ID),
      variables,
    });
    return String(created.processInstanceKey);
  } catch (error) {
    throw new PathwayEngineError(`the pathway of case ${variables.caseId} did not start`, error);
  }
}

/**
 * The keys of the pathway instances started for the case, oldest first: Camunda 8.9 filters
 * process instances by a variable's value given as JSON (`"<uuid>"` for a string).
 */
export async function findPathwayInstances(camunda: CamundaClient, caseId: string): Promise<string[]> {
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
      NO_WAIT,
    );
    return page.items.map((item) => String(item.processInstanceKey));
  } catch (error) {
    throw new PathwayEngineError(`the pathway of case ${caseId} could not be looked up`, error);
  }
}
