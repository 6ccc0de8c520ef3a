import { ElementId, ProcessInstanceKey, UserTaskKey } from '@camunda8/orchestration-cluster-api';
import { loadUsers } from '../../src/auth/users.js';
import { HttpSession } from '../../kit/http-session.js';
import { answers } from '../../kit/pathway/answers.js';
import { eventually } from '../support/eventually.js';
import type { TestService } from '../support/service.js';

const NOW = { consistency: { waitUpToMs: 0 } } as const;
const users = loadUsers();

/** The username of the demo user with this professional id. */
export const usernameOf = (professionalId: string) => users.all().find((u) => u.professionalId === professionalId)!.username;

/** The case's open user task with this element id, once the workers have brought the case there. */
export function openTask(t: TestService, caseId: string, elementId: string) {
  return eventually(`task ${elementId}`, async () => {
    const row = (await t.service.database.knex('cases').where({ case_id: caseId }).first()) as { process_instance_key: string | null };
    if (!row?.process_instance_key) return undefined;
    const page = await t.client.searchUserTasks(
      {
        filter: {
          processInstanceKey: ProcessInstanceKey.assumeExists(row.process_instance_key),
          elementId: ElementId.assumeExists(elementId),
          state: 'CREATED',
        },
      },
      NOW,
    );
    return page.items[0];
  });
}

/**
 * A case opened by the team lead and screened for a work pair through the official client, so a
 * browser test starts where the pair's nurse finds the assessment task.
 */
export async function caseAtAssessment(t: TestService): Promise<{ caseId: string; pair: { nurse_id: string; social_worker_id: string } }> {
  const teamLead = new HttpSession(t.service.url);
  await teamLead.signIn('minna.toivonen');
  const opened = await teamLead.call<{ caseId: string }>('POST', '/api/cases', {
    municipality: 'Turku',
    referral: { source: 'Terveysasema', reason: 'Alkoholin käyttö ja asumisen vaikeudet' },
    identity: { name: 'Maija Meikäläinen', henkilotunnus: '131052-308T' },
  });
  const { caseId } = opened.body;
  const screening = await openTask(t, caseId, 'screening-task');
  await t.client.completeUserTask({
    userTaskKey: UserTaskKey.assumeExists(String(screening.userTaskKey)),
    variables: answers.screening(true),
  });
  const pair = await eventually('the work pair', async () =>
    t.service.database.knex('pair_assignments').where({ case_id: caseId }).first<{ nurse_id: string; social_worker_id: string }>(),
  );
  await openTask(t, caseId, 'assessment-task');
  return { caseId, pair };
}
