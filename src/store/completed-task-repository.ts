import type { Knex } from 'knex';
import type { RegisterCode } from '../domain/registers.js';

/** A user task completed through the app: which, by whom, when. */
export interface CompletedTask {
  caseId: string;
  userTaskKey: string;
  elementId: string;
  name: string | null;
  completedBy: { userId: string; role: string; professionalId: string | null };
  completedAt: Date;
  register: RegisterCode;
}

interface CompletedTaskRecord {
  case_id: string;
  user_task_key: string;
  element_id: string;
  name: string | null;
  completed_by_id: string;
  completed_by_role: string;
  completed_by_professional_id: string | null;
  completed_at: Date;
  register: RegisterCode;
}

/** Records a completion inside the caller's transaction; a second record of the same task is none. */
export async function recordCompletedTask(trx: Knex.Transaction, task: CompletedTask): Promise<void> {
  await trx<CompletedTaskRecord>('completed_tasks')
    .insert({
      case_id: task.caseId,
      user_task_key: task.userTaskKey,
      element_id: task.elementId,
      name: task.name,
      completed_by_id: task.completedBy.userId,
      completed_by_role: task.completedBy.role,
      completed_by_professional_id: task.completedBy.professionalId,
      completed_at: task.completedAt,
      register: task.register,
    })
    .onConflict('user_task_key')
    .ignore();
}

/** The case's completed tasks, in the order they were done. */
export async function completedTasks(knex: Knex, caseId: string): Promise<CompletedTask[]> {
  const rows = await knex<CompletedTaskRecord>('completed_tasks')
    .where({ case_id: caseId })
    .orderBy([
      { column: 'completed_at', order: 'asc' },
      { column: 'id', order: 'asc' },
    ]);
  return rows.map((r) => ({
    caseId: r.case_id,
    userTaskKey: r.user_task_key,
    elementId: r.element_id,
    name: r.name,
    completedBy: { userId: r.completed_by_id, role: r.completed_by_role, professionalId: r.completed_by_professional_id },
    completedAt: r.completed_at,
    register: r.register,
  }));
}
