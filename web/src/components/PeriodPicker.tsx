import { DatePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useMemo } from 'react';
import { useI18n } from '../i18n';
import { shanghaiToday } from '../format';

/** A period of whole days, both ends included, as the API takes it (YYYY-MM-DD). */
export interface Period {
  from: string;
  to: string;
}

const DAY = 'YYYY-MM-DD';

/** From 1 January to today. */
export function thisYear(): Period {
  const today = shanghaiToday();
  return { from: today.startOf('year').format(DAY), to: today.format(DAY) };
}

/** Monday to Sunday of last week. */
export function lastWeek(): Period {
  const today = shanghaiToday();
  // dayjs weeks start on Sunday: day() is 0 for Sunday.
  const monday = today.subtract((today.day() + 6) % 7, 'day').subtract(7, 'day');
  return { from: monday.format(DAY), to: monday.add(6, 'day').format(DAY) };
}

/** A date range with the usual presets (本年, 上年, 本月, 近 30 天, 上周). A form control. */
export function PeriodPicker({
  value,
  onChange,
  'data-testid': testId,
}: {
  value?: Period;
  onChange?: (period: Period) => void;
  'data-testid'?: string;
}) {
  const { t } = useI18n();
  const presets = useMemo(() => {
    const today = shanghaiToday();
    const week = lastWeek();
    const range = (from: Dayjs, to: Dayjs): [Dayjs, Dayjs] => [from, to];
    return [
      { label: t('analysis.thisYear'), value: range(today.startOf('year'), today) },
      { label: t('analysis.lastYear'), value: range(today.subtract(1, 'year').startOf('year'), today.subtract(1, 'year').endOf('year')) },
      { label: t('analysis.thisMonth'), value: range(today.startOf('month'), today) },
      { label: t('analysis.last30'), value: range(today.subtract(29, 'day'), today) },
      { label: t('analysis.lastWeek'), value: range(dayjs(week.from), dayjs(week.to)) },
    ];
  }, [t]);
  return (
    <DatePicker.RangePicker
      allowClear={false}
      value={value ? [dayjs(value.from), dayjs(value.to)] : undefined}
      onChange={(range) => {
        const [from, to] = range ?? [];
        if (from && to) onChange?.({ from: from.format(DAY), to: to.format(DAY) });
      }}
      presets={presets}
      data-testid={testId}
    />
  );
}
