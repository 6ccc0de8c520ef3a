import { z } from 'zod';
import { HttpProblem } from '../problem.js';
import type { RouteDeps, RouteTable } from '../route-table.js';
import { Int, parseRequest } from '../validation.js';

const PinClock = z.object({ timestamp: Int.min(0, { error: 'must be not negative' }) });

/**
 * PUT /v2/clock and POST /v2/clock/reset. A cluster always serves them; here they exist only when
 * the engine runs with clock control (ENGINE_CLOCK_CONTROL=true), and are refused with 403
 * FORBIDDEN otherwise — the answer a cluster gives a caller that may not modify the clock.
 */
export function clockRoutes(t: RouteTable, deps: RouteDeps): void {
  const requireClockControl = () => {
    if (!deps.clockControl) {
      throw new HttpProblem(
        403,
        'FORBIDDEN',
        'The engine clock is not controllable: start the service with ENGINE_CLOCK_CONTROL=true to pin or reset it.',
      );
    }
  };
  t.add('put', '/clock', async (req, res) => {
    requireClockControl();
    const body = parseRequest(PinClock, req.body ?? {});
    await deps.commands.pinClock(body.timestamp);
    res.status(204).end();
  });
  t.add('post', '/clock/reset', async (_req, res) => {
    requireClockControl();
    await deps.commands.resetClock();
    res.status(204).end();
  });
}
