// Compiles src/web/assets/application.scss with Dart Sass when the server starts, so `npm start` needs no
// separate build step. The CSS is cached on disk under a key made from our Sass sources and the versions
// of sass, govuk-frontend and MoJ Frontend: a restart with nothing changed reads the cache (milliseconds)
// instead of compiling again (a few seconds).
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as sass from 'sass';

const require = createRequire(import.meta.url);

export const ASSETS_SOURCE_DIR = dirname(fileURLToPath(import.meta.url));
const ENTRY = join(ASSETS_SOURCE_DIR, 'application.scss');
/** the project root: the folder holding src/ and node_modules/ */
const PROJECT_ROOT = join(ASSETS_SOURCE_DIR, '..', '..', '..');
const NODE_MODULES = join(PROJECT_ROOT, 'node_modules');

export const DEFAULT_ASSET_CACHE_DIR = join(NODE_MODULES, '.cache', 'victim-care-assets');

export interface Stylesheet {
  css: string;
  /** short hash of the CSS, for cache-busting URLs (`?v=…`) */
  version: string;
  /** true when read from the disk cache rather than compiled */
  fromCache: boolean;
}

export interface BuildStylesheetOptions {
  /** where compiled CSS is cached; default node_modules/.cache/victim-care-assets */
  cacheDir?: string;
  /** ignore the cache and compile */
  force?: boolean;
}

function packageVersion(name: string): string {
  const pkg = require(`${name}/package.json`) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : 'unknown';
}

/** The cache key: a hash of every .scss file of ours and the versions of the packages compiled in. */
export async function stylesheetSourceKey(): Promise<string> {
  const hash = createHash('sha256');
  const files = (await readdir(ASSETS_SOURCE_DIR)).filter((f) => f.endsWith('.scss')).sort();
  for (const file of files) {
    hash.update(`${file}\0`);
    hash.update(await readFile(join(ASSETS_SOURCE_DIR, file)));
    hash.update('\0');
  }
  hash.update(`${sass.info}\0`);
  for (const name of ['govuk-frontend', '@ministryofjustice/frontend']) {
    hash.update(`${name}@${packageVersion(name)}\0`);
  }
  return hash.digest('hex').slice(0, 20);
}

/** Compiles application.scss (no cache). Deprecation warnings from the frontend packages are dropped. */
export async function compileStylesheet(): Promise<string> {
  const result = await sass.compileAsync(ENTRY, {
    loadPaths: [PROJECT_ROOT, NODE_MODULES],
    style: 'compressed',
    quietDeps: true,
    logger: sass.Logger.silent,
  });
  return result.css;
}

function versionOf(css: string): string {
  return createHash('sha256').update(css).digest('hex').slice(0, 12);
}

const inProcess = new Map<string, Promise<Stylesheet>>();

/** The application stylesheet: from the in-process memo, else the disk cache, else compiled and cached. */
export function buildStylesheet(options: BuildStylesheetOptions = {}): Promise<Stylesheet> {
  const cacheDir = options.cacheDir ?? DEFAULT_ASSET_CACHE_DIR;
  const memoKey = `${cacheDir}\0${options.force === true}`;
  let pending = options.force === true ? undefined : inProcess.get(memoKey);
  if (!pending) {
    pending = loadOrCompile(cacheDir, options.force === true);
    inProcess.set(memoKey, pending);
    pending.catch(() => inProcess.delete(memoKey));
  }
  return pending;
}

async function loadOrCompile(cacheDir: string, force: boolean): Promise<Stylesheet> {
  const key = await stylesheetSourceKey();
  const file = join(cacheDir, `application-${key}.css`);
  if (!force) {
    try {
      const css = await readFile(file, 'utf8');
      if (css.length > 0) return { css, version: versionOf(css), fromCache: true };
    } catch {
      // not cached yet
    }
  }
  const css = await compileStylesheet();
  try {
    await mkdir(cacheDir, { recursive: true });
    const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(tmp, css, 'utf8');
    await rename(tmp, file);
  } catch {
    // A read-only disk only costs a compile at the next start.
  }
  return { css, version: versionOf(css), fromCache: false };
}
