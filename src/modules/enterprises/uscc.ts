/**
 * 统一社会信用代码 (unified social credit code), GB 32100-2015.
 *
 *   1      登记管理部门代码 (registration authority)
 *   2      机构类别代码 (organisation type, meaningful only together with position 1)
 *   3–8    登记管理机关行政区划码 (GB/T 2260 administrative division)
 *   9–17   主体标识码 = the GB 11714 organisation code (8 body characters + its own check)
 *   18     校验码 over positions 1–17
 *
 * Messages are in Chinese because they are shown to enterprise users and import reports as-is.
 */

import { halfWidth } from '../../platform/half-width.ts';

/** The 31 characters the standard allows, in value order (I, O, S, V, Z are excluded to avoid misreading). */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

const CHAR_VALUE = new Map<string, number>([...USCC_CHARSET].map((c, i) => [c, i]));

/** 3^i mod 31: written out so a reader can compare them with the table printed in the standard. */
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** GB 32100-2015 appendix A: authority → { type code → meaning }. */
const AUTHORITIES: Record<string, { name: string; types: Record<string, string> }> = {
  '1': { name: '机构编制', types: { '1': '机关', '2': '事业单位', '3': '中央编办直接管理机构编制的群众团体', '9': '其他' } },
  '2': { name: '外交', types: { '1': '外国常驻新闻机构', '9': '其他' } },
  '3': {
    name: '司法行政',
    types: { '1': '律师执业机构', '2': '公证处', '3': '基层法律服务所', '4': '司法鉴定机构', '5': '仲裁委员会', '9': '其他' },
  },
  '4': { name: '文化', types: { '1': '外国在华文化中心', '9': '其他' } },
  '5': { name: '民政', types: { '1': '社会团体', '2': '民办非企业单位', '3': '基金会', '9': '其他' } },
  '6': { name: '旅游', types: { '1': '外国旅游部门常驻代表机构', '2': '港澳台地区旅游部门常驻内地（大陆）代表机构', '9': '其他' } },
  '7': { name: '宗教', types: { '1': '宗教活动场所', '2': '宗教院校', '9': '其他' } },
  '8': { name: '工会', types: { '1': '基层工会', '9': '其他' } },
  '9': { name: '市场监管（工商）', types: { '1': '企业', '2': '个体工商户', '3': '农民专业合作社' } },
  A: { name: '中央军委改革和编制办公室', types: { '1': '军队事业单位', '9': '其他' } },
  N: { name: '农业', types: { '1': '组级集体经济组织', '2': '村级集体经济组织', '3': '乡镇级集体经济组织', '9': '其他' } },
  Y: { name: '其他', types: { '1': '其他' } },
};

/** GB/T 2260 province-level prefixes, plus 10 for codes issued by national authorities (100000). */
const PROVINCE_PREFIXES = new Set([
  '10',
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
]);

export type UsccResult =
  { valid: true; normalized: string; warnings: string[] } | { valid: false; reason: string; field: 'code'; expectedCheck?: string };

/** Full-width forms (Ａ１, from Chinese IMEs and Excel) become ASCII; lowercase becomes uppercase. */
export function normalizeUscc(input: string): string {
  return halfWidth(input).trim().toUpperCase();
}

function requireBody(body: string, length: number, what: string): void {
  if (body.length !== length) throw new Error(`${what}应为 ${length} 位，实际为 ${body.length} 位`);
  for (let i = 0; i < body.length; i++) {
    if (!CHAR_VALUE.has(body.charAt(i))) throw new Error(`${what}第 ${i + 1} 位字符“${body.charAt(i)}”不合法`);
  }
}

/** The 18th character for a 17-character body. Throws on a malformed body: callers pass generated data. */
export function usccCheckChar(body17: string): string {
  requireBody(body17, 17, '统一社会信用代码本体');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (CHAR_VALUE.get(body17.charAt(i)) ?? 0) * (WEIGHTS[i] ?? 0);
  return USCC_CHARSET.charAt((31 - (sum % 31)) % 31);
}

export function makeUscc(body17: string): string {
  return body17 + usccCheckChar(body17);
}

const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

/**
 * GB 11714 organisation-code check character for an 8-character body: letters count
 * A=10 … Z=35 (by alphabet, not by the USCC charset), 10 → 'X', 11 → '0'.
 */
export function orgCodeCheckChar(body8: string): string {
  if (!/^[0-9A-Z]{8}$/.test(body8)) throw new Error(`组织机构代码本体应为 8 位数字或大写字母：${body8}`);
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = body8.charCodeAt(i);
    const v = c <= 57 ? c - 48 : c - 55;
    sum += v * (ORG_WEIGHTS[i] ?? 0);
  }
  const r = 11 - (sum % 11);
  return r === 10 ? 'X' : r === 11 ? '0' : String(r);
}

const invalid = (reason: string, expectedCheck?: string): UsccResult =>
  expectedCheck === undefined ? { valid: false, reason, field: 'code' } : { valid: false, reason, field: 'code', expectedCheck };

export function validateUscc(input: string): UsccResult {
  const code = normalizeUscc(input);
  if (code.length === 0) return invalid('统一社会信用代码不能为空');
  const chars = [...code];
  if (chars.length !== 18) return invalid(`统一社会信用代码应为 18 位，实际为 ${chars.length} 位`);

  for (let i = 0; i < 18; i++) {
    const c = chars[i] ?? '';
    if (!CHAR_VALUE.has(c)) {
      const hint = /[IOSVZ]/.test(c) ? '（标准不使用字母 I、O、S、V、Z）' : '';
      return invalid(`第 ${i + 1} 位字符“${c}”不合法${hint}：只能是数字 0-9 或大写字母 ABCDEFGHJKLMNPQRTUWXY`);
    }
  }

  const authorityCode = code.charAt(0);
  const authority = AUTHORITIES[authorityCode];
  if (!authority) {
    return invalid(`第 1 位登记管理部门代码“${authorityCode}”无效：应为 1-9、A、N 或 Y（企业为 9）`);
  }
  const typeCode = code.charAt(1);
  if (!authority.types[typeCode]) {
    const allowed = Object.entries(authority.types)
      .map(([k, v]) => `${k} ${v}`)
      .join('、');
    return invalid(`第 2 位机构类别代码“${typeCode}”对登记管理部门“${authority.name}”无效：可用 ${allowed}`);
  }

  const division = code.slice(2, 8);
  if (!/^\d{6}$/.test(division)) {
    return invalid(`第 3-8 位登记管理机关行政区划码“${division}”应为 6 位数字`);
  }

  const expected = usccCheckChar(code.slice(0, 17));
  const got = code.charAt(17);
  if (expected !== got) {
    return invalid(`第 18 位校验码错误：应为“${expected}”，实际为“${got}”，请核对代码是否抄错`, expected);
  }

  // Codes on real licences do not always satisfy the rules below (old organisation codes were
  // carried over as issued), so they are reported but never reject an enterprise.
  const warnings: string[] = [];
  if (!PROVINCE_PREFIXES.has(division.slice(0, 2))) {
    warnings.push(`行政区划码“${division}”的省级代码“${division.slice(0, 2)}”不在 GB/T 2260 中，请核对`);
  }
  const orgBody = code.slice(8, 16);
  const orgCheck = orgCodeCheckChar(orgBody);
  if (orgCheck !== code.charAt(16)) {
    warnings.push(`第 9-17 位组织机构代码“${orgBody}-${code.charAt(16)}”未通过 GB 11714 校验（校验位应为“${orgCheck}”），请与营业执照核对`);
  }
  return { valid: true, normalized: code, warnings };
}
