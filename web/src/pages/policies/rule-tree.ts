import type { Condition, FieldInfo, Rule, Value } from './types';

/** Pure helpers of the rule editor: the tree is edited by path (indexes from the root). */
export type Path = number[];
export type GroupKind = 'all' | 'any' | 'not';

export const isCondition = (r: Rule): r is Condition => 'field' in r;
export const groupKind = (r: Rule): GroupKind | null => ('all' in r ? 'all' : 'any' in r ? 'any' : 'not' in r ? 'not' : null);
export const childrenOf = (r: Rule): Rule[] => ('all' in r ? r.all : 'any' in r ? r.any : 'not' in r ? [r.not] : []);

function withChildren(r: Rule, children: Rule[]): Rule {
  if ('all' in r) return { all: children };
  if ('any' in r) return { any: children };
  return { not: children[0]! };
}

export function conditions(r: Rule): Condition[] {
  return isCondition(r) ? [r] : childrenOf(r).flatMap(conditions);
}

/** The next free id (c1, c2 …) so that test-case explanations keep naming the same condition. */
export function nextId(r: Rule): string {
  const used = new Set(conditions(r).map((c) => c.id));
  let n = 1;
  while (used.has(`c${n}`)) n++;
  return `c${n}`;
}

export function update(r: Rule, path: Path, f: (node: Rule) => Rule | null): Rule | null {
  if (path.length === 0) return f(r);
  const [head, ...rest] = path;
  const kids = childrenOf(r);
  const next = kids.flatMap((k, i) => {
    if (i !== head) return [k];
    const u = update(k, rest, f);
    return u === null ? [] : [u];
  });
  if (next.length === 0) return null;
  return withChildren(r, next);
}

export function defaultValue(field: FieldInfo, op: string): Value {
  switch (field.kind) {
    case 'number':
      return op === 'between' ? [0, 100] : 0;
    case 'date':
      return op === 'between' ? ['2020-01-01', '2025-12-31'] : '2020-01-01';
    case 'boolean':
      return true;
    default:
      return [];
  }
}

export function newCondition(rule: Rule | null, field: FieldInfo): Condition {
  const op = field.ops[0]!;
  return { id: rule ? nextId(rule) : 'c1', field: field.key, op, value: defaultValue(field, op), clause: '' };
}

/** A rule the server would accept: no empty group, every condition with a value (an empty list is not one). */
export function isComplete(r: Rule): boolean {
  if (isCondition(r)) return !(Array.isArray(r.value) && r.value.length === 0);
  const kids = childrenOf(r);
  return kids.length > 0 && kids.every(isComplete);
}
