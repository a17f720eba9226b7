import { Card, Descriptions, Typography } from 'antd';
import type { Schemas } from '../../api';
import { percent } from '../../figures';
import { useI18n } from '../../i18n';

type Acceptance = NonNullable<Schemas['AppealFigures']['acceptance']>;

/** The front office's clock (受理时限): what waits now, what is past its acceptance deadline, and how promptly the period's appeals were accepted. */
export function AcceptanceCard({ acceptance: a }: { acceptance: Acceptance }) {
  const { t } = useI18n();
  const items = [
    { key: 'waiting', label: t('figures.acceptance.waiting'), children: a.waiting },
    {
      key: 'overdue',
      label: t('figures.acceptance.overdue'),
      children: <Typography.Text type={a.overdue > 0 ? 'danger' : undefined}>{a.overdue}</Typography.Text>,
    },
    { key: 'accepted', label: t('figures.acceptance.accepted'), children: a.accepted },
    { key: 'late', label: t('figures.acceptance.acceptedLate'), children: a.acceptedLate },
    { key: 'rate', label: t('figures.acceptance.onTimeRate'), children: percent(a.onTimeRate) },
  ];
  return (
    <Card size="small" title={t('figures.acceptance')} data-testid="figures-acceptance">
      <Descriptions size="small" column={{ xs: 1, sm: 2, md: 5 }} items={items} />
    </Card>
  );
}
