import { useCallback } from 'react';
import { useI18n, type Lang } from '../../i18n';

/**
 * The page's own strings, kept here until they move into the shared dictionaries
 * (i18n/zh.ts, i18n/en.ts) under a `calendar.` prefix.
 */
const zh = {
  title: '工作日历',
  year: '年份',
  prevYear: '上一年',
  nextYear: '下一年',
  official: '官方数据',
  notOfficial: '无官方数据',
  complete: '已录入完整',
  incomplete: '未录入完整',
  markComplete: '标记已录入',
  editYear: '录入状态',
  yearTitle: '{year} 年录入状态',
  yearComplete: '该年放假和调休已全部录入',
  note: '说明',
  notePlaceholder: '如：依据国办发明电〔2026〕X 号',
  noOfficialData:
    '随软件提供的官方节假日数据截至 2026 年；{year} 年尚未录入完整，目前按周一至周五上班计算。请导入国务院办公厅发布的该年节假日安排（或点击日期逐日录入放假和调休上班，再标记为已录入）。在此之前，跨入该年的办理时限标为“暂定”。',
  summary: '{year} 年：上班 {work} 天，休息 {off} 天',
  legendWorkday: '工作日',
  legendWeekend: '周末',
  legendHoliday: '节假日',
  legendAdjusted: '调休上班',
  legendOverride: '管理员设置',
  weekdays: '一,二,三,四,五,六,日',
  month: '{month} 月',
  dayTitle: '{date} 星期{weekday}',
  current: '当前',
  kindWorkday: '上班',
  kindOff: '休息',
  sourceOfficial: '官方数据',
  sourceOverride: '管理员设置',
  sourceDefault: '按周一至周五',
  setAs: '设为',
  setHoliday: '放假',
  setWorkday: '上班（调休）',
  holidayName: '节假日名称',
  holidayNamePlaceholder: '如：春节',
  clearOverride: '取消管理员设置',
  clearConfirm: '恢复为官方数据（或周一至周五规则）？',
  cleared: '已恢复',
  calculator: '期限计算',
  acceptedAt: '受理时间（北京时间）',
  grade: '办理等级',
  calculate: '计算',
  acceptanceDay: '受理日（不计入）',
  due: '办理期限',
  beijing: '北京时间',
  countedDays: '计入的工作日',
  none: '无（按小时计）',
  provisional: '期间含未录入的年份，期限按周一至周五估算，录入后可能变动。',
  calculatorHint: '第 N 个工作日为受理日之后的第 N 个工作日，期限为当日 18:00（可配置）；紧急件为受理后 12 小时。',
  importYear: '导入年度安排',
  importTitle: '导入 {year} 年节假日安排',
  importHint:
    '选择国务院办公厅发布的该年安排，JSON（{"year","note","days":[{"date","kind","name"}]}）或 CSV（每行：日期,类型,名称；类型为 放假 或 上班）。先预览，确认后导入：该年的管理员设置由文件内容替换，该年标记为已录入完整，跨越变化日期的在办时限随之重算。',
  chooseFile: '选择文件',
  importDays: '文件内容',
  importDayCounts: '放假 {holidays} 天，调休上班 {workdays} 天',
  changedDates: '上班/放假改变的日期（天）',
  movedDeadlines: '将重算的在办时限',
  movedCounts: '办理时限 {d} 件、受理时限 {a} 件、督办单 {s} 件',
  confirmImport: '确认导入',
  imported: '已导入 {year} 年安排，已重算：{moved}',
  dayMoved: '已重算在办时限：{moved}',
  date: '日期',
  reminderGo: '去 {year} 年',
};

type Key = keyof typeof zh;

const en: Record<Key, string> = {
  title: 'Working-day calendar',
  year: 'Year',
  prevYear: 'Previous year',
  nextYear: 'Next year',
  official: 'Official data',
  notOfficial: 'No official data',
  complete: 'Entered',
  incomplete: 'Not entered',
  markComplete: 'Mark as entered',
  editYear: 'Entry status',
  yearTitle: 'Entry status of {year}',
  yearComplete: 'All holidays and adjusted working days of the year are entered',
  note: 'Note',
  notePlaceholder: 'e.g. per the State Council notice of 2026',
  noOfficialData:
    'The bundled official holiday data ends with 2026; {year} is not entered yet, so Monday to Friday count as working days. Load the schedule announced by the State Council (or click dates to enter the holidays and adjusted working days, then mark the year as entered). Until then, deadlines running into the year are marked provisional.',
  summary: '{year}: {work} working days, {off} days off',
  legendWorkday: 'Working day',
  legendWeekend: 'Weekend',
  legendHoliday: 'Holiday',
  legendAdjusted: 'Adjusted working day',
  legendOverride: 'Set by administrator',
  weekdays: 'Mo,Tu,We,Th,Fr,Sa,Su',
  month: '{month}',
  dayTitle: '{date} ({weekday})',
  current: 'Now',
  kindWorkday: 'Working day',
  kindOff: 'Day off',
  sourceOfficial: 'official data',
  sourceOverride: 'set by administrator',
  sourceDefault: 'Monday–Friday rule',
  setAs: 'Set as',
  setHoliday: 'Holiday',
  setWorkday: 'Working day (adjusted)',
  holidayName: 'Holiday name',
  holidayNamePlaceholder: 'e.g. 春节',
  clearOverride: 'Remove the administrator setting',
  clearConfirm: 'Return to the official data (or the Monday–Friday rule)?',
  cleared: 'Restored',
  calculator: 'Deadline calculator',
  acceptedAt: 'Accepted at (Beijing time)',
  grade: 'Grade',
  calculate: 'Calculate',
  acceptanceDay: 'Acceptance day (not counted)',
  due: 'Deadline',
  beijing: 'Beijing time',
  countedDays: 'Working days counted',
  none: 'None (clock hours)',
  provisional: 'The period includes a year not entered yet: the deadline assumes Monday to Friday and may change.',
  calculatorHint:
    'N working days end at 18:00 (configurable) on the N-th working day after the acceptance day; urgent appeals get 12 clock hours.',
  importYear: 'Load year schedule',
  importTitle: 'Load the holiday schedule of {year}',
  importHint:
    'Pick the schedule published by the State Council as JSON ({"year","note","days":[{"date","kind","name"}]}) or CSV (one day a line: date,kind,name; kind is holiday or workday). It is previewed first; loading replaces the administrator entries of the year, marks it as entered and recounts the open deadlines across the changed days.',
  chooseFile: 'Choose a file',
  importDays: 'In the file',
  importDayCounts: '{holidays} days off, {workdays} adjusted working days',
  changedDates: 'Days that change (working / off)',
  movedDeadlines: 'Open deadlines recounted',
  movedCounts: '{d} handling deadlines, {a} acceptance deadlines, {s} supervision orders',
  confirmImport: 'Load',
  imported: 'Loaded {year}; recounted: {moved}',
  dayMoved: 'Open deadlines recounted: {moved}',
  date: 'Date',
  reminderGo: 'Go to {year}',
};

const dictionaries: Record<Lang, Record<Key, string>> = { zh, en };

export type CalendarText = (key: Key, vars?: Record<string, string | number>) => string;

/** `{name}` placeholders are replaced by `vars`, as in the shared dictionaries. */
export function useCalendarText(): CalendarText {
  const { lang } = useI18n();
  return useCallback(
    (key, vars) =>
      dictionaries[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) => (vars && name in vars ? String(vars[name]) : whole)),
    [lang],
  );
}
