import type { ChartOption } from './echarts';

export interface Datum {
  name: string;
  value: number;
}

const axisLabel = { color: '#4e5969', fontSize: 12 };

/** Vertical bars, one per category (e.g. street). */
export function columnOption(data: Datum[], seriesName: string): ChartOption {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: data.map((d) => d.name), axisLabel: { ...axisLabel, interval: 0, rotate: data.length > 6 ? 30 : 0 } },
    yAxis: { type: 'value', minInterval: 1, axisLabel },
    series: [
      {
        type: 'bar',
        name: seriesName,
        data: data.map((d) => d.value),
        barMaxWidth: 36,
        itemStyle: { color: '#1677ff', borderRadius: [4, 4, 0, 0] },
      },
    ],
  };
}

/** Horizontal bars, for long category names (e.g. industry sections); largest on top. */
export function barOption(data: Datum[], seriesName: string): ChartOption {
  const rows = [...data].reverse();
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, axisLabel },
    yAxis: { type: 'category', data: rows.map((d) => d.name), axisLabel: { ...axisLabel, width: 160, overflow: 'truncate' } },
    series: [
      {
        type: 'bar',
        name: seriesName,
        data: rows.map((d) => d.value),
        barMaxWidth: 20,
        itemStyle: { color: '#13c2c2', borderRadius: [0, 4, 4, 0] },
      },
    ],
  };
}

export function pieOption(data: Datum[], seriesName: string): ChartOption {
  return {
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { bottom: 0, textStyle: axisLabel },
    series: [
      {
        type: 'pie',
        name: seriesName,
        radius: ['40%', '68%'],
        center: ['50%', '45%'],
        data,
        label: { formatter: '{b}\n{d}%' },
      },
    ],
  };
}
