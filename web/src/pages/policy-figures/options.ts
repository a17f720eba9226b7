import type { ChartOption } from '../workbench/echarts';
import type { PolicyFiguresRow } from './types';

const axisLabel = { color: '#4e5969', fontSize: 12 };

export interface Names {
  approved: string;
  refused: string;
  open: string;
  instant: string;
  disbursedAmount: string;
}

/** Horizontal stacked bars per group (largest first, on top): approved (instant and reviewed), refused, in review. */
export function groupOption(rows: { name: string; row: PolicyFiguresRow }[], n: Names): ChartOption {
  const ordered = [...rows].reverse();
  const bar = (name: string, color: string, value: (r: PolicyFiguresRow) => number) => ({
    type: 'bar' as const,
    name,
    stack: 'count',
    data: ordered.map((r) => value(r.row)),
    barMaxWidth: 14,
    itemStyle: { color },
  });
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, textStyle: axisLabel },
    grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'value', axisLabel },
    yAxis: { type: 'category', data: ordered.map((r) => r.name), axisLabel: { ...axisLabel, width: 170, overflow: 'truncate' } },
    series: [
      bar(n.instant, '#faad14', (r) => r.instant),
      bar(n.approved, '#52c41a', (r) => r.approved - r.instant),
      bar(n.refused, '#ff4d4f', (r) => r.refused),
      bar(n.open, '#1677ff', (r) => r.open),
    ],
  };
}

/** Month by month: applications approved and refused as bars, amount disbursed and the instant share as lines. */
export function monthOption(rows: { name: string; row: PolicyFiguresRow }[], n: Names): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, textStyle: axisLabel },
    grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel },
    yAxis: [
      { type: 'value', axisLabel },
      { type: 'value', axisLabel, splitLine: { show: false } },
    ],
    series: [
      {
        type: 'bar',
        name: n.approved,
        stack: 'count',
        data: rows.map((r) => r.row.approved),
        itemStyle: { color: '#52c41a' },
        barMaxWidth: 18,
      },
      {
        type: 'bar',
        name: n.refused,
        stack: 'count',
        data: rows.map((r) => r.row.refused),
        itemStyle: { color: '#ff4d4f' },
        barMaxWidth: 18,
      },
      { type: 'bar', name: n.open, stack: 'count', data: rows.map((r) => r.row.open), itemStyle: { color: '#1677ff' }, barMaxWidth: 18 },
      {
        type: 'line',
        name: n.disbursedAmount,
        yAxisIndex: 1,
        smooth: true,
        data: rows.map((r) => Math.round(r.row.disbursedAmount * 100) / 100),
        itemStyle: { color: '#722ed1' },
      },
    ],
  };
}
