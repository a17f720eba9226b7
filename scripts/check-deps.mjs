// Part of `npm run check`: every package the code imports is declared in package.json, and every
// installed package accepts the Node versions our `engines` promises (a dependency that needs a
// newer Node than we claim would make the claim untrue). Exits non-zero naming each problem.
import fs from 'node:fs';
import path from 'node:path';
import { builtinModules } from 'node:module';
import semver from 'semver';
import ts from 'typescript';

const root = path.resolve(import.meta.dirname, '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const declared = new Set([...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {})]);
const builtin = new Set(builtinModules);
/** @type {string[]} */
const problems = [];
// Path aliases (tsconfig `paths`, e.g. the web's `@server/*`) name our own files, not packages.
const aliases = ['tsconfig.json', 'web/tsconfig.json']
  .flatMap((f) => Object.keys(ts.readConfigFile(path.join(root, f), ts.sys.readFile).config?.compilerOptions?.paths ?? {}))
  .map((key) => key.replace(/\*$/, ''));

/**
 * `@scope/name/sub` → `@scope/name`, `name/sub` → `name`; undefined for relative paths and builtins.
 * @param {string} specifier
 */
function packageOf(specifier) {
  if (aliases.some((alias) => specifier.startsWith(alias))) return undefined;
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:') || specifier.startsWith('virtual:'))
    return undefined;
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
  return builtin.has(name) ? undefined : name;
}

/** @param {string} file */
function scan(file) {
  // The compiler's own pre-processor: real import/export/require/import() specifiers, not strings that look like them.
  const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
  for (const { fileName } of importedFiles) {
    const name = packageOf(fileName);
    if (name && !declared.has(name)) problems.push(`${path.relative(root, file)} imports '${name}', which package.json does not declare`);
  }
}

/** @param {string} dir */
function walk(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full);
    else if (/\.(m?[jt]sx?|cjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) scan(full);
  }
}

for (const dir of ['src', 'web', 'tests', 'bench', 'scripts']) if (fs.existsSync(path.join(root, dir))) walk(path.join(root, dir));
for (const file of fs.readdirSync(root)) if (/\.(m?[jt]s)$/.test(file)) scan(path.join(root, file));

// The lowest version of each branch of our range, e.g. 20.19.0 and 22.13.0 for "^20.19.0 || >=22.13.0".
const promised = new semver.Range(pkg.engines.node).set.map(
  (comparators) => semver.minVersion(new semver.Range(comparators.map((c) => c.value).join(' ')))?.version ?? '0.0.0',
);
const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
for (const [where, info] of Object.entries(lock.packages)) {
  const wanted = info.engines?.node;
  if (!where || !wanted || (info.optional && !fs.existsSync(path.join(root, where)))) continue;
  for (const version of promised) {
    if (!semver.satisfies(version, wanted))
      problems.push(`${where.replace(/^node_modules\//, '')} needs Node ${wanted}; engines promises ${version}`);
  }
}

if (problems.length > 0) {
  console.error(`check-deps: ${problems.length} problem(s)\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`check-deps: imports declared; Node ${promised.join(', ')} accepted by every installed package`);
