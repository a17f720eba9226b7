import path from 'node:path';

/**
 * Qifu's module boundaries, kept by the linter (docs/ARCHITECTURE.md, "Where SQL lives"):
 * - no-foreign-repository: a module never imports another module's repository (its SQL); it goes
 *   through that module's service, read.ts or index.ts instead.
 * - sql-in-repository: Kysely query builders and `sql` templates appear only in the files the
 *   config leaves this rule off for (a module's repository files, platform/db, seeds, CLIs, tests).
 */

/** @param {string} p */
const posix = (p) => p.split(path.sep).join('/');

/** The module a file belongs to: src/modules/<name>/… @param {string} file */
function moduleOf(file) {
  return /\/src\/modules\/([^/]+)\//.exec(posix(file))?.[1];
}

/** repository.ts, repository-<topic>.ts, anything under repository/, and the former queries*.ts. @param {string} file */
function isRepositoryFile(file) {
  const p = posix(file);
  const base = path.posix.basename(p).replace(/\.[cm]?[jt]s$/, '');
  return /^(repository|queries)(-|$)/.test(base) || p.includes('/repository/');
}

/** @type {import('eslint').Rule.RuleModule} */
const noForeignRepository = {
  meta: {
    type: 'problem',
    docs: { description: "Forbid importing another module's repository or queries" },
    messages: {
      foreign: "'{{source}}' is the {{module}} module's repository: go through its service (or read.ts / index.ts) instead.",
    },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    const own = moduleOf(file);
    /** @param {import('estree').Node | null | undefined} node */
    const check = (node) => {
      const source = node?.type === 'Literal' ? node.value : undefined;
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = path.resolve(path.dirname(file), source);
      const theirs = moduleOf(target);
      if (theirs && theirs !== own && isRepositoryFile(target)) {
        if (node) context.report({ node, messageId: 'foreign', data: { source, module: theirs } });
      }
    };
    return {
      ImportDeclaration: (n) => check(n.source),
      ExportNamedDeclaration: (n) => check(n.source),
      ExportAllDeclaration: (n) => check(n.source),
      ImportExpression: (n) => check(n.source),
    };
  },
};

const BUILDERS = new Set(['selectFrom', 'selectNoFrom', 'insertInto', 'updateTable', 'deleteFrom', 'replaceInto', 'mergeInto']);

/** @type {import('eslint').Rule.RuleModule} */
const sqlInRepository = {
  meta: {
    type: 'problem',
    docs: { description: "SQL only in a module's repository files (and platform/db, seeds, CLIs, tests)" },
    messages: {
      sql: "SQL ({{what}}) belongs in the module's repository.ts or repository-<topic>.ts; call a function from there.",
    },
    schema: [],
  },
  create(context) {
    /** @param {import('estree').Node} node @param {string} what */
    const report = (node, what) => context.report({ node, messageId: 'sql', data: { what } });
    return {
      CallExpression(node) {
        const callee = node.callee;
        if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return;
        const name = callee.property.name;
        if (BUILDERS.has(name)) return report(node, `.${name}()`);
        if (callee.object.type === 'Identifier' && callee.object.name === 'sql') return report(node, `sql.${name}()`);
        // A common table expression: .with('name', (db) => …)
        const [first, second] = node.arguments;
        if (
          (name === 'with' || name === 'withRecursive') &&
          first?.type === 'Literal' &&
          typeof first.value === 'string' &&
          (second?.type === 'ArrowFunctionExpression' || second?.type === 'FunctionExpression')
        )
          return report(node, `.${name}()`);
      },
      TaggedTemplateExpression(node) {
        if (node.tag.type === 'Identifier' && node.tag.name === 'sql') report(node, 'sql`…`');
      },
    };
  },
};

/** @type {import('eslint').ESLint.Plugin} */
export default {
  meta: { name: 'qifu-boundaries' },
  rules: { 'no-foreign-repository': noForeignRepository, 'sql-in-repository': sqlInRepository },
};
