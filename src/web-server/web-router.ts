import { Router, type Response } from 'express';
import { extname } from 'node:path';
import { ASSETS_PATH, buildWeb, type WebBundle } from './build-web.js';
import { pageShell } from './page-shell.js';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.eot': 'application/vnd.ms-fontobject',
  '.svg': 'image/svg+xml',
};

/** The page served at `/`. */
export const HOME_PAGE = 'inbox';

/**
 * The app's pages, mounted at `/` after /api and /v2. `/` is the inbox; `/<page>/…` is the page
 * in web/<page>/ (the rest of the path is the page's own, e.g. /task/<key>); `/assets/…` the
 * built files. The bundle is built on the first page request and kept, so processes that never
 * serve a page (API tests, workers) never pay for it.
 */
export function createWebRouter(): Router {
  const router = Router();
  let bundle: Promise<WebBundle> | undefined;
  const built = () => {
    bundle ??= buildWeb().catch((error: unknown) => {
      bundle = undefined;
      throw error;
    });
    return bundle;
  };

  router.get(/^\/assets\/(.+)$/, async (req, res) => {
    const path = decodeURIComponent(req.path.slice(ASSETS_PATH.length));
    const contents = (await built()).files.get(path);
    if (!contents) return notFound(res);
    res.type(CONTENT_TYPES[extname(path)] ?? 'application/octet-stream');
    res.set('Cache-Control', /-[A-Z0-9]{8}\.\w+$/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
    res.send(Buffer.from(contents));
  });

  // Browsers ask for it on every page; the app has none, and a 404 would be noise in their consoles.
  router.get('/favicon.ico', (_req, res) => {
    res.status(204).end();
  });

  router.get(/^\/(?:([a-z][a-z0-9-]*)(?:\/.*)?)?$/, async (req, res) => {
    const { files, pages } = await built();
    const page = req.params[0] ?? HOME_PAGE;
    if (!pages.has(page)) return notFound(res);
    res.set('Cache-Control', 'no-cache');
    res.set(
      'Content-Security-Policy',
      "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; object-src 'none'; frame-ancestors 'none'",
    );
    res.set('X-Content-Type-Options', 'nosniff');
    res.type('html').send(pageShell(page, files.has(`${page}/main.css`)));
  });

  return router;
}

function notFound(res: Response): void {
  res.status(404).type('html').send(pageShell(undefined, false));
}
