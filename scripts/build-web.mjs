// Builds the web app (web/) into web/dist with Vite's JS API.
//   node scripts/build-web.mjs             always build
//   node scripts/build-web.mjs --if-stale  build only when the sources changed since the last build
// A production install (no dev dependencies, so no Vite) keeps the web/dist it ships with.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const web = join(repo, 'web');
const dist = join(web, 'dist');
const hashFile = join(dist, '.build-hash');
const configFile = join(web, 'vite.config.ts');

/** Everything that decides what the build produces. */
const sourceDirs = [join(web, 'src'), join(web, 'public')];
const sourceFiles = [join(web, 'index.html'), configFile, join(web, 'tsconfig.json'), join(repo, 'package-lock.json')];

/**
 * @param {string} dir
 * @returns {Promise<string[]>}
 */
async function listFiles(dir) {
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/** @returns {Promise<string>} */
async function sourceHash() {
  const files = [...(await Promise.all(sourceDirs.map(listFiles))).flat(), ...sourceFiles.filter((f) => existsSync(f))];
  const hash = createHash('sha256');
  for (const file of files.map((f) => relative(repo, f).split(sep).join('/')).sort()) {
    hash.update(`${file}\0`);
    hash.update(await readFile(join(repo, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** @returns {Promise<string | undefined>} */
async function builtHash() {
  if (!existsSync(join(dist, 'index.html'))) return undefined;
  return existsSync(hashFile) ? (await readFile(hashFile, 'utf8')).trim() : undefined;
}

/** @returns {Promise<typeof import('vite') | undefined>} */
async function loadVite() {
  try {
    return await import('vite');
  } catch (err) {
    const code = err instanceof Error && 'code' in err ? err.code : undefined;
    if (code === 'ERR_MODULE_NOT_FOUND') return undefined;
    throw err;
  }
}

async function main() {
  const ifStale = process.argv.includes('--if-stale');
  const hash = await sourceHash();
  if (ifStale && (await builtHash()) === hash) {
    console.log('[build-web] web/dist is up to date, skipping the build');
    return;
  }
  const vite = await loadVite();
  if (!vite) {
    if (existsSync(join(dist, 'index.html'))) {
      console.log('[build-web] vite is not installed (production install); using the existing web/dist');
      return;
    }
    console.error('[build-web] vite is not installed and web/dist does not exist: install dev dependencies and run `npm run build:web`');
    // Do not break `npm install --omit=dev` itself; the server reports the missing web app.
    process.exitCode = process.env.npm_lifecycle_event === 'postinstall' ? 0 : 1;
    return;
  }
  const started = performance.now();
  await vite.build({ configFile, logLevel: 'warn' });
  await writeFile(hashFile, `${hash}\n`);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`[build-web] built web/dist in ${seconds}s`);
}

await main();
