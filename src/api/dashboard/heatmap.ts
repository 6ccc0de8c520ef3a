import { type EndCursor, ProcessDefinitionId, ProcessDefinitionKey } from '@camunda8/orchestration-cluster-api';
import { NO_WAIT, type CamundaClient } from '../../camunda-client.js';

/** The main diagram's process id: the pathway every case runs in. */
export const MAIN_PROCESS_ID = 'sote-tyoparipolku';

const PAGE = 1000;

/** Active element instances of one BPMN element, over every deployed version of the diagram. */
export interface ElementCount {
  elementId: string;
  activeInstances: number;
  incidents: number;
}

/** The main diagram as deployed last, with active instances per element (Operate's heatmap). */
export interface DiagramHeatmap {
  processDefinitionKey: string;
  version: number;
  bpmnXml: string;
  elements: ElementCount[];
}

/**
 * Counts the active element instances of the main process per element id, through the official
 * client's element-instance search (the same data Operate's heatmap shows). `instanceKeys`, when
 * given, keeps only those process instances: the cases of the manager's region or team, which the
 * engine itself knows nothing about. Undefined when the diagram has not been deployed.
 */
export async function diagramHeatmap(camunda: CamundaClient, instanceKeys?: ReadonlySet<string>): Promise<DiagramHeatmap | undefined> {
  const definitions = await camunda.searchProcessDefinitions(
    { filter: { processDefinitionId: ProcessDefinitionId.assumeExists(MAIN_PROCESS_ID), isLatestVersion: true }, page: { limit: 1 } },
    NO_WAIT,
  );
  const latest = definitions.items[0];
  if (!latest) return undefined;
  const [bpmnXml, elements] = await Promise.all([
    camunda.getProcessDefinitionXml(
      { processDefinitionKey: ProcessDefinitionKey.assumeExists(String(latest.processDefinitionKey)) },
      NO_WAIT,
    ),
    activeElementCounts(camunda, instanceKeys),
  ]);
  return { processDefinitionKey: String(latest.processDefinitionKey), version: latest.version, bpmnXml: String(bpmnXml), elements };
}

async function activeElementCounts(camunda: CamundaClient, instanceKeys?: ReadonlySet<string>): Promise<ElementCount[]> {
  const counts = new Map<string, ElementCount>();
  let after: EndCursor | undefined;
  for (;;) {
    const page = await camunda.searchElementInstances(
      {
        filter: { processDefinitionId: ProcessDefinitionId.assumeExists(MAIN_PROCESS_ID), state: 'ACTIVE' },
        sort: [{ field: 'elementInstanceKey' }],
        page: after === undefined ? { limit: PAGE } : { limit: PAGE, after },
      },
      NO_WAIT,
    );
    for (const item of page.items) {
      if (instanceKeys && !instanceKeys.has(String(item.processInstanceKey))) continue;
      const id = String(item.elementId);
      const count = counts.get(id) ?? { elementId: id, activeInstances: 0, incidents: 0 };
      count.activeInstances++;
      if (item.hasIncident) count.incidents++;
      counts.set(id, count);
    }
    if (page.items.length < PAGE || !page.page.endCursor) break;
    after = page.page.endCursor;
  }
  return [...counts.values()].sort((a, b) => a.elementId.localeCompare(b.elementId));
}
