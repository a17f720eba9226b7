/**
 * Seeds the demo policy library (src/seed/policy-data/): policies with their text and
 * interpretation, a rule per policy (some with an earlier version), test cases, notices (open
 * now, or closed), then (unless told not to) one full matching run. Deterministic for a given day: only the notice
 * windows follow the clock, so that "open now" stays true whenever the demo starts.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../platform/db/schema.ts';
import { bodyTokens } from '../modules/policies/service.ts';
import { indexTokens } from '../modules/policies/tokens.ts';
import { fieldDef } from '../modules/matching/fields.ts';
import { matchAll } from '../modules/matching/index.ts';
import { POLICIES, type PolicySeed, type SeedRule } from './policy-data/index.ts';

const DAY = 86_400_000;
const NUMERALS = '一二三四五六七八九十';
const numeral = (i: number) => (i < 10 ? NUMERALS[i]! : `十${NUMERALS[i - 10] ?? ''}`);
const SCOPE: Record<PolicySeed['level'], string> = {
  national: '在中华人民共和国境内依法设立的企业',
  provincial: '在广东省内依法登记注册、具有独立法人资格的企业',
  municipal: '在深圳市依法登记注册、具有独立法人资格的企业',
  district: '在宝安区依法登记注册、具有独立法人资格、纳税和统计关系在宝安区的企业',
};
const DOC_KIND = (title: string) =>
  title.includes('办法') ? '办法' : title.includes('细则') ? '细则' : title.includes('公告') ? '公告' : '措施';

type Leaf = Extract<SeedRule, { field: string }> & { id: string };
type IdRule = Leaf | { all: IdRule[] } | { any: IdRule[] } | { not: IdRule };

function withIds(rule: SeedRule, next: { n: number }): IdRule {
  if ('field' in rule) return { id: `c${++next.n}`, ...rule };
  if ('all' in rule) return { all: rule.all.map((r) => withIds(r, next)) };
  if ('any' in rule) return { any: rule.any.map((r) => withIds(r, next)) };
  return { not: withIds(rule.not, next) };
}

function clauses(rule: IdRule): string[] {
  if ('field' in rule) return [rule.clause];
  if ('not' in rule) return clauses(rule.not);
  const items = 'all' in rule ? rule.all : rule.any;
  if ('any' in rule)
    return [
      `符合下列条件之一：${items
        .flatMap(clauses)
        .map((c, i) => `${i + 1}. ${c}`)
        .join('；')}`,
    ];
  return items.flatMap(clauses);
}

function fullText(p: PolicySeed, rule: IdRule): string {
  const kind = DOC_KIND(p.title);
  const conditions = clauses(rule)
    .map((c, i) => `（${numeral(i)}）${c}；`)
    .join('\n');
  return [
    p.title,
    p.no ?? '',
    '',
    `第一条 为${p.aim}，根据国家、省、市有关规定，结合实际，制定本${kind}。`,
    `第二条 本${kind}适用于${SCOPE[p.level]}。`,
    `第三条 申请支持的企业应当同时符合下列条件：\n${conditions}`,
    `第四条 支持标准：${p.benefit}`,
    `第五条 ${p.issuer}负责本${kind}的组织实施，会同财政部门做好资金安排和监督管理。同一项目已获得同级财政同类资助的，不重复支持。`,
    `第六条 申请单位对申报材料的真实性、准确性负责。弄虚作假骗取资金的，追回已拨付资金，并按规定纳入信用记录。`,
    `第七条 本${kind}自${p.from}起施行${p.to ? `，有效期至${p.to}` : ''}。`,
  ].join('\n');
}

function interpretation(p: PolicySeed, rule: IdRule): string {
  return [
    `一、出台背景\n为${p.aim}，${p.issuer}制定了《${p.title}》。`,
    `二、支持对象\n${clauses(rule)
      .map((c, i) => `${i + 1}. ${c}`)
      .join('\n')}`,
    `三、支持标准\n${p.benefit}`,
    `四、申报方式\n${p.auto ? '本政策实行“免申即享”：系统根据企业档案自动比对，符合条件的企业无需申报，经主管部门确认后直接兑现。' : '企业在申报通知规定的时间内通过企服通平台在线申报，申报表由系统根据企业档案自动预填，企业核对后提交。'}`,
  ].join('\n\n');
}

/**
 * A profile that makes the rule pass (`want`) or fail, for the seeded test cases. The first
 * condition on a field sets it: in any(C, tech) the passing branch must not be overwritten.
 */
function profileFor(rule: IdRule, want: boolean, out: Record<string, unknown>): void {
  if ('not' in rule) return profileFor(rule.not, !want, out);
  if ('all' in rule) return rule.all.forEach((r, i) => profileFor(r, want || i > 0, out));
  if ('any' in rule) return rule.any.forEach((r, i) => profileFor(r, want && i === 0, out));
  if (rule.field in out) return;
  const v = rule.value;
  const kind = fieldDef(rule.field)?.kind;
  if (kind === 'number') {
    const [lo, hi] = Array.isArray(v) ? (v as number[]) : [v as number, v as number];
    const pass = { gte: lo, gt: lo! + 1, lte: hi, lt: hi! - 1, eq: lo, between: lo }[rule.op];
    const fail = { gte: lo! - 1, gt: lo, lte: hi! + 1, lt: hi, eq: lo! + 1, between: hi! + 1 }[rule.op];
    out[rule.field] = want ? pass : fail;
  } else if (kind === 'code') {
    out[rule.field] = want ? (v as string[])[0] : rule.field === 'industry' ? 'A01' : 'none';
  } else if (kind === 'codes') {
    const codes = v as string[];
    const has = rule.op === 'has_none' ? !want : want;
    out[rule.field] = has ? codes : [];
  } else if (kind === 'boolean') out[rule.field] = want ? v : !v;
}

const MATERIALS: Record<string, string[]> = {
  人才: ['人才名单及劳动合同', '社保缴纳证明'],
  金融: ['贷款合同及付息凭证', '银行流水'],
  外贸: ['出口报关单或保单', '外汇收汇凭证'],
  产业用房: ['租赁合同', '租金支付凭证'],
};

/** `match: false` when the caller runs the full match itself (the server's first start does). */
export async function seedDemoPolicies(
  db: Kysely<DB>,
  opts: { now?: Date; match?: boolean } = {},
): Promise<{ policies: number; notices: number }> {
  const now = (opts.now ?? new Date()).getTime();
  const depts = new Map((await db.selectFrom('departments').select(['id', 'code']).execute()).map((d) => [d.code, d.id]));
  const officer = await db.selectFrom('users').select('id').where('role', '=', 'policy_officer').orderBy('id').executeTakeFirst();
  const by = officer?.id ?? null;
  let notices = 0;
  await db.transaction().execute(async (tx) => {
    for (const [i, p] of POLICIES.entries()) {
      const rule = withIds(p.rule, { n: 0 });
      const text = fullText(p, rule);
      const interp = interpretation(p, rule);
      const summary = `为${p.aim}，${p.benefit.split('；')[0]!.replace(/。$/, '')}。`;
      const status = p.status ?? 'published';
      const { id } = await tx
        .insertInto('policies')
        .values({
          code: `BA-${String(i + 1).padStart(3, '0')}`,
          title: p.title,
          doc_number: p.no,
          issuer: p.issuer,
          department_id: depts.get(p.dept) ?? null,
          level: p.level,
          category: p.cat,
          effective_from: p.from,
          effective_to: p.to,
          summary,
          full_text: text,
          interpretation: interp,
          benefit: p.benefit,
          max_amount: p.max,
          industry_codes: p.ind ?? [],
          auto_grant: p.auto ?? false,
          status,
          published_at: status === 'draft' ? null : new Date(`${p.from}T09:00:00+08:00`),
          title_tokens: indexTokens(p.title),
          body_tokens: bodyTokens({
            docNumber: p.no,
            issuer: p.issuer,
            summary,
            fullText: text,
            interpretation: interp,
            benefit: p.benefit,
          }),
          created_by: by,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      // Every fourth policy with several conditions was tightened on 2026-01-01: its first version lacked the last one.
      const top = 'all' in rule ? rule.all : null;
      const revised = i % 4 === 1 && top !== null && top.length > 1 && p.from < '2026-01-01';
      if (revised) {
        await tx
          .insertInto('policy_rules')
          .values({
            policy_id: id,
            version: 1,
            valid_from: p.from,
            valid_to: '2025-12-31',
            rule: JSON.stringify({ all: top.slice(0, -1) }),
            note: '首版',
            created_by: by,
          })
          .execute();
      }
      await tx
        .insertInto('policy_rules')
        .values({
          policy_id: id,
          version: revised ? 2 : 1,
          valid_from: revised ? '2026-01-01' : p.from,
          rule: JSON.stringify(rule),
          note: revised ? '2026年修订：补充条件' : '首版',
          created_by: by,
        })
        .execute();
      const pass: Record<string, unknown> = {};
      const fail: Record<string, unknown> = {};
      profileFor(rule, true, pass);
      profileFor(rule, false, fail);
      await tx
        .insertInto('policy_rule_cases')
        .values([
          { policy_id: id, name: '全部条件满足', profile: JSON.stringify(pass), expected: 'eligible', created_by: by },
          { policy_id: id, name: '首个条件不满足', profile: JSON.stringify(fail), expected: 'ineligible', created_by: by },
          { policy_id: id, name: '企业数据缺失', profile: JSON.stringify({}), expected: 'unknown', created_by: by },
          ...(p.cases ?? []).map((x) => ({
            policy_id: id,
            name: x.name,
            profile: JSON.stringify(x.profile),
            expected: x.expected,
            created_by: by,
          })),
        ])
        .execute();
      if (p.notice && status === 'published') {
        const open = p.notice === 'open';
        const opens = open ? now - (5 + (i % 15)) * DAY : now - (120 + i) * DAY;
        const closes = open ? now + (10 + ((i * 7) % 40)) * DAY : now - (20 + (i % 30)) * DAY;
        const numbers = [
          ...new Set(
            leaves(rule)
              .map((l) => l.field)
              .filter((f) => fieldDef(f)?.kind === 'number'),
          ),
        ].slice(0, 4);
        await tx
          .insertInto('policy_notices')
          .values({
            policy_id: id,
            title: `关于组织申报${new Date(opens).getFullYear()}年度${p.title.replace(/^(宝安区|深圳市|广东省)/, '').replace(/（.*）$/, '')}项目的通知`,
            body: `各有关企业：\n根据《${p.title}》，现组织开展${new Date(opens).getFullYear()}年度项目申报工作。请符合条件的企业在申报期内通过企服通平台在线申报，系统将根据企业档案预填申报表。\n支持标准：${p.benefit}\n咨询电话：0755-2775${String(1000 + i).slice(-4)}`,
            opens_at: new Date(opens).toISOString(),
            closes_at: new Date(closes).toISOString(),
            materials: JSON.stringify([
              { name: '项目申报表', required: true },
              { name: '营业执照', required: false },
              ...(MATERIALS[p.cat] ?? ['上年度财务审计报告']).map((name) => ({ name, required: true })),
            ]),
            declared_fields: JSON.stringify(numbers),
            review_levels: (p.max ?? 0) >= 200 ? 2 : 1,
            budget: p.max === null ? null : p.max * 20,
            status: 'published',
            created_by: by,
          })
          .execute();
        notices++;
      }
    }
  });
  if (opts.match ?? true) await matchAll(db);
  return { policies: POLICIES.length, notices };
}

function leaves(rule: IdRule): Leaf[] {
  if ('field' in rule) return [rule];
  if ('not' in rule) return leaves(rule.not);
  return ('all' in rule ? rule.all : rule.any).flatMap(leaves);
}
