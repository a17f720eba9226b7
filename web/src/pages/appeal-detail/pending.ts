import type { AppealDetail } from '../../appeals';

/** The last event of `action` on the timeline: the department's return or extension request a ruling is about. */
function lastEvent(appeal: AppealDetail, action: 'return' | 'request_extension') {
  return appeal.timeline.findLast((e) => e.action === action);
}

function numberIn(data: unknown, key: string): number | undefined {
  const value = typeof data === 'object' && data !== null ? (data as Record<string, unknown>)[key] : undefined;
  return typeof value === 'number' ? value : undefined;
}

export function pendingReturn(appeal: AppealDetail) {
  const e = lastEvent(appeal, 'return');
  return e && { reason: e.note ?? '', by: e.actorName, suggestedDepartmentId: numberIn(e.data, 'suggestedDepartmentId') };
}

export function pendingExtension(appeal: AppealDetail) {
  const e = lastEvent(appeal, 'request_extension');
  return e && { reason: e.note ?? '', by: e.actorName, workingDays: numberIn(e.data, 'workingDays') };
}
