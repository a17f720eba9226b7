/**
 * GB/T 4754-2017 国民经济行业分类, to the division (大类) level.
 *
 * Our industry code is the section letter plus the division digits ('C39'), or the bare
 * section ('C'). The letter is redundant (each division belongs to exactly one section) but
 * keeps codes readable and lets a plain prefix match select a whole section.
 */
import standard from './data/gbt4754-2017.json' with { type: 'json' };

export interface IndustryDivision {
  /** Our code, e.g. 'C39'. */
  code: string;
  /** The two digits of the standard, e.g. '39'. */
  division: string;
  name: string;
}

export interface IndustrySection {
  code: string;
  name: string;
  divisions: readonly IndustryDivision[];
}

export type IndustryValidation =
  | {
      valid: true;
      /** The normalised code to store: 'C' or 'C39'. */
      code: string;
      section: string;
      division?: string;
      name: string;
      /** Set when the input was accepted but changed in meaning, e.g. a 4-digit class folded to its division. */
      note?: string;
    }
  | { valid: false; reason: string };

const sections: readonly IndustrySection[] = Object.freeze(
  standard.sections.map((s) =>
    Object.freeze({
      code: s.code,
      name: s.name,
      divisions: Object.freeze(
        standard.divisions
          .filter((d) => d.section === s.code)
          .map((d) => Object.freeze({ code: s.code + d.code, division: d.code, name: d.name })),
      ),
    }),
  ),
);

const sectionByCode = new Map(sections.map((s) => [s.code, s]));
/** Keyed by the bare two digits, because that is how the standard and most source data spell them. */
const divisionByDigits = new Map<string, { section: IndustrySection; division: IndustryDivision }>();
for (const section of sections) {
  for (const division of section.divisions) divisionByDigits.set(division.division, { section, division });
}

/** The whole tree; immutable, so callers can share it without copying. */
export function industryTree(): readonly IndustrySection[] {
  return sections;
}

/** '制造业' for 'C', '计算机、通信和其他电子设备制造业' for 'C39' or '39'; undefined when unknown. */
export function industryName(code: string): string | undefined {
  const r = validateIndustryCode(code);
  return r.valid ? r.name : undefined;
}

function normalize(input: string): string {
  return input
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]/g, '')
    .toUpperCase();
}

export function validateIndustryCode(input: string): IndustryValidation {
  const code = normalize(input);
  if (code.length === 0) return { valid: false, reason: '行业代码不能为空' };

  const m = /^([A-Z])?(\d*)$/.exec(code);
  if (!m) {
    return { valid: false, reason: `行业代码“${input.trim()}”格式不正确：应为门类字母加两位大类代码，如 C39，或单独的门类字母，如 C` };
  }
  const letter = m[1];
  const digits = m[2] ?? '';

  if (digits.length === 0) {
    const section = letter ? sectionByCode.get(letter) : undefined;
    if (!section) return { valid: false, reason: `门类代码“${code}”不存在：GB/T 4754-2017 的门类为 A-T` };
    return { valid: true, code: section.code, section: section.code, name: section.name };
  }

  // Source systems often hold the 3-digit 中类 or 4-digit 小类 (e.g. 3911); we keep only the
  // division, so those are folded rather than rejected and the caller is told.
  if (digits.length !== 2 && digits.length !== 3 && digits.length !== 4) {
    return { valid: false, reason: `行业代码“${code}”的数字部分应为 2 位大类代码，如 C39` };
  }
  const hit = divisionByDigits.get(digits.slice(0, 2));
  if (!hit) {
    return { valid: false, reason: `大类代码“${digits.slice(0, 2)}”不存在：GB/T 4754-2017 的大类为 01-97` };
  }
  if (letter && letter !== hit.section.code) {
    return {
      valid: false,
      reason: `大类 ${hit.division.division}（${hit.division.name}）属于门类 ${hit.section.code}（${hit.section.name}），不属于门类 ${letter}`,
    };
  }
  const result: IndustryValidation = {
    valid: true,
    code: hit.division.code,
    section: hit.section.code,
    division: hit.division.division,
    name: hit.division.name,
  };
  if (digits.length > 2) result.note = `已按大类归并：${code} → ${hit.division.code}`;
  return result;
}

/**
 * Every stored code that a filter on `prefix` should match, at any level of the tree: 'C' gives
 * 'C' itself and C13…C43, 'C39' (or '39') gives ['C39']. Unknown prefixes give [] so that a
 * filter on a typo finds nothing instead of everything.
 */
export function industryCodesUnder(prefix: string): string[] {
  const r = validateIndustryCode(prefix);
  if (!r.valid) return [];
  if (r.division !== undefined) return [r.code];
  const section = sectionByCode.get(r.section);
  return section ? [section.code, ...section.divisions.map((d) => d.code)] : [];
}
