/**
 * GB/T 4754-2017 国民经济行业分类, all four levels: 20 门类 (sections), 97 大类 (divisions),
 * 473 中类 (groups), 1,381 小类 (classes). The data (./data/gbt4754-2017.json) and where it comes
 * from are described in its `_source`.
 *
 * Our industry code is the section letter followed by the standard's digits: 'C' (section),
 * 'C39' (division), 'C391' (group), 'C3911' (class). The letter is redundant (each division
 * belongs to exactly one section) but keeps codes readable, and it makes every code a prefix of
 * the codes below it: a plain prefix match selects exactly a subtree, at any level.
 */
import { z } from 'zod';
import { halfWidth } from '../../platform/half-width.ts';
import standard from './data/gbt4754-2017.json' with { type: 'json' };

export type IndustryLevel = 'section' | 'division' | 'group' | 'class';

export interface IndustryClass {
  /** Our code, e.g. 'C3911'. */
  code: string;
  name: string;
}

export interface IndustryGroup {
  code: string;
  name: string;
  classes: readonly IndustryClass[];
}

export interface IndustryDivision {
  /** Our code, e.g. 'C39'. */
  code: string;
  /** The two digits of the standard, e.g. '39'. */
  division: string;
  name: string;
  groups: readonly IndustryGroup[];
}

export interface IndustrySection {
  code: string;
  name: string;
  divisions: readonly IndustryDivision[];
}

export type IndustryValidation =
  | {
      valid: true;
      /** The normalised code to store: 'C', 'C39', 'C391' or 'C3911'. */
      code: string;
      level: IndustryLevel;
      section: string;
      name: string;
    }
  | { valid: false; reason: string };

/** The first division of each section; the standard numbers divisions 01–97 without gaps. */
const FIRST_DIVISION: Readonly<Record<string, number>> = {
  A: 1,
  B: 6,
  C: 13,
  D: 44,
  E: 47,
  F: 51,
  G: 53,
  H: 61,
  I: 63,
  J: 66,
  K: 70,
  L: 71,
  M: 73,
  N: 76,
  O: 80,
  P: 83,
  Q: 84,
  R: 86,
  S: 91,
  T: 97,
};

function sectionOfDivision(digits: string): string {
  const n = Number(digits);
  let found = 'A';
  for (const [letter, first] of Object.entries(FIRST_DIVISION)) if (n >= first) found = letter;
  return found;
}

const entries = <T>(o: Record<string, T>): [string, T][] => Object.entries(o);

const sections: readonly IndustrySection[] = Object.freeze(
  entries(standard.sections).map(([letter, name]) =>
    Object.freeze({
      code: letter,
      name,
      divisions: Object.freeze(
        entries(standard.divisions)
          .filter(([d]) => sectionOfDivision(d) === letter)
          .map(([d, dName]) =>
            Object.freeze({
              code: letter + d,
              division: d,
              name: dName,
              groups: Object.freeze(
                entries(standard.groups)
                  .filter(([g]) => g.startsWith(d))
                  .map(([g, gName]) =>
                    Object.freeze({
                      code: letter + g,
                      name: gName,
                      classes: Object.freeze(
                        entries(standard.classes)
                          .filter(([c]) => c.startsWith(g))
                          .map(([c, cName]) => Object.freeze({ code: letter + c, name: cName })),
                      ),
                    }),
                  ),
              ),
            }),
          ),
      ),
    }),
  ),
);

interface Node {
  code: string;
  name: string;
  level: IndustryLevel;
  section: IndustrySection;
}
/** Every code of the tree, keyed by our code ('C3911') and by the bare digits ('3911'). */
const nodes = new Map<string, Node>();
for (const section of sections) {
  nodes.set(section.code, { code: section.code, name: section.name, level: 'section', section });
  for (const d of section.divisions) {
    nodes.set(d.code, { code: d.code, name: d.name, level: 'division', section });
    for (const g of d.groups) {
      nodes.set(g.code, { code: g.code, name: g.name, level: 'group', section });
      for (const c of g.classes) nodes.set(c.code, { code: c.code, name: c.name, level: 'class', section });
    }
  }
}
const byDigits = new Map([...nodes.values()].filter((n) => n.level !== 'section').map((n) => [n.code.slice(1), n]));
/** All codes in tree order (a section, then its first division, its first group, its classes, …). */
const allCodes: readonly string[] = Object.freeze([...nodes.keys()]);

const LEVEL_NAME: Record<IndustryLevel, string> = { section: '门类', division: '大类', group: '中类', class: '小类' };
const LEVEL_OF_DIGITS: Record<number, Exclude<IndustryLevel, 'section'>> = { 2: 'division', 3: 'group', 4: 'class' };

/** The whole tree; immutable, so callers can share it without copying. */
export function industryTree(): readonly IndustrySection[] {
  return sections;
}

/** How many codes each level has: 20 / 97 / 473 / 1,381. */
export function industryCounts(): Record<IndustryLevel, number> {
  const counts = { section: 0, division: 0, group: 0, class: 0 };
  for (const n of nodes.values()) counts[n.level]++;
  return counts;
}

/** '制造业' for 'C', '计算机整机制造' for 'C3911' or '3911'; undefined when unknown. */
export function industryName(code: string): string | undefined {
  const r = validateIndustryCode(code);
  return r.valid ? r.name : undefined;
}

function normalize(input: string): string {
  return halfWidth(input).replace(/\s/g, '').toUpperCase();
}

export function validateIndustryCode(input: string): IndustryValidation {
  const code = normalize(input);
  if (code.length === 0) return { valid: false, reason: '行业代码不能为空' };

  const m = /^([A-Z])?(\d*)$/.exec(code);
  if (!m) {
    return {
      valid: false,
      reason: `行业代码“${input.trim()}”格式不正确：应为门类字母加大类、中类或小类代码，如 C39、C391、C3911，或单独的门类字母，如 C`,
    };
  }
  const letter = m[1];
  const digits = m[2] ?? '';

  if (digits.length === 0) {
    const section = letter ? nodes.get(letter) : undefined;
    if (!section) return { valid: false, reason: `门类代码“${code}”不存在：GB/T 4754-2017 的门类为 A-T` };
    return { valid: true, code: section.code, level: 'section', section: section.code, name: section.name };
  }

  const level = LEVEL_OF_DIGITS[digits.length];
  if (!level) return { valid: false, reason: `行业代码“${code}”的数字部分应为 2 位大类、3 位中类或 4 位小类代码，如 C39、C391、C3911` };
  const hit = byDigits.get(digits);
  if (!hit) return { valid: false, reason: unknownReason(digits, level) };
  if (letter && letter !== hit.section.code) {
    return {
      valid: false,
      reason: `${LEVEL_NAME[level]} ${digits}（${hit.name}）属于门类 ${hit.section.code}（${hit.section.name}），不属于门类 ${letter}`,
    };
  }
  return { valid: true, code: hit.code, level, section: hit.section.code, name: hit.name };
}

/** Names the deepest level that does exist, so that '3999' says C39 has no class 3999. */
function unknownReason(digits: string, level: Exclude<IndustryLevel, 'section'>): string {
  const what = `${LEVEL_NAME[level]}代码“${digits}”不存在`;
  for (let len = digits.length - 1; len >= 2; len--) {
    const parent = byDigits.get(digits.slice(0, len));
    if (parent) return `${what}：GB/T 4754-2017 的${LEVEL_NAME[parent.level]} ${parent.code}（${parent.name}）下没有此${LEVEL_NAME[level]}`;
  }
  return `${what}：GB/T 4754-2017 的大类为 01-97`;
}

/**
 * Every code that a filter on `prefix` should match: the code itself and all codes below it, at
 * any level ('C' gives C, C13 … C4390; 'C3911' gives ['C3911']). Unknown prefixes give [] so that
 * a filter on a typo finds nothing instead of everything.
 */
export function industryCodesUnder(prefix: string): string[] {
  const r = validateIndustryCode(prefix);
  return r.valid ? allCodes.filter((c) => c.startsWith(r.code)) : [];
}

/**
 * The codes from the section down to a stored code: 'C3911' → ['C', 'C39', 'C391', 'C3911'].
 * A code covers exactly the codes that have it on their path.
 */
export function industryPath(code: string): string[] {
  const out: string[] = [];
  for (const len of [1, 3, 4, 5]) if (code.length >= len) out.push(code.slice(0, len));
  return out;
}

/** A request field holding one industry code at any level, normalised to the stored form; unknown codes are refused. */
export const industryCodeField = z
  .string()
  .trim()
  .max(20)
  .transform((input, ctx) => {
    const r = validateIndustryCode(input);
    if (!r.valid) {
      ctx.addIssue({ code: 'custom', message: r.reason });
      return z.NEVER;
    }
    return r.code;
  })
  .describe('国民经济行业代码（GB/T 4754-2017），任一级：门类 C、大类 C39、中类 C391、小类 C3911（也可不带门类字母）');
