import { QuestionCircleOutlined } from '@ant-design/icons';
import { Card, Col, Row, Statistic, Tooltip } from 'antd';
import { days, percent, type FiguresTotals } from '../figures';
import { useI18n, type MessageKey } from '../i18n';
import './figure-stats.css';

interface Stat {
  key: string;
  title: MessageKey;
  hint: MessageKey;
  value: string | number;
  suffix?: string;
  sub: string;
  warn?: boolean;
}

/** The figures' totals as eight cards, each with its definition on hover and the counts behind it. */
export function FigureStats({ totals }: { totals: FiguresTotals }) {
  const { t } = useI18n();
  const items = t('figures.unit.items') || undefined;
  const stats: Stat[] = [
    {
      key: 'received',
      title: 'figures.received',
      hint: 'figures.hint.received',
      value: totals.received,
      suffix: items,
      sub: t('figures.sub.received', { closed: totals.closed, open: totals.open }),
    },
    {
      key: 'closure',
      title: 'figures.closureRate',
      hint: 'figures.hint.closureRate',
      value: percent(totals.closureRate),
      sub: t('figures.sub.closed', { count: totals.closed }),
    },
    {
      key: 'overdue',
      title: 'figures.overdue',
      hint: 'figures.hint.overdue',
      value: totals.overdue,
      suffix: items,
      sub: t('figures.sub.open', { count: totals.open }),
      warn: totals.overdue > 0,
    },
    {
      key: 'on-time',
      title: 'figures.onTimeRate',
      hint: 'figures.hint.onTimeRate',
      value: percent(totals.onTimeRate),
      sub: t('figures.sub.onTime', { count: totals.onTime }),
    },
    {
      key: 'handling',
      title: 'figures.avgHandlingDays',
      hint: 'figures.hint.avgHandlingDays',
      value: days(totals.avgHandlingDays),
      suffix: t('figures.unit.workingDays'),
      sub: t('figures.sub.replied', { count: totals.replied }),
    },
    {
      key: 'satisfaction',
      title: 'figures.satisfactionRate',
      hint: 'figures.hint.satisfactionRate',
      value: percent(totals.satisfactionRate),
      sub: t('figures.sub.rated', { count: totals.rated }),
    },
    {
      key: 'reopen',
      title: 'figures.reopenRate',
      hint: 'figures.hint.reopenRate',
      value: percent(totals.reopenRate),
      sub: t('figures.sub.reopened', { count: totals.reopened }),
    },
    {
      key: 'returns',
      title: 'figures.returnsUpheld',
      hint: 'figures.hint.returnsUpheld',
      value: totals.returnsUpheld,
      suffix: t('figures.unit.times') || undefined,
      sub: t('figures.sub.returns'),
    },
  ];
  return (
    <Row gutter={[16, 16]} className="figure-stats">
      {stats.map((s) => (
        <Col key={s.key} xs={12} md={6}>
          <Card size="small" data-testid={`figure-${s.key}`}>
            <Statistic
              title={
                <Tooltip title={t(s.hint)}>
                  <span className="figure-title">
                    {t(s.title)} <QuestionCircleOutlined />
                  </span>
                </Tooltip>
              }
              value={s.value}
              suffix={s.suffix}
            />
            <div className={s.warn ? 'figure-sub figure-sub-warn' : 'figure-sub'}>{s.sub}</div>
          </Card>
        </Col>
      ))}
    </Row>
  );
}
