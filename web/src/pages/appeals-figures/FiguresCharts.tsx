import { Card, Col, Empty, Row } from 'antd';
import { useMemo } from 'react';
import type { Figures } from '../../figures';
import { useI18n } from '../../i18n';
import { EChart } from '../workbench/EChart';
import { monthOption, ratesOption } from './figureOptions';
import { rowName } from './names';

/** The rates chart shows the rows with the most appeals; the table below has them all. */
const TOP = 12;

/**
 * Closure, on-time and satisfaction rates by the chosen dimension, and the month-by-month trend.
 * By month, the trend is the whole story and takes the full width.
 */
export function FiguresCharts({ figures, months }: { figures: Figures; months: Figures | undefined }) {
  const { t, lang } = useI18n();
  const byMonth = figures.by === 'month';

  const rates = useMemo(() => {
    if (byMonth) return undefined;
    const rows = figures.rows.filter((r) => r.received > 0).slice(0, TOP);
    return {
      count: rows.length,
      truncated: figures.rows.length > TOP,
      option: ratesOption(
        rows.map((row) => ({ name: rowName(row, figures.by, t, lang), row })),
        [
          { name: t('figures.closureRate'), rate: (r) => r.closureRate },
          { name: t('figures.onTimeRate'), rate: (r) => r.onTimeRate },
          { name: t('figures.satisfactionRate'), rate: (r) => r.satisfactionRate },
        ],
      ),
    };
  }, [figures, byMonth, t, lang]);

  const trend = useMemo(() => {
    const source = byMonth ? figures : months;
    if (!source) return undefined;
    return monthOption(
      source.rows.map((row) => ({ name: rowName(row, 'month', t, lang), row })),
      {
        received: t('figures.received'),
        closed: t('figures.closed'),
        onTimeRate: t('figures.onTimeRate'),
        satisfactionRate: t('figures.satisfactionRate'),
      },
    );
  }, [figures, months, byMonth, t, lang]);

  return (
    <Row gutter={[16, 16]} className="figures-charts">
      {rates && (
        <Col xs={24} xl={14}>
          <Card
            size="small"
            title={t('figures.ratesBy', { by: t(`figures.by.${figures.by}`) })}
            extra={rates.truncated && t('figures.topN', { n: TOP })}
          >
            {rates.count ? (
              <EChart option={rates.option} height={Math.max(320, rates.count * 36 + 48)} testId="chart-rates" />
            ) : (
              <Empty description={t('figures.empty')} />
            )}
          </Card>
        </Col>
      )}
      <Col xs={24} xl={byMonth ? 24 : 10}>
        <Card size="small" title={t('figures.byMonth')}>
          {trend ? (
            <EChart option={trend} height={byMonth ? 360 : Math.max(320, (rates?.count ?? 0) * 36 + 48)} testId="chart-months" />
          ) : (
            <Empty />
          )}
        </Card>
      </Col>
    </Row>
  );
}
