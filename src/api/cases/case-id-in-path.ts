import { z } from 'zod';
import { invalidRequest } from '../../http/problem.js';

const CASE_ID = z.uuid({ error: 'not a case id (a UUID)' });
const BY_NAME = { id: z.object({ id: CASE_ID }), caseId: z.object({ caseId: CASE_ID }) } as const;

/** The case id of a route's path parameter (`:id` unless named otherwise), or a 400 naming it. */
export function caseIdInPath(params: unknown, name: keyof typeof BY_NAME = 'id'): string {
  const parsed = BY_NAME[name].safeParse(params);
  if (!parsed.success) throw invalidRequest(parsed.error, 'path');
  return (parsed.data as Record<string, string>)[name]!;
}
