import { describe, expect, it } from 'vitest';
import {
  industryCodeField,
  industryCodesUnder,
  industryCounts,
  industryName,
  industryPath,
  industryTree,
  validateIndustryCode,
} from './industry.ts';

describe('industryTree', () => {
  it('loads all four levels of GB/T 4754-2017: 20 / 97 / 473 / 1,381', () => {
    expect(industryCounts()).toEqual({ section: 20, division: 97, group: 473, class: 1381 });
    const tree = industryTree();
    expect(tree.map((s) => s.code).join('')).toBe('ABCDEFGHIJKLMNOPQRST');
    expect(tree.reduce((n, s) => n + s.divisions.length, 0)).toBe(97);
    const groups = tree.flatMap((s) => s.divisions.flatMap((d) => d.groups));
    expect(groups).toHaveLength(473);
    expect(groups.flatMap((g) => g.classes)).toHaveLength(1381);
  });

  it('nests each level under its parent with the section letter in front', () => {
    const c = industryTree().find((s) => s.code === 'C');
    expect(c?.divisions).toHaveLength(31);
    expect(c?.divisions[0]).toMatchObject({ code: 'C13', division: '13', name: '农副食品加工业' });
    const c39 = c?.divisions.find((d) => d.code === 'C39');
    expect(c39?.groups.map((g) => g.code)).toEqual(['C391', 'C392', 'C393', 'C394', 'C395', 'C396', 'C397', 'C398', 'C399']);
    expect(c39?.groups[0]?.classes[0]).toEqual({ code: 'C3911', name: '计算机整机制造' });
    // Every code sits under the code that is its prefix.
    for (const s of industryTree())
      for (const d of s.divisions)
        for (const g of d.groups) {
          expect(g.code.startsWith(d.code)).toBe(true);
          for (const k of g.classes) expect(k.code.startsWith(g.code)).toBe(true);
        }
  });

  it('keeps the 2017 names where the 2011 edition differed', () => {
    expect(industryName('B11')).toBe('开采专业及辅助性活动');
    expect(industryName('A05')).toBe('农、林、牧、渔专业及辅助性活动');
    expect(industryName('R87')).toBe('广播、电视、电影和录音制作业');
  });

  it('is immutable so that callers cannot corrupt the shared copy', () => {
    expect(Object.isFrozen(industryTree())).toBe(true);
    expect(Object.isFrozen(industryTree()[0]?.divisions)).toBe(true);
    expect(Object.isFrozen(industryTree()[0]?.divisions[0]?.groups[0]?.classes)).toBe(true);
  });
});

describe('industryName', () => {
  it('names every level', () => {
    expect(industryName('C')).toBe('制造业');
    expect(industryName('C39')).toBe('计算机、通信和其他电子设备制造业');
    expect(industryName('39')).toBe('计算机、通信和其他电子设备制造业');
    expect(industryName('C391')).toBe('计算机制造');
    expect(industryName('3911')).toBe('计算机整机制造');
    expect(industryName('I651')).toBe('软件开发');
    expect(industryName('I6513')).toBe('应用软件开发');
    expect(industryName('X')).toBeUndefined();
    expect(industryName('C99')).toBeUndefined();
    expect(industryName('C3999')).toBeUndefined();
  });
});

describe('validateIndustryCode', () => {
  it('accepts a section, a division, a group and a class, each as itself', () => {
    expect(validateIndustryCode('C')).toEqual({ valid: true, code: 'C', level: 'section', section: 'C', name: '制造业' });
    expect(validateIndustryCode('C39')).toEqual({
      valid: true,
      code: 'C39',
      level: 'division',
      section: 'C',
      name: '计算机、通信和其他电子设备制造业',
    });
    expect(validateIndustryCode('C391')).toMatchObject({ valid: true, code: 'C391', level: 'group' });
    expect(validateIndustryCode('C3911')).toEqual({ valid: true, code: 'C3911', level: 'class', section: 'C', name: '计算机整机制造' });
  });

  it('infers the section from bare digits and normalises case and width', () => {
    expect(validateIndustryCode('39')).toMatchObject({ valid: true, code: 'C39', section: 'C' });
    expect(validateIndustryCode('3911')).toMatchObject({ valid: true, code: 'C3911', level: 'class' });
    expect(validateIndustryCode(' c3911 ')).toMatchObject({ valid: true, code: 'C3911' });
    expect(validateIndustryCode('Ｆ５１')).toMatchObject({ valid: true, code: 'F51', name: '批发业' });
    expect(validateIndustryCode('01')).toMatchObject({ valid: true, code: 'A01' });
    expect(validateIndustryCode('0111')).toMatchObject({ valid: true, code: 'A0111', name: '稻谷种植' });
  });

  it('refuses a class or group that the standard does not have instead of folding it into its division', () => {
    const reason = (s: string): string => {
      const r = validateIndustryCode(s);
      if (r.valid) throw new Error(`${s} should be invalid`);
      return r.reason;
    };
    expect(reason('C3999')).toBe('小类代码“3999”不存在：GB/T 4754-2017 的中类 C399（其他电子设备制造）下没有此小类');
    expect(reason('3999')).toContain('小类代码“3999”不存在');
    expect(validateIndustryCode('C3919')).toMatchObject({ valid: true });
    expect(reason('C380')).toContain('中类代码“380”不存在：GB/T 4754-2017 的大类 C38');
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
    expect(reason('A3911')).toBe('小类 3911（计算机整机制造）属于门类 C（制造业），不属于门类 A');
    expect(reason('C3')).toContain('2 位大类、3 位中类或 4 位小类');
    expect(reason('C39111')).toContain('2 位大类、3 位中类或 4 位小类');
    expect(reason('制造业')).toContain('格式不正确');
  });
});

describe('industryCodesUnder', () => {
  it('expands a code to its whole subtree at every level', () => {
    const c = industryCodesUnder('C');
    expect(c[0]).toBe('C');
    expect(c).toContain('C39');
    expect(c).toContain('C3911');
    expect(c).not.toContain('D44');
    expect(c.every((x) => x.startsWith('C'))).toBe(true);
    expect(industryCodesUnder('F').filter((x) => x.length === 3)).toEqual(['F51', 'F52']);
    expect(industryCodesUnder('C391')).toEqual(['C391', 'C3911', 'C3912', 'C3913', 'C3914', 'C3915', 'C3919']);
  });

  it('returns a class alone, and nothing for unknown codes', () => {
    expect(industryCodesUnder('C3911')).toEqual(['C3911']);
    expect(industryCodesUnder('3911')).toEqual(['C3911']);
    expect(industryCodesUnder('C3999')).toEqual([]);
    expect(industryCodesUnder('Z')).toEqual([]);
  });
});

describe('industryPath', () => {
  it('lists the codes from the section down', () => {
    expect(industryPath('C3911')).toEqual(['C', 'C39', 'C391', 'C3911']);
    expect(industryPath('C39')).toEqual(['C', 'C39']);
    expect(industryPath('C')).toEqual(['C']);
  });
});

describe('industryCodeField', () => {
  it('normalises a known code and refuses an unknown one', () => {
    expect(industryCodeField.parse(' 3911 ')).toBe('C3911');
    const bad = industryCodeField.safeParse('C3999');
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toContain('小类代码“3999”不存在');
  });
});
