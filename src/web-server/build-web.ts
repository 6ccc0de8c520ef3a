import { build } from 'esbuild';
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The web/ folder of the repository: one folder per page, each with a main.ts. */
export const WEB_ROOT = fileURLToPath(new URL('../../web', import.meta.url));

/** URL prefix of the built files. */
export const ASSETS_PATH = '/assets/';

/** The built pages: file contents by path under /assets/, and the page folders that have an entry. */
export interface WebBundle {
  files: ReadonlyMap<string, Uint8Array>;
  pages: ReadonlySet<string>;
}

/** Page folders: every web/<page>/main.ts. `shared` holds the layout and helpers, not a page. */
export function findPages(root = WEB_ROOT): string[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== 'shared' && existsSync(join(root, entry.name, 'main.ts')))
    .map((entry) => entry.name)
    .sort();
}

/**
 * Bundles every page with esbuild into memory: ES modules with shared chunks (form-js and
 * bpmn-js land in the chunks of the pages that import them), a CSS file per page, fonts as
 * files. Nothing is written to disk, so `npm start` needs no build step and no two processes
 * race over an output folder.
 */
export async function buildWeb(root = WEB_ROOT): Promise<WebBundle> {
  const pages = findPages(root);
  const outdir = join(root, '.out');
  const result = await build({
    entryPoints: Object.fromEntries(pages.map((page) => [`${page}/main`, join(root, page, 'main.ts')])),
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022'],
    minify: true,
    sourcemap: false,
    write: false,
    publicPath: ASSETS_PATH,
    chunkNames: 'chunks/[name]-[hash]',
    assetNames: 'files/[name]-[hash]',
    loader: { '.woff': 'file', '.woff2': 'file', '.ttf': 'file', '.eot': 'file', '.svg': 'file' },
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  const files = new Map(result.outputFiles.map((file) => [relative(outdir, file.path).split('\\').join('/'), file.contents]));
  return { files, pages: new Set(pages) };
}
