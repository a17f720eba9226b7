import type { zhAcceptance } from './zh-acceptance';

/** English — the clock on acceptance; same keys as zh-acceptance.ts. */
export const enAcceptance: Record<keyof typeof zhAcceptance, string> = {
  'appeal.acceptDeadline': 'Accept by',
  'appealSettings.acceptWorkingDays': 'Acceptance time limit',
  'appealSettings.acceptWorkingDaysHint':
    'An appeal must be accepted within this many working days of its submission: counted from the next day, ending at the close of office on the N-th working day (1–10 working days).',
  'appealSettings.acceptUrgentHours': 'Acceptance limit for urgent appeals',
  'appealSettings.acceptUrgentHoursHint':
    'An appeal the enterprise marked urgent must be accepted within this many clock hours, nights and holidays included (1–72 hours).',
  'appealSettings.hours': 'hours',
  'figures.acceptance': 'Acceptance time limit',
  'figures.acceptance.waiting': 'Waiting (appeals)',
  'figures.acceptance.overdue': 'Past the acceptance limit (appeals)',
  'figures.acceptance.accepted': 'Accepted in the period (appeals)',
  'figures.acceptance.acceptedLate': 'of which accepted late (appeals)',
  'figures.acceptance.onTimeRate': 'Accepted in time',
  'overdue.acceptOverdueNow': 'Not accepted in time',
};
