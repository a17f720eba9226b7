import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The project's own eslint.config.js, run on snippets placed where the rules look: the boundaries
// are kept by `npm run check`, and this shows a violation really fails it.
const eslint = new ESLint();

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId?.startsWith('qifu/')).map((m) => m.ruleId!);
}

describe('module boundaries (eslint)', () => {
  it("refuses a module importing another module's repository, and lets it use its own or the other's service", async () => {
    expect(
      await boundaryErrors('src/modules/users/example.ts', "export { enterpriseIdBy } from '../enterprises/repository.ts';\n"),
    ).toEqual(['qifu/no-foreign-repository']);
    expect(
      await boundaryErrors(
        'src/modules/users/example.ts',
        "import type { X } from '../appeals/repository-lists.ts';\nexport type Y = X;\n",
      ),
    ).toEqual(['qifu/no-foreign-repository']);
    expect(await boundaryErrors('src/modules/users/example.ts', "export { enterpriseIdBy } from '../enterprises/service.ts';\n")).toEqual(
      [],
    );
    expect(await boundaryErrors('src/modules/users/example.ts', "export * from './repository.ts';\n")).toEqual([]);
  });

  it('refuses SQL outside a repository file', async () => {
    const builder =
      "import type { Db } from '../../platform/db/index.ts';\nexport const names = (db: Db) => db.selectFrom('users').select('display_name').execute();\n";
    const template = "import { sql } from 'kysely';\nexport const one = sql<number>`select 1`;\n";
    expect(await boundaryErrors('src/modules/users/example.ts', builder)).toEqual(['qifu/sql-in-repository']);
    expect(await boundaryErrors('src/modules/users/example.ts', template)).toEqual(['qifu/sql-in-repository']);
    expect(await boundaryErrors('src/platform/http/example.ts', template)).toEqual(['qifu/sql-in-repository']);
    expect(await boundaryErrors('src/modules/users/repository.ts', builder)).toEqual([]);
    expect(await boundaryErrors('src/modules/users/repository-names.ts', template)).toEqual([]);
    expect(await boundaryErrors('src/platform/db/example.ts', template)).toEqual([]);
  });
});
