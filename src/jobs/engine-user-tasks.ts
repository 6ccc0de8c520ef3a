import { ProcessInstanceKey, UserTaskKey } from '@camunda8/orchestration-cluster-api';
import { caseInstanceKeys } from '../api/cases/case-instances.js';
import { NO_WAIT, type CamundaClient } from '../camunda-client.js';
import type { UserTaskPort } from './ports.js';

/**
 * A case's open user tasks through the official client: found in search (eventually consistent on
 * a cluster: a task made a moment ago may not show yet) and changed by PATCH /v2/user-tasks/{key}.
 */
export function engineUserTasks(client: CamundaClient): UserTaskPort {
  return {
    async openUserTasks(processInstanceKey) {
      const keys = await caseInstanceKeys(client, processInstanceKey);
      const pages = await Promise.all(
        keys.map((key) =>
          client.searchUserTasks(
            { filter: { processInstanceKey: ProcessInstanceKey.assumeExists(key), state: 'CREATED' }, page: { limit: 100 } },
            NO_WAIT,
          ),
        ),
      );
      return pages
        .flatMap((page) => page.items)
        .map((t) => ({
          userTaskKey: String(t.userTaskKey),
          candidateGroups: t.candidateGroups ?? [],
          candidateUsers: t.candidateUsers ?? [],
        }));
    },
    async updateCandidates(userTaskKey, candidates) {
      await client.updateUserTask({
        userTaskKey: UserTaskKey.assumeExists(userTaskKey),
        changeset: { candidateGroups: candidates.candidateGroups, candidateUsers: candidates.candidateUsers },
      });
    },
  };
}

/** Where no engine is at hand (the workers' own tests): a worker that needs one fails, and says why. */
export const noEngineUserTasks: UserTaskPort = {
  openUserTasks: () => Promise.reject(new Error('user tasks: these workers run without an engine')),
  updateCandidates: () => Promise.reject(new Error('user tasks: these workers run without an engine')),
};
