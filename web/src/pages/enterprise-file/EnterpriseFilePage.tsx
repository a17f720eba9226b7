import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Row, Table, Tag, Timeline, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { EnterpriseDescriptions } from '../../components/EnterpriseDescriptions';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { PageLoading } from '../../components/PageLoading';
import { formatDateTime, orDash } from '../../format';
import { useRequest } from '../../hooks/useRequest';
import { useI18n, type MessageKey } from '../../i18n';
import type { Schemas } from '../../api';
import type { Enterprise } from '../../types';
import { IndicatorCharts } from './IndicatorCharts';
import { LiaisonCard } from './LiaisonCard';
import { PreferencesSummary } from './PreferencesSummary';

type Contact = Schemas['EnterpriseContact'];
type TimelineItem = Schemas['EnterpriseTimeline']['items'][number];

/**
 * Every kind of event the server's timeline sources register (registerTimelineSource in enterprise-file,
 * liaison, warnings, applications, campaigns): its label, tag colour and dot colour. The dot takes
 * antd's four named colours or a CSS colour, so the other kinds give antd's palette value.
 */
const KINDS: Record<string, { label: MessageKey; tag: string; dot: string }> = {
  appeal: { label: 'efile.kind.appeal', tag: 'blue', dot: 'blue' },
  change: { label: 'efile.kind.change', tag: 'gray', dot: 'gray' },
  visit: { label: 'efile.kind.visit', tag: 'green', dot: 'green' },
  warning: { label: 'efile.kind.warning', tag: 'red', dot: 'red' },
  application: { label: 'efile.kind.application', tag: 'purple', dot: '#722ed1' },
  benefit: { label: 'efile.kind.benefit', tag: 'gold', dot: '#faad14' },
  push: { label: 'efile.kind.push', tag: 'cyan', dot: '#13c2c2' },
};
/** Where a kind's status code has words; the others (visit: the cadre's name) are shown as they come. */
const STATUS_PREFIX: Record<string, string> = {
  appeal: 'appeal.state',
  change: 'efile.change.status',
  application: 'apl.state',
  benefit: 'efile.benefit',
  push: 'efile.push',
  warning: 'warn.status',
};

/** 一企一档: one enterprise at a glance — profile, code, contacts, indicators, history. */
export default function EnterpriseFilePage() {
  const { t, lang } = useI18n();
  const id = Number(useParams().id);
  const { data, error, reload } = useRequest<{ enterprise: Enterprise }>(Number.isInteger(id) ? `/api/enterprises/${id}` : null);
  const contacts = useRequest<{ items: Contact[] }>(data ? `/api/enterprises/${id}/contacts` : null);
  const indicators = useRequest<Schemas['EnterpriseIndicators']>(data ? `/api/enterprises/${id}/indicators` : null);
  const timeline = useRequest<Schemas['EnterpriseTimeline']>(data ? `/api/enterprises/${id}/timeline` : null);
  if (error) return <LoadError error={error} onRetry={reload} />;
  if (!data) return <PageLoading />;
  const e = data.enterprise;
  const kindLabel = (kind: string) => (KINDS[kind] ? t(KINDS[kind].label) : kind);
  const statusLabel = (item: TimelineItem) => {
    if (!item.status) return null;
    const prefix = STATUS_PREFIX[item.kind];
    return prefix ? t(`${prefix}.${item.status}` as MessageKey) : item.status;
  };

  return (
    <div data-testid="enterprise-file">
      <PageHeader
        title={e.name}
        extra={
          <Link to="/enterprises">
            <Button icon={<ArrowLeftOutlined />}>{t('efile.back')}</Button>
          </Link>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card size="small" title={t('efile.profile')} data-testid="enterprise-profile">
            <EnterpriseDescriptions enterprise={e} column={2} />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title={t('efile.qr')}>
            <div style={{ textAlign: 'center' }}>
              <img src={`/api/enterprises/${e.id}/qr.png`} alt={e.uscc} width={180} height={180} data-testid="enterprise-qr" />
              <Typography.Paragraph type="secondary">{t('efile.qrHint')}</Typography.Paragraph>
            </div>
          </Card>
          <LiaisonCard enterpriseId={e.id} />
        </Col>
        <Col xs={24}>
          <Card size="small" title={t('efile.contacts')} extra={<PreferencesSummary enterpriseId={e.id} />}>
            <Table<Contact>
              rowKey="id"
              size="small"
              pagination={false}
              loading={contacts.loading}
              dataSource={contacts.data?.items}
              locale={{ emptyText: t('efile.noContacts') }}
              data-testid="enterprise-contacts"
              columns={[
                {
                  title: t('efile.contact.name'),
                  dataIndex: 'name',
                  render: (name: string, c) =>
                    c.primary ? (
                      <>
                        {name} <Tag color="blue">{t('efile.contact.primary')}</Tag>
                      </>
                    ) : (
                      name
                    ),
                },
                { title: t('efile.contact.title'), dataIndex: 'title', render: orDash },
                { title: t('efile.contact.mobile'), dataIndex: 'mobile', render: orDash },
                { title: t('efile.contact.email'), dataIndex: 'email', render: orDash },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24}>
          <Card size="small" title={t('efile.indicators')}>
            {indicators.data ? (
              <IndicatorCharts items={indicators.data.items} />
            ) : indicators.error ? (
              <LoadError error={indicators.error} onRetry={indicators.reload} />
            ) : (
              <PageLoading />
            )}
          </Card>
        </Col>
        <Col xs={24}>
          <Card size="small" title={t('efile.timeline')} data-testid="enterprise-timeline">
            {timeline.data && timeline.data.items.length === 0 ? (
              <Empty description={t('efile.noTimeline')} />
            ) : (
              <Timeline
                items={(timeline.data?.items ?? []).map((item) => ({
                  key: `${item.kind}-${item.id}`,
                  color: KINDS[item.kind]?.dot ?? 'gray',
                  content: (
                    <div data-testid="timeline-item">
                      <Tag color={KINDS[item.kind]?.tag}>{kindLabel(item.kind)}</Tag>
                      {item.link ? <Link to={item.link}>{item.title}</Link> : item.title}
                      {statusLabel(item) && <Tag style={{ marginLeft: 8 }}>{statusLabel(item)}</Tag>}
                      <div>
                        <Typography.Text type="secondary">{formatDateTime(item.at, lang)}</Typography.Text>
                      </div>
                    </div>
                  ),
                }))}
              />
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
