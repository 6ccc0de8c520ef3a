import { HttpProblem } from '../problem.js';
import type { RouteDeps, RouteTable } from '../route-table.js';

/**
 * GET /v2/authentication/me: the one user /v2's basic auth lets in, who may do everything (as a
 * cluster's admin may). Without credentials (CAMUNDA_AUTH_STRATEGY=NONE) nobody is signed in.
 */
export function authenticationRoutes(t: RouteTable, deps: RouteDeps): void {
  t.add('get', '/authentication/me', (_req, res) => {
    if (deps.principal === undefined) {
      throw new HttpProblem(401, 'Unauthorized', 'No user is authenticated: the engine API runs without credentials');
    }
    res.json({
      username: deps.principal,
      displayName: deps.principal,
      email: null,
      authorizedComponents: ['*'],
      tenants: [],
      groups: [],
      roles: ['admin'],
      salesPlanType: null,
      c8Links: {},
      canLogout: false,
    });
  });
}
