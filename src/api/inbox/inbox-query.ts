import { z } from 'zod';
import { decodeCursor } from './inbox-page.js';
import { INBOX_SORTS, INBOX_VIEWS } from './inbox-types.js';

/**
 * GET /api/inbox's query: `view` (all, mine, group, unassigned, overdue), `sort` (dueDate,
 * creationDate, priority), `search` (words), `limit` (1–100) and `after` (the previous page's
 * `page.endCursor`, for the same view, search and sort).
 */
export const InboxQuery = z
  .strictObject({
    view: z.enum(INBOX_VIEWS, { error: `must be one of ${INBOX_VIEWS.join(', ')}` }).default('all'),
    sort: z.enum(INBOX_SORTS, { error: `must be one of ${INBOX_SORTS.join(', ')}` }).default('dueDate'),
    search: z.string().trim().max(100, { error: 'at most 100 characters' }).default(''),
    limit: z.coerce.number({ error: 'must be a number' }).int().min(1).max(100).default(50),
    after: z.string().max(500).optional(),
  })
  .transform((query, ctx) => {
    if (query.after === undefined) return { ...query, after: undefined };
    const after = decodeCursor(query.after, query.sort);
    if (!after) {
      ctx.addIssue({ code: 'custom', path: ['after'], message: 'not a cursor this inbox gave for this sort (page.endCursor)' });
      return z.NEVER;
    }
    return { ...query, after };
  });
