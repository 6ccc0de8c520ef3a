import { ProcessInstanceKey } from '@camunda8/orchestration-cluster-api';
import { NO_WAIT, type CamundaClient } from '../../camunda-client.js';

/**
 * The case's root process instance and the active instances its call activities started, at any
 * depth (the working group's and the team's handling run as called processes): where the case's
 * tasks and incidents are.
 */
export async function caseInstanceKeys(camunda: CamundaClient, rootKey: string): Promise<string[]> {
  const instanceKeys = [rootKey];
  for (let i = 0; i < instanceKeys.length; i++) {
    const children = await camunda.searchProcessInstances(
      { filter: { parentProcessInstanceKey: ProcessInstanceKey.assumeExists(instanceKeys[i]), state: 'ACTIVE' }, page: { limit: 100 } },
      NO_WAIT,
    );
    instanceKeys.push(...children.items.map((c) => String(c.processInstanceKey)));
  }
  return instanceKeys;
}
