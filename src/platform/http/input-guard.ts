/**
 * One check on every request's input before its schema sees it: no text holding U+0000 or a lone
 * surrogate, and no value nested deeper than MAX_DEPTH. PostgreSQL refuses U+0000 in text and jsonb
 * (the query fails: a 500), PGlite refuses a lone surrogate, and node-postgres turns it into U+FFFD
 * without a word — so either the database breaks or what is stored is not what was sent. Nesting is
 * bounded because recursive schemas (policy rules) and the walks over them recurse once per level.
 * Other control characters are valid text in PostgreSQL and pass.
 */
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { AppError, type FieldIssue } from '../errors.ts';

/** Far above any input Qifu takes (a policy rule nests at most 8 groups, about 18 JSON levels). */
export const MAX_INPUT_DEPTH = 32;

// With the u flag a lone surrogate is one code point of category Cs; a pair is one astral code point.
// eslint-disable-next-line no-control-regex -- U+0000 is what this looks for
const BAD_TEXT = /[\u0000\p{Cs}]/u;

/** Why a string cannot be stored as text, or undefined when it can. */
export function textProblem(s: string): string | undefined {
  const m = BAD_TEXT.exec(s);
  if (!m) return undefined;
  return m[0] === '\u0000' ? '不能包含空字符（U+0000）' : '包含无效的 Unicode 字符（不成对的代理项）';
}

interface Node {
  value: unknown;
  key: string | number | undefined;
  parent: Node | undefined;
  depth: number;
}

function pathOf(node: Node | undefined): string {
  const keys: (string | number)[] = [];
  for (let n = node; n && n.key !== undefined; n = n.parent) keys.unshift(n.key);
  return keys.join('.');
}

/**
 * The first problem in a parsed input, with its field as the schema errors name it ('title',
 * 'contacts.0.name'); `root` ('body', 'querystring', 'params') when it is the input itself.
 * Iterative, so a 10,000-level value cannot overflow the stack here.
 */
export function inputProblem(input: unknown, root: string): FieldIssue | undefined {
  const stack: Node[] = [{ value: input, key: undefined, parent: undefined, depth: 0 }];
  const field = (n: Node | undefined) => pathOf(n) || root;
  while (stack.length > 0) {
    const node = stack.pop()!;
    const v = node.value;
    if (typeof v === 'string') {
      const message = textProblem(v);
      if (message) return { field: field(node), message };
      continue;
    }
    if (typeof v !== 'object' || v === null || ArrayBuffer.isView(v)) continue;
    if (node.depth >= MAX_INPUT_DEPTH) return { field: field(node), message: `嵌套不能超过 ${MAX_INPUT_DEPTH} 层` };
    const depth = node.depth + 1;
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], key: i, parent: node, depth });
      continue;
    }
    const entries = Object.entries(v);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [k, child] = entries[i]!;
      const message = textProblem(k);
      if (message) return { field: field(node), message: `字段名${message}` };
      stack.push({ value: child, key: k, parent: node, depth });
    }
  }
  return undefined;
}

/** Query and path parameters are flat: a problem names the parameter, as their schema errors do. */
function parameterProblem(input: unknown, root: string): FieldIssue | undefined {
  const problem = inputProblem(input, root);
  return problem && { ...problem, field: problem.field.split('.')[0]! };
}

async function checkInput(req: FastifyRequest): Promise<void> {
  const problem = parameterProblem(req.params, 'params') ?? parameterProblem(req.query, 'querystring') ?? inputProblem(req.body, 'body');
  if (problem) throw new AppError('VALIDATION_FAILED', `${problem.field}：${problem.message}`, { fields: [problem] });
}

/**
 * Adds the check to every route registered after this call, after the route's own preValidation
 * hooks (the access check among them): a caller who may not use a route learns nothing from it.
 * Multipart forms are read in the handler; readMultipart (uploads.ts) applies textProblem there.
 */
export function installInputGuard(app: FastifyInstance): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    const existing = route.preValidation;
    route.preValidation = [...(existing ? (Array.isArray(existing) ? existing : [existing]) : []), checkInput];
  });
}
