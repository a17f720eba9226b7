import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

// The contract check that `npm run check` (and so CI) runs, on a copy of the repository whose
// schema was edited: the same script, the same code path, only in another directory.
const run = promisify(execFile);
const repo = fileURLToPath(new URL('..', import.meta.url));
const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'qifu-contract-'));

for (const item of ['src', 'scripts', 'openapi.json', 'web/src/api', 'package.json', '.prettierrc.json', '.prettierignore']) {
  if (fs.existsSync(path.join(repo, item))) fs.cpSync(path.join(repo, item), path.join(copy, item), { recursive: true });
}
fs.symlinkSync(path.join(repo, 'node_modules'), path.join(copy, 'node_modules'), 'dir');

async function contract(...args: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'scripts/contract.ts', ...args], { cwd: copy });
    return { code: 0, output: stdout + stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

afterAll(() => fs.rmSync(copy, { recursive: true, force: true }));

describe('the API contract check', () => {
  it('fails on a schema edited without regenerating, naming what changed, and passes once regenerated', async () => {
    const schemas = path.join(copy, 'src/modules/appeals/schemas.ts');
    const source = fs.readFileSync(schemas, 'utf8');
    expect(source).toContain('    reopenCount: z.number(),\n');
    // A new field in the appeal list's rows, as a change to the server would add it.
    fs.writeFileSync(
      schemas,
      source.replace('    reopenCount: z.number(),\n', '    reopenCount: z.number(),\n    contractProbe: z.string(),\n'),
    );

    const stale = await contract('--check');
    expect(stale.code).toBe(1);
    expect(stale.output).toContain('openapi.json is stale');
    expect(stale.output).toContain('component ~AppealListItem');
    expect(stale.output).toContain('web/src/api/schema.d.ts is stale');

    const written = await contract();
    expect(written.code).toBe(0);
    expect(fs.readFileSync(path.join(copy, 'web/src/api/schema.d.ts'), 'utf8')).toMatch(/contractProbe: string;/);

    const fresh = await contract('--check');
    expect(fresh).toEqual({ code: 0, output: 'the API contract is up to date\n' });
  }, 300_000);
});
