// What the web and server builds share: a hash of the files that decide a build's output, the
// hash the last build recorded, and loading a build tool that a production install lacks.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repo = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Every file under `dir` (none when it does not exist).
 * @param {string} dir
 * @returns {Promise<string[]>}
 */
export async function listFiles(dir) {
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/**
 * One hash of the files' names (relative to the repository) and contents, in a stable order.
 * @param {string[]} files
 * @returns {Promise<string>}
 */
export async function hashFiles(files) {
  const hash = createHash('sha256');
  for (const file of files.map((f) => relative(repo, f).split(sep).join('/')).sort()) {
    hash.update(`${file}\0`);
    hash.update(await readFile(join(repo, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/**
 * The hash the last build wrote beside its output, if that output is there.
 * @param {string} output the file a complete build leaves
 * @param {string} hashFile
 * @returns {Promise<string | undefined>}
 */
export async function builtHash(output, hashFile) {
  if (!existsSync(output) || !existsSync(hashFile)) return undefined;
  return (await readFile(hashFile, 'utf8')).trim();
}

/**
 * A dev dependency (Vite, esbuild), or undefined in a production install that has none.
 * @template T
 * @param {() => Promise<T>} load e.g. () => import('vite')
 * @returns {Promise<T | undefined>}
 */
export async function importOptional(load) {
  try {
    return await load();
  } catch (err) {
    const code = err instanceof Error && 'code' in err ? err.code : undefined;
    if (code === 'ERR_MODULE_NOT_FOUND') return undefined;
    throw err;
  }
}
