import { AppError, type FieldIssue } from '../../platform/errors.ts';
import { FIELD_KEYS, type FieldKey, type Profile, type ProfileValue } from '../matching/fields.ts';
import { conditionSchema, conditionsOf, type Rule } from '../matching/rule.ts';

const MAX_DEPTH = 8;
const MAX_CONDITIONS = 100;

/**
 * Checks a rule node by node, so that an error names the exact place (`rule.all.1.value`) that
 * the editor can mark; ruleSchema's union would only say "no variant matched" at the root.
 */
function walk(node: unknown, path: string, depth: number, issues: FieldIssue[]): Rule | undefined {
  if (depth > MAX_DEPTH) {
    issues.push({ field: path, message: `条件分组最多嵌套 ${MAX_DEPTH} 层` });
    return undefined;
  }
  if (typeof node !== 'object' || node === null || Array.isArray(node)) {
    issues.push({ field: path, message: '应为条件或条件组（all / any / not）' });
    return undefined;
  }
  const o = node as Record<string, unknown>;
  for (const group of ['all', 'any'] as const) {
    if (!(group in o)) continue;
    const items = o[group];
    if (!Array.isArray(items) || items.length === 0) {
      issues.push({ field: `${path}.${group}`, message: '条件组至少包含一个条件' });
      return undefined;
    }
    const children = items.map((c, i) => walk(c, `${path}.${group}.${i}`, depth + 1, issues));
    return children.every((c) => c !== undefined) ? ({ [group]: children } as Rule) : undefined;
  }
  if ('not' in o) {
    const child = walk(o.not, `${path}.not`, depth + 1, issues);
    return child ? { not: child } : undefined;
  }
  const parsed = conditionSchema.safeParse(node);
  if (!parsed.success) {
    for (const i of parsed.error.issues) issues.push({ field: [path, ...i.path.map(String)].join('.'), message: i.message });
    return undefined;
  }
  return parsed.data;
}

/** The rule, validated; a 400 naming every wrong field otherwise. */
export function checkRule(input: unknown, path = 'rule'): Rule {
  const issues: FieldIssue[] = [];
  const rule = walk(input, path, 0, issues);
  if (rule) {
    const conditions = conditionsOf(rule);
    if (conditions.length > MAX_CONDITIONS) issues.push({ field: path, message: `一条规则最多 ${MAX_CONDITIONS} 个条件` });
    const seen = new Set<string>();
    for (const c of conditions) {
      if (seen.has(c.id)) issues.push({ field: path, message: `条件编号 ${c.id} 重复` });
      seen.add(c.id);
    }
  }
  if (!rule || issues.length > 0) {
    throw new AppError('VALIDATION_FAILED', `${issues[0]?.field ?? path}：${issues[0]?.message ?? '规则不合法'}`, { fields: issues });
  }
  return rule;
}

const KEYS = new Set<string>(FIELD_KEYS);

/** A test case's partial profile as a full one: a field not given is null (unknown). */
export function fullProfile(partial: Record<string, unknown>, path = 'profile'): Profile {
  const issues: FieldIssue[] = [];
  const out = Object.fromEntries(FIELD_KEYS.map((k) => [k, null])) as Record<FieldKey, ProfileValue>;
  for (const [k, v] of Object.entries(partial)) {
    if (!KEYS.has(k)) {
      issues.push({ field: `${path}.${k}`, message: `未知字段 ${k}` });
      continue;
    }
    const ok =
      v === null ||
      typeof v === 'number' ||
      typeof v === 'string' ||
      typeof v === 'boolean' ||
      (Array.isArray(v) && v.every((x) => typeof x === 'string'));
    if (!ok) issues.push({ field: `${path}.${k}`, message: '取值应为数字、文本、布尔值或文本列表' });
    else out[k as FieldKey] = v as ProfileValue;
  }
  if (issues.length > 0) throw new AppError('VALIDATION_FAILED', `${issues[0]!.field}：${issues[0]!.message}`, { fields: issues });
  return out;
}
