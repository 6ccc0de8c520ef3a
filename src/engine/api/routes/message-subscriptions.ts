import { messageSubscriptionSearch, messageSubscriptionsQuery } from '../queries/message-subscriptions.js';
import type { RouteDeps, RouteTable } from '../route-table.js';
import { runSearch } from '../search/run-search.js';

/** POST /v2/message-subscriptions/search. */
export function messageSubscriptionRoutes(t: RouteTable, deps: RouteDeps): void {
  const spec = messageSubscriptionSearch();
  t.add('post', '/message-subscriptions/search', async (req, res) => {
    res.json(await runSearch(messageSubscriptionsQuery(deps.knex), spec, req.body));
  });
}
