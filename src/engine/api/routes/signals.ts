import { z } from 'zod';
import type { RouteDeps, RouteTable } from '../route-table.js';
import { DEFAULT_TENANT, NonBlank, parseRequest, tenantIdOf, Variables } from '../validation.js';

const BroadcastSignal = z.object({
  signalName: NonBlank('signalName'),
  variables: Variables,
  tenantId: tenantIdOf('Broadcast Signal'),
});

/** POST /v2/signals/broadcast: answered once every catch event and start event it reached has moved on. */
export function signalRoutes(t: RouteTable, deps: RouteDeps): void {
  t.add('post', '/signals/broadcast', async (req, res) => {
    const body = parseRequest(BroadcastSignal, req.body ?? {});
    const { signalKey } = await deps.commands.broadcastSignal({ signalName: body.signalName, variables: body.variables });
    res.json({ tenantId: DEFAULT_TENANT, signalKey });
  });
}
