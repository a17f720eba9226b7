import { Card, Col, Row, Statistic, Typography } from 'antd';
import type { ReportClosures } from '../../figures';
import { useI18n, type MessageKey } from '../../i18n';

/** How the period's closed appeals ended: rated by the enterprise, rated in a follow-up call, or unrated (and why). */
export function ClosuresCard({ closures: c }: { closures: ReportClosures }) {
  const { t } = useI18n();
  const stats: { key: string; title: MessageKey; value: number }[] = [
    { key: 'closed', title: 'overdue.closures.closed', value: c.closed },
    { key: 'rated-self', title: 'overdue.closures.ratedSelf', value: c.ratedSelf },
    { key: 'rated-follow-up', title: 'overdue.closures.ratedFollowUp', value: c.ratedFollowUp },
    { key: 'unrated', title: 'overdue.closures.unrated', value: c.unrated },
  ];
  return (
    <Card size="small" title={t('overdue.closures')} data-testid="report-closures">
      <Row gutter={[16, 16]}>
        {stats.map((s) => (
          <Col key={s.key} xs={12} md={6}>
            <Statistic title={t(s.title)} value={s.value} data-testid={`report-closures-${s.key}`} />
          </Col>
        ))}
      </Row>
      <Typography.Text type="secondary">
        {t('overdue.closures.unratedDetail', {
          notReached: c.unratedNotReached,
          declined: c.unratedDeclined,
          auto: c.unratedAuto,
          office: c.unratedOffice,
        })}
      </Typography.Text>
    </Card>
  );
}
