import { ProcessDefinitionKey, ProcessInstanceKey } from '@camunda8/orchestration-cluster-api';
import { NO_WAIT, type CamundaClient } from '../../camunda-client.js';
import { DependencyUnavailable } from '../../domain/refusals.js';
import { engineProblem } from '../../http/problem.js';

/** What the case page says while the engine cannot be read: the read model is shown without the engine's part. */
export const ENGINE_NOTICE = 'Prosessimoottoria ei juuri nyt tavoiteta: tehtävät ja kaavio näkyvät, kun yhteys palaa.';

/** Whether the engine's part of a case (open tasks, current elements, decisions) could be read. */
export type EngineStatus = { available: true } | { available: false; notice: string };

/** The engine status of a case read from the engine's parts that could and could not be read. */
export function engineStatus(...readable: boolean[]): EngineStatus {
  return readable.every(Boolean) ? { available: true } : { available: false, notice: ENGINE_NOTICE };
}

/**
 * A read of the engine, or `fallback` when the engine cannot be read now (the reads throw
 * DependencyUnavailable then, see engineProblem): on a cluster search can be away or behind while
 * the read model answers, and a page shows what it has rather than failing. Other failures throw.
 */
export async function whenReadable<T>(read: () => Promise<T>, fallback: T): Promise<{ value: T; readable: boolean }> {
  try {
    return { value: await read(), readable: true };
  } catch (error) {
    if (error instanceof DependencyUnavailable) return { value: fallback, readable: false };
    throw error;
  }
}

/** The process variables that hold the case's decisions and recommendations (process-application/README.md). */
export const DECISION_VARIABLES = [
  'meetsPairCriteria',
  'proposedService',
  'demandingCase',
  'groupRecommendation',
  'decision',
  'teamRecommendation',
  'evaluationOutcome',
] as const;

/** An element the case's process instance is in now: a stage subprocess, a task, a call activity. */
export interface ActiveElement {
  elementId: string;
  name: string | null;
  type: string;
}

/** The elements active in the case's root process instance, outermost first. */
export async function activeElements(camunda: CamundaClient, processInstanceKey: string): Promise<ActiveElement[]> {
  const page = await camunda
    .searchElementInstances(
      { filter: { processInstanceKey: ProcessInstanceKey.assumeExists(processInstanceKey), state: 'ACTIVE' }, page: { limit: 100 } },
      NO_WAIT,
    )
    .catch((error: unknown) => {
      throw engineProblem('The case’s current elements could not be read', error);
    });
  return page.items
    .filter((item) => item.type !== 'PROCESS')
    .map((item) => ({ elementId: String(item.elementId), name: item.elementName ?? null, type: String(item.type) }));
}

/** The decision variables set so far in the case's root scope, by name. */
export async function decisionVariables(camunda: CamundaClient, processInstanceKey: string): Promise<Record<string, unknown>> {
  const page = await camunda
    .searchVariables(
      {
        filter: {
          processInstanceKey: ProcessInstanceKey.assumeExists(processInstanceKey),
          scopeKey: ProcessInstanceKey.assumeExists(processInstanceKey),
          name: { $in: [...DECISION_VARIABLES] },
        },
        page: { limit: 100 },
      },
      NO_WAIT,
    )
    .catch((error: unknown) => {
      throw engineProblem('The case’s decisions could not be read', error);
    });
  return Object.fromEntries(page.items.map((v) => [v.name, JSON.parse(v.value) as unknown]));
}

/** The BPMN XML the case's root instance runs, with the ids of its active elements. */
export async function caseDiagram(
  camunda: CamundaClient,
  processInstanceKey: string,
): Promise<{ xml: string; activeElementIds: string[] }> {
  try {
    const instance = await camunda.getProcessInstance({ processInstanceKey: ProcessInstanceKey.assumeExists(processInstanceKey) }, NO_WAIT);
    const [xml, active] = await Promise.all([
      camunda.getProcessDefinitionXml(
        { processDefinitionKey: ProcessDefinitionKey.assumeExists(String(instance.processDefinitionKey)) },
        NO_WAIT,
      ),
      activeElements(camunda, processInstanceKey),
    ]);
    return { xml: String(xml), activeElementIds: active.map((a) => a.elementId) };
  } catch (error) {
    throw engineProblem('The case’s diagram could not be read', error);
  }
}
