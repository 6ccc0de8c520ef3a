import { z } from 'zod';
import type { RouteDeps, RouteTable } from '../route-table.js';
import { DEFAULT_TENANT, Int, NonBlank, parseRequest, Str, tenantIdOf, Variables } from '../validation.js';

const PublishMessage = z.object({
  name: NonBlank('name'),
  correlationKey: Str.nullish(),
  timeToLive: Int.min(0).nullish(),
  messageId: Str.nullish(),
  variables: Variables,
  tenantId: tenantIdOf('Publish Message'),
});

const CorrelateMessage = z.object({
  name: NonBlank('name'),
  correlationKey: Str.nullish(),
  variables: Variables,
  tenantId: tenantIdOf('Correlate Message'),
});

/** POST /v2/messages/publication and POST /v2/messages/correlation. */
export function messageRoutes(t: RouteTable, deps: RouteDeps): void {
  const { commands } = deps;

  t.add('post', '/messages/publication', async (req, res) => {
    const body = parseRequest(PublishMessage, req.body ?? {});
    const published = await commands.publishMessage({
      name: body.name,
      correlationKey: body.correlationKey ?? '',
      timeToLive: body.timeToLive ?? 0,
      messageId: body.messageId || undefined,
      variables: body.variables,
    });
    res.json({ tenantId: DEFAULT_TENANT, messageKey: published.messageKey });
  });

  t.add('post', '/messages/correlation', async (req, res) => {
    const body = parseRequest(CorrelateMessage, req.body ?? {});
    const correlated = await commands.correlateMessage({
      name: body.name,
      correlationKey: body.correlationKey ?? '',
      variables: body.variables,
    });
    res.json({ tenantId: DEFAULT_TENANT, messageKey: correlated.messageKey, processInstanceKey: correlated.processInstanceKey });
  });
}
