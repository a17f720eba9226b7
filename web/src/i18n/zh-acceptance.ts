/** 简体中文 — the clock on acceptance (受理时限). */
export const zhAcceptance = {
  'appeal.acceptDeadline': '受理时限',
  'appealSettings.acceptWorkingDays': '受理时限',
  'appealSettings.acceptWorkingDaysHint':
    '诉求提交后须在该工作日数内受理：提交次日起算，至第 N 个工作日下班时（按工作日历，含调休）（1–10 个工作日）。',
  'appealSettings.acceptUrgentHours': '紧急诉求受理时限',
  'appealSettings.acceptUrgentHoursHint': '企业标为紧急的诉求，提交后该小时数内受理，夜间和节假日照计（1–72 小时）。',
  'appealSettings.hours': '小时',
  'figures.acceptance': '受理时限',
  'figures.acceptance.waiting': '待受理（件）',
  'figures.acceptance.overdue': '超过受理时限未受理（件）',
  'figures.acceptance.accepted': '统计期内受理（件）',
  'figures.acceptance.acceptedLate': '其中超时受理（件）',
  'figures.acceptance.onTimeRate': '按时受理率',
  'overdue.acceptOverdueNow': '超过受理时限未受理',
};
