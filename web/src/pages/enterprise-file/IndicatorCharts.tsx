import { Col, Empty, Row, Typography } from 'antd';
import { useMemo } from 'react';
import type { Schemas } from '../../api';
import { useI18n, type MessageKey } from '../../i18n';
import { EChart } from '../workbench/EChart';
import type { ChartOption } from '../workbench/echarts';

type IndicatorMonth = Schemas['EnterpriseIndicators']['items'][number];
type Key = Exclude<keyof IndicatorMonth, 'month'>;

const axisLabel = { color: '#4e5969', fontSize: 12 };

function lineOption(items: IndicatorMonth[], series: { key: Key; label: string; axis?: number }[], twoAxes: boolean): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: items.map((i) => i.month), axisLabel },
    yAxis: twoAxes
      ? [
          { type: 'value', axisLabel },
          { type: 'value', axisLabel, splitLine: { show: false } },
        ]
      : { type: 'value', axisLabel },
    series: series.map((s) => ({
      type: 'line',
      name: s.label,
      yAxisIndex: s.axis ?? 0,
      smooth: true,
      showSymbol: false,
      data: items.map((i) => i[s.key]),
    })),
  };
}

/** The enterprise's monthly indicators as two line charts: money, and energy with headcount. */
export function IndicatorCharts({ items }: { items: IndicatorMonth[] }) {
  const { t, lang } = useI18n();
  const label = (k: Key) => t(`efile.ind.${k}` as MessageKey);
  const money = useMemo(
    () =>
      lineOption(
        items,
        (['output', 'valueAdded', 'tax'] as const).map((key) => ({ key, label: label(key) })),
        false,
      ),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [items, lang],
  );
  const energy = useMemo(
    () =>
      lineOption(
        items,
        [
          { key: 'electricity', label: label('electricity') },
          { key: 'employees', label: label('employees'), axis: 1 },
        ],
        true,
      ),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [items, lang],
  );
  if (items.length === 0) return <Empty description={t('efile.noIndicators')} />;
  return (
    <Row gutter={16}>
      <Col xs={24} lg={12}>
        <Typography.Text type="secondary">{t('efile.chart.money')}</Typography.Text>
        <EChart option={money} height={280} testId="indicator-chart" />
      </Col>
      <Col xs={24} lg={12}>
        <Typography.Text type="secondary">{t('efile.chart.energy')}</Typography.Text>
        <EChart option={energy} height={280} testId="indicator-chart-energy" />
      </Col>
    </Row>
  );
}
