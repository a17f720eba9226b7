import { AppError } from '../../platform/errors.ts';
import { isIsoDate, isWeekend, type IsoDate } from './working-days.ts';

/**
 * A year's official holiday schedule (国务院办公厅 节假日安排) as an administrator loads it, from
 * JSON or CSV; pure. Every problem is named with its row so the file can be fixed and sent again.
 *
 * JSON: { "year": 2027, "note": "国办发明电〔2026〕X 号", "days": [ { "date": "2027-01-01", "kind":
 * "holiday", "name": "元旦" }, { "date": "2027-02-07", "kind": "workday", "name": "春节" } ] }
 * CSV (UTF-8, a header line optional): date,kind,name — one day a line.
 * kind: holiday / 放假 (a day off), workday / 上班 / 调休 (a weekend day worked); name: the holiday
 * (for a working day, the one it makes up for).
 */
export interface ScheduleDay {
  date: IsoDate;
  kind: 'holiday' | 'workday';
  name: string;
}

export interface Schedule {
  days: ScheduleDay[];
  note: string | null;
}

const KINDS: Record<string, 'holiday' | 'workday'> = {
  holiday: 'holiday',
  放假: 'holiday',
  休息: 'holiday',
  workday: 'workday',
  上班: 'workday',
  调休: 'workday',
  调休上班: 'workday',
};
const MAX_ROWS = 400;
const MAX_PROBLEMS = 20;

interface Row {
  /** 第 3 行 (CSV) or 第 3 条 (JSON days). */
  label: string;
  date: unknown;
  kind: unknown;
  name: unknown;
}

/** Splits one CSV line, quotes allowed (a name with a comma). */
function csvCells(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted && ch === '"' && line[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (ch === ',' && !quoted) {
      cells.push(cell);
      cell = '';
    } else {
      cell += ch;
    }
  }
  cells.push(cell);
  return cells.map((c) => c.trim());
}

function jsonRows(content: string, year: number): { rows: Row[]; note: unknown } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch (err) {
    throw AppError.validation('content', `不是有效的 JSON：${(err as Error).message}`);
  }
  const doc = (parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : {}) as Record<string, unknown>;
  if (!Array.isArray(doc.days)) throw AppError.validation('content', 'JSON 须含 days 数组：[{ "date", "kind", "name" }]');
  if (doc.year !== undefined && doc.year !== year)
    throw AppError.validation('content', `文件是 ${String(doc.year)} 年的安排，不是 ${year} 年`);
  const rows = (doc.days as unknown[]).map((d, i) => {
    const o = (d && typeof d === 'object' ? d : {}) as Record<string, unknown>;
    return { label: `第 ${i + 1} 条`, date: o.date, kind: o.kind, name: o.name };
  });
  return { rows, note: doc.note };
}

function csvRows(content: string): Row[] {
  const rows: Row[] = [];
  content.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    const [date, kind, name] = csvCells(line);
    // A header line names its columns; a data line starts with a date.
    if (rows.length === 0 && !/^\d/.test(date ?? '')) return;
    rows.push({ label: `第 ${i + 1} 行`, date, kind, name });
  });
  return rows;
}

/** Reads and checks a year's schedule; refuses the file naming every row at fault (up to 20). */
export function parseSchedule(content: string, year: number): Schedule {
  const text = content.replace(/^\uFEFF/, '').trim();
  if (text === '') throw AppError.validation('content', '文件是空的');
  const json = text.startsWith('{');
  const { rows, note } = json ? jsonRows(text, year) : { rows: csvRows(text), note: undefined };
  if (rows.length > MAX_ROWS) throw AppError.validation('content', `一年的安排不超过 ${MAX_ROWS} 行，文件有 ${rows.length} 行`);

  const problems: string[] = [];
  const seen = new Map<string, string>();
  const days: ScheduleDay[] = [];
  for (const r of rows) {
    const date = typeof r.date === 'string' ? r.date.trim() : '';
    const key = typeof r.kind === 'string' ? r.kind.trim().toLowerCase() : '';
    // Own keys only: "constructor" or "toString" is a bad kind, not a function from the prototype.
    const kind = Object.hasOwn(KINDS, key) ? KINDS[key] : undefined;
    const name = typeof r.name === 'string' ? r.name.trim() : '';
    const fault = !isIsoDate(date)
      ? `日期“${String(r.date ?? '')}”无效，须为 YYYY-MM-DD`
      : Number(date.slice(0, 4)) !== year
        ? `${date} 不在 ${year} 年`
        : seen.has(date)
          ? `${date} 与${seen.get(date)}重复`
          : !kind
            ? `类型“${String(r.kind ?? '')}”无效，须为 放假（holiday）或 上班（workday）`
            : name === '' || name.length > 40
              ? `${date} 须填写节日名称（不超过 40 字）`
              : kind === 'workday' && !isWeekend(date)
                ? `${date} 是周一至周五，本来就上班：调休上班日应是周末`
                : null;
    if (fault) problems.push(`${r.label}：${fault}`);
    else days.push({ date, kind: kind!, name });
    if (isIsoDate(date) && !seen.has(date)) seen.set(date, r.label);
  }
  if (problems.length > 0) {
    const shown = problems.slice(0, MAX_PROBLEMS);
    const more = problems.length > shown.length ? `（另有 ${problems.length - shown.length} 处）` : '';
    throw new AppError('VALIDATION_FAILED', `文件有 ${problems.length} 处错误：${shown.join('；')}${more}`, {
      fields: shown.map((message) => ({ field: 'content', message })),
    });
  }
  if (!days.some((d) => d.kind === 'holiday')) throw AppError.validation('content', `文件没有列出 ${year} 年的放假日期`);
  days.sort((a, b) => a.date.localeCompare(b.date));
  return { days, note: typeof note === 'string' && note.trim() ? note.trim().slice(0, 200) : null };
}
