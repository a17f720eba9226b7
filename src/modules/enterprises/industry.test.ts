import { describe, expect, it } from 'vitest';
import { industryCodesUnder, industryName, industryTree, validateIndustryCode } from './industry.ts';

describe('industryTree', () => {
  it('has the 20 sections and 97 divisions of GB/T 4754-2017', () => {
    const tree = industryTree();
    expect(tree.map((s) => s.code).join('')).toBe('ABCDEFGHIJKLMNOPQRST');
    expect(tree.reduce((n, s) => n + s.divisions.length, 0)).toBe(97);
    const c = tree.find((s) => s.code === 'C');
    expect(c?.divisions).toHaveLength(31);
    expect(c?.divisions[0]).toEqual({ code: 'C13', division: '13', name: '农副食品加工业' });
  });

  it('keeps the 2017 names where the 2011 edition differed', () => {
    expect(industryName('B11')).toBe('开采专业及辅助性活动');
    expect(industryName('A05')).toBe('农、林、牧、渔专业及辅助性活动');
    expect(industryName('R87')).toBe('广播、电视、电影和录音制作业');
  });

  it('is immutable so that callers cannot corrupt the shared copy', () => {
    expect(Object.isFrozen(industryTree())).toBe(true);
    expect(Object.isFrozen(industryTree()[0]?.divisions)).toBe(true);
  });
});

describe('industryName', () => {
  it('names sections and divisions', () => {
    expect(industryName('C')).toBe('制造业');
    expect(industryName('C39')).toBe('计算机、通信和其他电子设备制造业');
    expect(industryName('39')).toBe('计算机、通信和其他电子设备制造业');
    expect(industryName('I65')).toBe('软件和信息技术服务业');
    expect(industryName('X')).toBeUndefined();
    expect(industryName('C99')).toBeUndefined();
  });
});

describe('validateIndustryCode', () => {
  it('accepts a section and a division', () => {
    expect(validateIndustryCode('C')).toEqual({ valid: true, code: 'C', section: 'C', name: '制造业' });
    expect(validateIndustryCode('C39')).toEqual({
      valid: true,
      code: 'C39',
      section: 'C',
      division: '39',
      name: '计算机、通信和其他电子设备制造业',
    });
  });

  it('infers the section from bare digits and normalises case and width', () => {
    expect(validateIndustryCode('39')).toMatchObject({ valid: true, code: 'C39', section: 'C' });
    expect(validateIndustryCode(' c39 ')).toMatchObject({ valid: true, code: 'C39' });
    expect(validateIndustryCode('Ｆ５１')).toMatchObject({ valid: true, code: 'F51', name: '批发业' });
    expect(validateIndustryCode('01')).toMatchObject({ valid: true, code: 'A01' });
  });

  it('folds a 4-digit class to its division and says so', () => {
    expect(validateIndustryCode('3911')).toMatchObject({ valid: true, code: 'C39', note: '已按大类归并：3911 → C39' });
    expect(validateIndustryCode('C3911')).toMatchObject({ valid: true, code: 'C39' });
  });

  it('explains what is wrong in Chinese', () => {
    const reason = (s: string): string => {
      const r = validateIndustryCode(s);
      if (r.valid) throw new Error(`${s} should be invalid`);
      return r.reason;
    };
    expect(reason('')).toBe('行业代码不能为空');
    expect(reason('U')).toContain('门类代码“U”不存在');
    expect(reason('C99')).toContain('大类代码“99”不存在');
    expect(reason('A39')).toBe('大类 39（计算机、通信和其他电子设备制造业）属于门类 C（制造业），不属于门类 A');
    expect(reason('C3')).toContain('2 位大类代码');
    expect(reason('制造业')).toContain('格式不正确');
  });
});

describe('industryCodesUnder', () => {
  it('expands a section to itself and all its divisions', () => {
    const codes = industryCodesUnder('C');
    expect(codes).toHaveLength(32);
    expect(codes[0]).toBe('C');
    expect(codes).toContain('C39');
    expect(codes).not.toContain('D44');
    expect(industryCodesUnder('F')).toEqual(['F', 'F51', 'F52']);
  });

  it('returns a division alone, and nothing for unknown codes', () => {
    expect(industryCodesUnder('C39')).toEqual(['C39']);
    expect(industryCodesUnder('39')).toEqual(['C39']);
    expect(industryCodesUnder('Z')).toEqual([]);
  });
});
