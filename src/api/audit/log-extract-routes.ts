import { Router } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import { clientLogExtract } from '../../audit/log-extract.js';
import { principalFrom, requireRole } from '../../auth/require-role.js';
import type { UserDirectory } from '../../auth/users.js';
import type { IdentityCipher } from '../../security/identity-cipher.js';
import { isValidHenkilotunnus } from '../../domain/henkilotunnus.js';
import { invalidRequest } from '../../http/problem.js';

const LogExtractBody = z.strictObject({
  henkilotunnus: z
    .string()
    .trim()
    .toUpperCase()
    .refine(isValidHenkilotunnus, { error: 'not a valid henkilötunnus (DDMMYYCZZZQ with a real date and the right check character)' }),
  /** The client's request this extract answers, as the registry knows it (its diary number): the CLIENT_REQUEST basis the use log records. */
  requestReference: z
    .string({ error: 'the client’s request this extract answers, e.g. the registry’s diary number' })
    .trim()
    .min(1, { error: 'the client’s request this extract answers, e.g. the registry’s diary number' })
    .max(100),
});

/**
 * POST /log-extracts: the client's log extract (who processed my data in the past two years,
 * Act 703/2023). The client asks the registrar; the administrator (pääkäyttäjä) who keeps the
 * register answers it, naming the request. The henkilötunnus travels in the body, never in a URL
 * that proxies log.
 */
export function logExtractRoutes(deps: { knex: Knex; identityCipher: IdentityCipher; users: UserDirectory }): Router {
  const router = Router();
  router.post('/log-extracts', requireRole('ADMIN'), async (req, res) => {
    const parsed = LogExtractBody.safeParse(req.body);
    if (!parsed.success) throw invalidRequest(parsed.error);
    const extract = await clientLogExtract(deps, { ...parsed.data, requestedBy: principalFrom(req) });
    res.set('Cache-Control', 'no-store').json(extract);
  });
  return router;
}
