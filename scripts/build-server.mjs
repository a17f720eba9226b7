// Builds the server (src/main.ts) into dist/server/main.js with esbuild: one ESM bundle of our
// code for Node 20; packages stay in node_modules, imported at run time as under tsx.
//   node scripts/build-server.mjs             always build
//   node scripts/build-server.mjs --if-stale  build only when the sources changed since the last build
// A production install (no dev dependencies, so no esbuild) keeps the dist/server it ships with.
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { basename, dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtHash, hashFiles, importOptional, listFiles, repo } from './build-cache.mjs';

const src = join(repo, 'src');
const outdir = join(repo, 'dist', 'server');
const outfile = join(outdir, 'main.js');
const hashFile = join(outdir, '.build-hash');

/** Everything that decides what the build produces (tests are never bundled). */
const sourceFiles = [join(repo, 'package-lock.json'), join(repo, 'tsconfig.json'), fileURLToPath(import.meta.url)];
const isSource = (/** @type {string} */ f) => !/\.test\.ts$/.test(f);

/** @returns {Promise<string>} */
async function sourceHash() {
  return hashFiles([...(await listFiles(src)).filter(isSource), ...sourceFiles]);
}

const FILE_URL = /new URL\((['"])(\.\.?\/[^'"]*)\1,\s*import\.meta\.url\)/g;

/**
 * `new URL('./x', import.meta.url)` names a file beside the source module, but in the bundle
 * import.meta.url is dist/server/main.js. Files under src/ (the PGlite worker, the jieba domain
 * dictionary) are copied beside the bundle and the reference becomes './<name>'; anything outside
 * src/ (web/dist) is referenced where it is, relative to the bundle.
 * @param {string} into the directory being built (it becomes dist/server)
 * @returns {import('esbuild').Plugin}
 */
function fileUrlAssets(into) {
  /** @type {Map<string, string>} copied name → its source, to refuse two assets with one name */
  const copied = new Map();
  return {
    name: 'file-url-assets',
    setup(build) {
      build.onLoad({ filter: /\.(ts|mjs|js)$/ }, async (args) => {
        if (!args.path.startsWith(src + sep)) return undefined;
        const text = await readFile(args.path, 'utf8');
        if (!text.includes('import.meta.url')) return undefined;
        /** @type {Promise<void>[]} */
        const copies = [];
        const contents = text.replace(FILE_URL, (_whole, quote, rel) => {
          const target = join(dirname(args.path), rel);
          const slash = rel.endsWith('/') ? '/' : '';
          let ref;
          if (target.startsWith(src + sep)) {
            const name = basename(target);
            const previous = copied.get(name);
            if (previous && previous !== target) throw new Error(`two assets named ${name}: ${previous} and ${target}`);
            copied.set(name, target);
            copies.push(copyFile(target, join(into, name)));
            ref = `./${name}`;
          } else {
            ref = relative(outdir, target).split(sep).join('/') + slash;
            if (!ref.startsWith('.')) ref = `./${ref}`;
          }
          return `new URL(${quote}${ref}${quote}, import.meta.url)`;
        });
        await Promise.all(copies);
        return { contents, loader: args.path.endsWith('.ts') ? 'ts' : 'js' };
      });
    },
  };
}

/**
 * Replaces dist/server with the directory just built. Two builds at once (parallel test files)
 * both end with a complete dist/server: whichever renames last wins.
 * @param {string} building
 */
async function swapIn(building) {
  const old = `${outdir}.old.${process.pid}`;
  for (let attempt = 0; ; attempt++) {
    try {
      if (existsSync(outdir)) await rename(outdir, old);
      await rename(building, outdir);
      break;
    } catch (err) {
      const code = err instanceof Error && 'code' in err ? err.code : undefined;
      // Another build swapped in between our two renames: try again.
      if (attempt >= 5 || (code !== 'ENOENT' && code !== 'ENOTEMPTY' && code !== 'EEXIST')) throw err;
    }
  }
  await rm(old, { recursive: true, force: true });
}

async function main() {
  const ifStale = process.argv.includes('--if-stale');
  const hash = await sourceHash();
  if (ifStale && (await builtHash(outfile, hashFile)) === hash) {
    console.log('[build-server] dist/server is up to date, skipping the build');
    return;
  }
  const esbuild = await importOptional(() => import('esbuild'));
  if (!esbuild) {
    if (existsSync(outfile)) {
      console.log('[build-server] esbuild is not installed (production install); using the existing dist/server');
      return;
    }
    console.error(
      '[build-server] esbuild is not installed and dist/server does not exist: install dev dependencies and run `npm run build:server`',
    );
    // Do not break `npm install --omit=dev` itself; `npm start` then fails with this message.
    process.exitCode = process.env.npm_lifecycle_event === 'postinstall' ? 0 : 1;
    return;
  }
  const started = performance.now();
  // Built beside and swapped in whole: a server starting meanwhile (tests start several) never
  // finds a half-written dist/server.
  const building = `${outdir}.${process.pid}`;
  await rm(building, { recursive: true, force: true });
  await mkdir(building, { recursive: true });
  try {
    await build(esbuild, building);
  } catch (err) {
    await rm(building, { recursive: true, force: true });
    throw err;
  }
  await writeFile(join(building, '.build-hash'), `${hash}\n`);
  await swapIn(building);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`[build-server] built dist/server/main.js in ${seconds}s`);
}

/**
 * @param {typeof import('esbuild')} esbuild
 * @param {string} building
 */
async function build(esbuild, building) {
  const { metafile } = await esbuild.build({
    entryPoints: [join(src, 'main.ts')],
    outfile: join(building, 'main.js'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    // The oldest Node package.json's engines allow (20.19 keeps `with { type: 'json' }`).
    target: 'node20.19',
    packages: 'external',
    sourcemap: 'linked',
    // Keeps class and function names in logs and stack traces as in the sources.
    keepNames: true,
    logLevel: 'warning',
    plugins: [fileUrlAssets(building)],
    metafile: true,
  });
  await refuseDevImports(metafile);
}

/**
 * The bundle imports its packages at run time, so each must be a dependency: a devDependency is
 * missing from a production install (`npm ci --omit=dev`) and the server would not start there.
 * @param {import('esbuild').Metafile} metafile
 */
async function refuseDevImports(metafile) {
  const pkg = JSON.parse(await readFile(join(repo, 'package.json'), 'utf8'));
  const runtime = new Set(Object.keys(pkg.dependencies ?? {}));
  const external = Object.values(metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path));
  const packages = new Set(
    external
      .filter((p) => !p.startsWith('node:') && !builtinModules.includes(p))
      .map((p) =>
        p
          .split('/')
          .slice(0, p.startsWith('@') ? 2 : 1)
          .join('/'),
      ),
  );
  const missing = [...packages].filter((p) => !runtime.has(p)).sort();
  if (missing.length)
    throw new Error(`the server imports ${missing.join(', ')}, not in "dependencies": a production install (--omit=dev) would not start`);
}

await main();
