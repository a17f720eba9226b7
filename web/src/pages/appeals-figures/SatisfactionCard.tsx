import { Card, Table, Typography } from 'antd';
import { percent, stars, type FiguresTotals, type Rate } from '../../figures';
import { useI18n, type MessageKey } from '../../i18n';

interface Line {
  key: 'self' | 'follow-up' | 'all';
  source: MessageKey;
  rated: number;
  satisfied: number;
  rate: Rate;
  avg: Rate;
}

/** Satisfaction apart by source — the enterprise's own ratings and those given in follow-up calls — and together, with the closures that had none. */
export function SatisfactionCard({ totals: f }: { totals: FiguresTotals }) {
  const { t } = useI18n();
  const lines: Line[] = [
    {
      key: 'self',
      source: 'figures.satisfaction.self',
      rated: f.selfRated,
      satisfied: f.selfSatisfied,
      rate: f.selfSatisfactionRate,
      avg: f.selfAvgRating,
    },
    {
      key: 'follow-up',
      source: 'figures.satisfaction.followUp',
      rated: f.followUpRated,
      satisfied: f.followUpSatisfied,
      rate: f.followUpSatisfactionRate,
      avg: f.followUpAvgRating,
    },
    { key: 'all', source: 'figures.satisfaction.all', rated: f.rated, satisfied: f.satisfied, rate: f.satisfactionRate, avg: f.avgRating },
  ];
  return (
    <Card size="small" title={t('figures.satisfaction')} data-testid="figures-satisfaction">
      <Table<Line>
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={lines}
        onRow={(line) => ({ className: `satisfaction-line-${line.key}`, 'data-testid': `satisfaction-${line.key}` })}
        columns={[
          { title: t('figures.satisfaction.source'), key: 'source', render: (_, l) => t(l.source) },
          {
            title: t('figures.satisfaction.rated'),
            dataIndex: 'rated',
            align: 'right',
            render: (v: number) => <span data-testid="satisfaction-rated">{v}</span>,
          },
          { title: t('figures.satisfaction.satisfied'), dataIndex: 'satisfied', align: 'right' },
          { title: t('figures.satisfaction.rate'), dataIndex: 'rate', align: 'right', render: (v: Rate) => percent(v) },
          {
            title: t('figures.satisfaction.avg'),
            dataIndex: 'avg',
            align: 'right',
            render: (v: Rate) => <span data-testid="satisfaction-avg">{stars(v)}</span>,
          },
        ]}
      />
      <Typography.Paragraph type="secondary" className="figures-unrated" data-testid="figures-unrated">
        {t('figures.unrated', { count: f.closedUnrated })}：
        {t('figures.unrated.detail', {
          notReached: f.closedUnratedNotReached,
          declined: f.closedUnratedDeclined,
          auto: f.closedUnratedAuto,
          office: f.closedUnratedOffice,
        })}
      </Typography.Paragraph>
    </Card>
  );
}
