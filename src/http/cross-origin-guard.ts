import type { Request, RequestHandler } from 'express';
import { sendEngineProblem } from './engine-problem.js';

/** Sec-Fetch-Site values of requests a page of this service, the user or a non-browser client made. */
const OWN_FETCH_SITES = new Set(['same-origin', 'none']);

/**
 * Refuses browser requests that pages of other sites make to the engine API. A multipart POST in
 * `fetch(…, { mode: 'no-cors' })` needs no CORS preflight, so without this a page anywhere could
 * deploy a diagram through a browser that holds the engine's basic auth credentials, or reaches
 * it on loopback with none. Browsers name the page's site in `Origin` and `Sec-Fetch-Site`; the
 * official client, Modeler and curl send neither, and pass. `same-site` is refused too: a page
 * of a sibling host is still another application.
 */
export function refuseCrossOrigin(): RequestHandler {
  return (req, res, next) => {
    const fetchSite = req.get('sec-fetch-site');
    if (fetchSite !== undefined && !OWN_FETCH_SITES.has(fetchSite.toLowerCase())) {
      return sendEngineProblem(
        req,
        res,
        403,
        'Forbidden',
        `Sec-Fetch-Site: ${fetchSite} — the engine API takes no requests from pages of other sites`,
      );
    }
    const origin = req.get('origin');
    if (origin !== undefined && !isOwnOrigin(origin, req)) {
      return sendEngineProblem(
        req,
        res,
        403,
        'Forbidden',
        `Origin ${origin} is not this service's origin (${ownOrigin(req)}) — the engine API takes no requests from pages of other sites`,
      );
    }
    next();
  };
}

/** The origin the request was addressed to: its scheme (X-Forwarded-Proto behind a trusted proxy) and Host. */
function ownOrigin(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? ''}`;
}

function isOwnOrigin(origin: string, req: Request): boolean {
  const given = originOf(origin);
  return given !== undefined && given === originOf(ownOrigin(req));
}

/** The serialised origin (default port dropped, lower case), or undefined for `null` and other non-URLs. */
function originOf(text: string): string | undefined {
  try {
    const origin = new URL(text).origin;
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}
