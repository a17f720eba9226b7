import { describe, expect, it } from 'vitest';
import { makeUscc, normalizeUscc, orgCodeCheckChar, usccCheckChar, validateUscc } from './uscc.ts';

// Codes printed on the business licences of well-known companies; each was checked by hand
// against both the GB 32100 check (position 18) and the GB 11714 check (position 17).
const PUBLISHED = [
  ['914403001922038216', '华为技术有限公司'],
  ['91440300708461136T', '深圳市腾讯计算机系统有限公司'],
  ['91440300192317458F', '比亚迪股份有限公司'],
  ['91330100799655058B', '阿里巴巴（中国）有限公司'],
  ['91110000710925462X', '中国石油天然气股份有限公司'],
  ['91110108551385082Q', '小米科技有限责任公司'],
] as const;

function reasonOf(input: string): string {
  const r = validateUscc(input);
  if (r.valid) throw new Error(`expected ${input} to be invalid`);
  return r.reason;
}

describe('validateUscc', () => {
  it.each(PUBLISHED)('accepts the published code %s (%s) without warnings', (code) => {
    expect(validateUscc(code)).toEqual({ valid: true, normalized: code, warnings: [] });
  });

  it('computes the check character of published codes', () => {
    for (const [code] of PUBLISHED) expect(usccCheckChar(code.slice(0, 17))).toBe(code.charAt(17));
  });

  it('rejects a wrong check character and says which one was expected', () => {
    const r = validateUscc('914403001922038217');
    expect(r).toMatchObject({ valid: false, field: 'code', expectedCheck: '6' });
    expect(reasonOf('914403001922038217')).toContain('应为“6”，实际为“7”');
  });

  it('catches a single mistyped character anywhere (the check is a weighted sum mod 31)', () => {
    const code = '91440300708461136T';
    for (let i = 8; i < 17; i++) {
      const swapped = code.slice(0, i) + (code.charAt(i) === '1' ? '2' : '1') + code.slice(i + 1);
      expect(validateUscc(swapped).valid).toBe(false);
    }
  });

  it('rejects wrong lengths with the actual length', () => {
    expect(reasonOf('91440300708461136')).toBe('统一社会信用代码应为 18 位，实际为 17 位');
    expect(reasonOf('91440300708461136TT')).toContain('实际为 19 位');
    expect(reasonOf('   ')).toBe('统一社会信用代码不能为空');
  });

  it('names the position of an illegal character', () => {
    expect(reasonOf('9144030070846113OT')).toMatch(/^第 17 位字符“O”不合法（标准不使用字母 I、O、S、V、Z）/);
    expect(reasonOf('91440300-08461136T')).toMatch(/^第 9 位字符“-”不合法：/);
    expect(reasonOf('9144030070846113IT')).toContain('第 17 位');
  });

  it('rejects an unknown registration authority or a type the authority does not issue', () => {
    expect(reasonOf('B1440300708461136T')).toContain('第 1 位登记管理部门代码“B”无效');
    expect(reasonOf('94440300708461136T')).toContain('第 2 位机构类别代码“4”对登记管理部门“市场监管（工商）”无效');
    // 5 (民政) issues 1/2/3/9, so 54 is wrong even though 4 is a valid type for another authority.
    expect(reasonOf('54440300708461136T')).toContain('民政');
  });

  it('requires a 6-digit administrative division code', () => {
    expect(reasonOf('9144A300708461136T')).toBe('第 3-8 位登记管理机关行政区划码“44A300”应为 6 位数字');
  });

  it('normalises case, full-width characters and surrounding spaces', () => {
    const r = validateUscc('  ９１４４０３００７０８４６１１３６ｔ\u3000');
    expect(r).toEqual({ valid: true, normalized: '91440300708461136T', warnings: [] });
    expect(validateUscc('91440300708461136t')).toMatchObject({ valid: true, normalized: '91440300708461136T' });
    expect(normalizeUscc('ｍａ５')).toBe('MA5');
  });

  it('warns, without rejecting, when the organisation code (positions 9–17) fails GB 11714', () => {
    const code = makeUscc('91440306MA5DC0G94');
    expect(orgCodeCheckChar('MA5DC0G9')).toBe('9');
    const r = validateUscc(code);
    expect(r.valid).toBe(true);
    if (r.valid) {
      expect(r.warnings).toHaveLength(1);
      expect(r.warnings[0]).toContain('GB 11714');
    }
  });

  it('accepts individual businesses, cooperatives and social organisations', () => {
    for (const body of ['92440306MA5F00001', '93440306MA5F00001', '51440300MJL000001', 'Y1440300MA5F00001']) {
      expect(validateUscc(makeUscc(body)).valid).toBe(true);
    }
  });
});

describe('makeUscc / orgCodeCheckChar', () => {
  it('builds codes that validate cleanly', () => {
    const org = 'MA5G7K2' + 'P';
    const code = makeUscc(`91440306${org}${orgCodeCheckChar(org)}`);
    expect(code).toHaveLength(18);
    expect(validateUscc(code)).toEqual({ valid: true, normalized: code, warnings: [] });
  });

  it('maps GB 11714 remainders 10 and 11 to X and 0', () => {
    expect(orgCodeCheckChar('71092546')).toBe('2');
    expect(orgCodeCheckChar('19220382')).toBe('1');
    // Search for bodies hitting both special remainders so the mapping is really exercised.
    const seen = new Set<string>();
    for (let n = 10_000_000; seen.size < 2 && n < 10_001_000; n++) {
      const c = orgCodeCheckChar(String(n));
      if (c === 'X' || c === '0') seen.add(c);
    }
    expect([...seen].sort()).toEqual(['0', 'X']);
  });

  it('refuses malformed bodies instead of producing a bogus code', () => {
    expect(() => makeUscc('9144030670846113')).toThrow('17 位');
    expect(() => makeUscc('9144030670846113O')).toThrow('第 17 位');
  });
});
