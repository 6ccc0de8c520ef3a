import type { RouteDeps, RouteTable } from '../route-table.js';

/** GET /v2/license: what a cluster without a Camunda license key answers, as the embedded engine has none. */
export function licenseRoutes(t: RouteTable, _deps: RouteDeps): void {
  t.add('get', '/license', (_req, res) => {
    res.json({ validLicense: false, licenseType: 'unknown', isCommercial: false, expiresAt: null });
  });
}
