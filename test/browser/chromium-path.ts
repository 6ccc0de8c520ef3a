import { accessSync, constants, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

/** Where Linux distributions put Chromium (Debian's package, Ubuntu's, Google's build). */
export const SYSTEM_CHROMIUMS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** The npm package's Chromium is unpacked here, inside the checkout, so no other user's /tmp copy is in the way. */
export const BUNDLED_CHROMIUM_DIR = resolve('.tmp/chromium');

export interface ChromiumChoice {
  path: string;
  /** Where it came from, for the error that names it if it does not start. */
  source: 'CHROMIUM_PATH' | 'system' | '@sparticuz/chromium';
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The browser the tests drive, in this order: `CHROMIUM_PATH` when set (an error if it is not an
 * executable: a wrong setting should not silently fall back), a system Chromium, and last the
 * Chromium that the devDependency `@sparticuz/chromium` carries inside its registry package, so that
 * `npm ci && npm test` needs nothing installed beside Node.
 */
export async function chooseChromium(
  env: NodeJS.ProcessEnv = process.env,
  systemPaths: readonly string[] = SYSTEM_CHROMIUMS,
  unpackBundled: () => Promise<string> = unpackBundledChromium,
): Promise<ChromiumChoice> {
  const configured = env.CHROMIUM_PATH;
  if (configured) {
    if (!isExecutable(configured)) throw new Error(`CHROMIUM_PATH=${configured} is not an executable file`);
    return { path: configured, source: 'CHROMIUM_PATH' };
  }
  const system = systemPaths.find(isExecutable);
  if (system) return { path: system, source: 'system' };
  return { path: await unpackBundled(), source: '@sparticuz/chromium' };
}

/**
 * The package unpacks its brotli archives into `os.tmpdir()` (it was made for AWS Lambda, whose
 * only writable folder is /tmp) and reuses them from there; TMPDIR points that at the checkout for
 * the one call.
 */
async function unpackBundledChromium(): Promise<string> {
  const { default: bundled } = await import('@sparticuz/chromium');
  mkdirSync(BUNDLED_CHROMIUM_DIR, { recursive: true, mode: 0o700 });
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = BUNDLED_CHROMIUM_DIR;
  try {
    return await bundled.executablePath();
  } finally {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
  }
}
