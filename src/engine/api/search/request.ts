import { z } from 'zod';
import { Int, parseRequest } from '../validation.js';
import type { SearchSpec } from './spec.js';

const SortOrder = z
  .enum(['ASC', 'DESC', 'asc', 'desc'], { error: 'must be one of [ASC, DESC]' })
  .optional()
  .transform((o) => (o ?? 'ASC').toUpperCase() as 'ASC' | 'DESC');

const Cursor = z.string({ error: 'must be a cursor string' });

const Page = z
  .strictObject({
    from: Int.min(0).nullish(),
    limit: Int.min(1).max(10_000).nullish(),
    after: Cursor.nullish(),
    before: Cursor.nullish(),
  })
  .nullish()
  .superRefine((page, ctx) => {
    if (!page) return;
    if (page.after != null && page.before != null) {
      ctx.addIssue({ code: 'custom', message: 'Both after and before cannot be set at the same time' });
    } else if (page.from != null && (page.after != null || page.before != null)) {
      ctx.addIssue({ code: 'custom', message: 'Both after/before and from cannot be set at the same time' });
    }
  });

const schemaCache = new WeakMap<SearchSpec<unknown>, z.ZodType>();

function requestSchema(spec: SearchSpec<unknown>): z.ZodType {
  let schema = schemaCache.get(spec);
  if (schema) return schema;
  const fields = Object.fromEntries(Object.entries(spec.filters).map(([name, f]) => [name, f.schema.optional()]));
  const base = z.strictObject(fields);
  const filter = spec.or ? base.extend({ $or: z.array(base).nullish() }) : base;
  const sortFields = Object.keys(spec.sort) as [string, ...string[]];
  const SortField = z.enum(sortFields, { error: `must be one of [${sortFields.join(', ')}]` });
  schema = z.strictObject({
    filter: filter.nullish(),
    sort: z.array(z.strictObject({ field: SortField, order: SortOrder })).nullish(),
    page: Page,
  });
  schemaCache.set(spec, schema);
  return schema;
}

export interface ParsedRequest {
  filter?: Record<string, unknown> | null;
  sort?: Array<{ field: string; order: 'ASC' | 'DESC' }> | null;
  page?: { from?: number | null; limit?: number | null; after?: string | null; before?: string | null } | null;
}

/** Parses and validates a search request body against a spec (exposed for routes that need the filter early). */
export function parseSearchRequest(spec: SearchSpec<unknown>, body: unknown): ParsedRequest {
  return parseRequest(requestSchema(spec), body ?? {}) as ParsedRequest;
}
