import type { CalendarDay } from './calendarApi';
import { useCalendarText, type CalendarText } from './messages';

/** The colour class of a day; the legend uses the same names. */
export type DayStyle = 'workday' | 'weekend' | 'holiday' | 'adjusted';

export function dayStyle(day: CalendarDay): DayStyle {
  if (day.adjusted) return 'adjusted';
  if (day.kind === 'workday') return 'workday';
  return day.holiday ? 'holiday' : 'weekend';
}

/** Monday = 0 … Sunday = 6, from the date string alone: the browser's time zone plays no part. */
export function mondayIndex(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return (new Date(Date.UTC(y!, m! - 1, d!)).getUTCDay() + 6) % 7;
}

export function describeDay(day: CalendarDay, text: CalendarText): string {
  const weekday = text('weekdays').split(',')[mondayIndex(day.date)] ?? '';
  const parts = [text('dayTitle', { date: day.date, weekday }), text(day.kind === 'workday' ? 'kindWorkday' : 'kindOff')];
  if (day.adjusted) parts.push(text('legendAdjusted'));
  if (day.holiday) parts.push(day.holiday);
  const source = { official: 'sourceOfficial', override: 'sourceOverride', default: 'sourceDefault' } as const;
  parts.push(text(source[day.source]));
  return parts.join(' · ');
}

function Month({ month, days, onPick }: { month: number; days: CalendarDay[]; onPick: (day: CalendarDay) => void }) {
  const text = useCalendarText();
  const lead = days[0] ? mondayIndex(days[0].date) : 0;
  return (
    <div className="cal-month">
      <div className="cal-month-title">{text('month', { month })}</div>
      <div className="cal-cells">
        {text('weekdays')
          .split(',')
          .map((w) => (
            <div key={w} className="cal-head">
              {w}
            </div>
          ))}
        {Array.from({ length: lead }, (_, i) => (
          <div key={`blank-${i}`} />
        ))}
        {days.map((day) => (
          <button
            key={day.date}
            type="button"
            className={`cal-day cal-${dayStyle(day)}${day.source === 'override' ? ' cal-override' : ''}`}
            title={describeDay(day, text)}
            data-testid={`day-${day.date}`}
            onClick={() => onPick(day)}
          >
            {Number(day.date.slice(8))}
          </button>
        ))}
      </div>
    </div>
  );
}

/** Twelve month grids, Monday first as on Chinese wall calendars; a click picks a date. */
export function YearGrid({ days, onPick }: { days: CalendarDay[]; onPick: (day: CalendarDay) => void }) {
  const months = Array.from({ length: 12 }, (_, i) => days.filter((d) => Number(d.date.slice(5, 7)) === i + 1));
  return (
    <div className="cal-year">
      {months.map((m, i) => (
        <Month key={i} month={i + 1} days={m} onPick={onPick} />
      ))}
    </div>
  );
}

export function Legend() {
  const text = useCalendarText();
  const items: [string, string][] = [
    ['cal-workday', text('legendWorkday')],
    ['cal-weekend', text('legendWeekend')],
    ['cal-holiday', text('legendHoliday')],
    ['cal-adjusted', text('legendAdjusted')],
    ['cal-workday cal-override', text('legendOverride')],
  ];
  return (
    <div className="cal-legend">
      {items.map(([cls, label]) => (
        <span key={label} className="cal-legend-item">
          <span className={`cal-swatch ${cls}`} />
          {label}
        </span>
      ))}
    </div>
  );
}
