import type { FiguresBy, FiguresRow } from '../../figures';
import { monthName } from '../../figures';
import type { I18n, Lang } from '../../i18n';

/** A row's name in the page's language: months are formatted here, "not dispatched" and the like translated. */
export function rowName(row: FiguresRow, by: FiguresBy, t: I18n['t'], lang: Lang): string {
  if (by === 'month' && row.key) return monthName(row.key, lang);
  if (by === 'appeal_type' && (row.key === 'consultation' || row.key === 'help' || row.key === 'complaint' || row.key === 'suggestion'))
    return t(`appeal.type.${row.key}`);
  if (row.key === null && by !== 'month' && by !== 'appeal_type') return t(`figures.noKey.${by}`);
  return row.name;
}
