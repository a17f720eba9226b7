import type { FiguresRow, Rate } from '../../figures';
import type { ChartOption } from '../workbench/echarts';

const axisLabel = { color: '#4e5969', fontSize: 12 };
const RATE_COLORS = ['#1677ff', '#13c2c2', '#faad14'];

/** A rate as a percentage for the chart; a missing one leaves a gap ('-'), not a zero. */
const pct = (rate: Rate): number | '-' => (rate === null ? '-' : Math.round(rate * 1000) / 10);
const pctLabel = (value: unknown) => (typeof value === 'number' ? `${value}%` : '—');

export interface RateSeries {
  name: string;
  rate: (row: FiguresRow) => Rate;
}

/** Horizontal grouped bars: one group per row (largest first, on top), one bar per rate. */
export function ratesOption(rows: { name: string; row: FiguresRow }[], series: RateSeries[]): ChartOption {
  const ordered = [...rows].reverse();
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: pctLabel },
    legend: { top: 0, textStyle: axisLabel },
    grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'value', min: 0, max: 100, axisLabel: { ...axisLabel, formatter: '{value}%' } },
    yAxis: { type: 'category', data: ordered.map((r) => r.name), axisLabel: { ...axisLabel, width: 150, overflow: 'truncate' } },
    series: series.map((s, i) => ({
      type: 'bar',
      name: s.name,
      data: ordered.map((r) => pct(s.rate(r.row))),
      barMaxWidth: 10,
      itemStyle: { color: RATE_COLORS[i % RATE_COLORS.length], borderRadius: [0, 3, 3, 0] },
    })),
  };
}

export interface MonthSeries {
  received: string;
  closed: string;
  onTimeRate: string;
  satisfactionRate: string;
}

/** Counts as columns on the left axis, rates as lines on the right one, one point per month. */
export function monthOption(months: { name: string; row: FiguresRow }[], names: MonthSeries): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, textStyle: axisLabel },
    grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: months.map((m) => m.name), axisLabel },
    yAxis: [
      { type: 'value', minInterval: 1, axisLabel },
      { type: 'value', min: 0, max: 100, axisLabel: { ...axisLabel, formatter: '{value}%' }, splitLine: { show: false } },
    ],
    series: [
      { type: 'bar', name: names.received, data: months.map((m) => m.row.received), barMaxWidth: 18, itemStyle: { color: '#bae0ff' } },
      { type: 'bar', name: names.closed, data: months.map((m) => m.row.closed), barMaxWidth: 18, itemStyle: { color: '#1677ff' } },
      {
        type: 'line',
        name: names.onTimeRate,
        yAxisIndex: 1,
        data: months.map((m) => pct(m.row.onTimeRate)),
        smooth: true,
        itemStyle: { color: '#13c2c2' },
        tooltip: { valueFormatter: pctLabel },
      },
      {
        type: 'line',
        name: names.satisfactionRate,
        yAxisIndex: 1,
        data: months.map((m) => pct(m.row.satisfactionRate)),
        smooth: true,
        itemStyle: { color: '#faad14' },
        tooltip: { valueFormatter: pctLabel },
      },
    ],
  };
}
