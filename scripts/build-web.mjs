// Builds the web app (web/) into web/dist with Vite's JS API.
//   node scripts/build-web.mjs             always build
//   node scripts/build-web.mjs --if-stale  build only when the sources changed since the last build
// A production install (no dev dependencies, so no Vite) keeps the web/dist it ships with.
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { builtHash, hashFiles, importOptional, listFiles, repo } from './build-cache.mjs';

const web = join(repo, 'web');
const dist = join(web, 'dist');
const hashFile = join(dist, '.build-hash');
const configFile = join(web, 'vite.config.ts');

/** Everything that decides what the build produces. */
const sourceDirs = [join(web, 'src'), join(web, 'public')];
const sourceFiles = [join(web, 'index.html'), configFile, join(web, 'tsconfig.json'), join(repo, 'package-lock.json')];
const SERVER_IMPORT = /['"]@server\/([^'"]+)['"]/g;

/** @returns {Promise<string>} */
async function sourceHash() {
  const files = [...(await Promise.all(sourceDirs.map(listFiles))).flat(), ...sourceFiles.filter((f) => existsSync(f))];
  // The server's pure modules the web imports through `@server/` (the workflows, the working-day
  // rules) are built into the web app too: a change to one must rebuild it. (They import only
  // types from elsewhere, which leave nothing in the bundle.)
  const shared = new Set();
  for (const file of files.filter((f) => /\.tsx?$/.test(f))) {
    for (const [, rel] of (await readFile(file, 'utf8')).matchAll(SERVER_IMPORT)) if (rel) shared.add(join(repo, 'src', rel));
  }
  return hashFiles([...files, ...shared]);
}

async function main() {
  const ifStale = process.argv.includes('--if-stale');
  const hash = await sourceHash();
  if (ifStale && (await builtHash(join(dist, 'index.html'), hashFile)) === hash) {
    console.log('[build-web] web/dist is up to date, skipping the build');
    return;
  }
  const vite = await importOptional(() => import('vite'));
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
