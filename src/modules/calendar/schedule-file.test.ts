import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.ts';
import { parseSchedule } from './schedule-file.ts';

const refusal = (content: string, year = 2027) => {
  try {
    parseSchedule(content, year);
  } catch (err) {
    if (err instanceof AppError) return err.message;
    throw err;
  }
  throw new Error('accepted');
};

describe('a year schedule file', () => {
  it('reads CSV with or without a header, Chinese or English kinds, quoted names and a BOM', () => {
    const csv = '\uFEFF日期,类型,名称\r\n2027-02-06,调休,春节\r\n2027-01-01,放假,"元旦"\r\n\r\n2027-05-01,holiday,劳动节\r\n';
    expect(parseSchedule(csv, 2027)).toEqual({
      note: null,
      days: [
        { date: '2027-01-01', kind: 'holiday', name: '元旦' },
        { date: '2027-02-06', kind: 'workday', name: '春节' },
        { date: '2027-05-01', kind: 'holiday', name: '劳动节' },
      ],
    });
    expect(parseSchedule('2027-01-01,放假,元旦', 2027).days).toHaveLength(1);
  });

  it('reads JSON with its note', () => {
    const json = JSON.stringify({ year: 2027, note: ' 国办发明电 ', days: [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }] });
    expect(parseSchedule(json, 2027)).toEqual({ note: '国办发明电', days: [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }] });
  });

  it('names each row at fault', () => {
    expect(refusal('2027-01-01,放假,\n2027-01-02,休假,元旦\n2026-12-31,放假,元旦')).toBe(
      '文件有 3 处错误：第 1 行：2027-01-01 须填写节日名称（不超过 40 字）；第 2 行：类型“休假”无效，须为 放假（holiday）或 上班（workday）；第 3 行：2026-12-31 不在 2027 年',
    );
    expect(refusal(JSON.stringify({ days: [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }, { date: 20270102 }] }))).toContain(
      '第 2 条：日期“20270102”无效',
    );
    expect(refusal('{"days": ')).toContain('不是有效的 JSON');
    expect(refusal('{"holidays": {}}')).toContain('days 数组');
    expect(refusal('2027-02-06,上班,春节')).toBe('文件没有列出 2027 年的放假日期');
    expect(refusal('  ')).toBe('文件是空的');
  });
});
