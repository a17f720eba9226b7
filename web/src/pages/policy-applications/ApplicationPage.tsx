import type { HTMLAttributes } from 'react';
import { Alert, Card, Col, Descriptions, Empty, Row, Space, Table, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { EligibilityExplanation } from '../../components/EligibilityExplanation';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { PageLoading } from '../../components/PageLoading';
import { useShowValue } from '../../components/useShowValue';
import { formatDateTime } from '../../format';
import { useRequest } from '../../hooks/useRequest';
import { useI18n } from '../../i18n';
import { ReviewActions } from './ReviewActions';
import { ApplicationStateTag, FlagTag, InstantTag } from './shared/StateTag';
import { ApplicationTimeline } from './shared/Timeline';
import type { ApplicationDetail } from './shared/types';
import { useShowAmount } from './shared/values';
import './shared/applications.css';

type FieldRow = ApplicationDetail['fields'][number];

/** 申报详情 (staff): the applicant, declared against held values, the 秒批 explanation, materials, timeline, and the review steps. */
export default function ApplicationPage() {
  const { id } = useParams();
  const { t, lang } = useI18n();
  const show = useShowValue();
  const amount = useShowAmount();
  const { data, error, reload } = useRequest<ApplicationDetail>(`/api/applications/${id}`);
  if (error && !data) return <LoadError error={error} onRetry={reload} />;
  if (!data) return <PageLoading />;
  const a = data;
  const reviewing = ['submitted', 'accepted', 'in_review'].includes(a.state);

  return (
    <div data-testid="application-page">
      <PageHeader title={`${t('apl.application')} ${a.number}`} extra={<ReviewActions app={a} onDone={reload} />} />
      <Space wrap className="filter-bar">
        <ApplicationStateTag state={a.state} />
        {a.instant && <InstantTag />}
        {a.flag && !a.instant && <FlagTag flag={a.flag} />}
        {['accepted', 'in_review'].includes(a.state) && (
          <Typography.Text>{t('apl.levelOf', { level: a.reviewLevel + 1, levels: a.reviewLevels })}</Typography.Text>
        )}
      </Space>
      {a.instant && (
        <Alert
          type="success"
          showIcon
          className="filter-bar"
          title={t('apl.instantDone')}
          description={a.decisionReason}
          data-testid="instant-result"
        />
      )}
      {reviewing && a.differences.length > 0 && (
        <Alert
          type="warning"
          showIcon
          className="filter-bar"
          data-testid="differences-alert"
          title={t('apl.differencesFound', { n: a.differences.length })}
          description={a.differences
            .map((d) =>
              t('apl.differenceLine', {
                label: lang === 'zh' || !d.labelEn ? d.label : d.labelEn,
                declared: show(d.declared),
                held: show(d.held),
              }),
            )
            .join('；')}
        />
      )}
      {a.state === 'refused' && a.decisionReason && (
        <Alert type="error" showIcon className="filter-bar" title={t('apl.refusedBecause')} description={a.decisionReason} />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14} className="apl-stack">
          <Card size="small" title={t('apl.basics')}>
            <Descriptions column={{ xs: 1, md: 2 }} size="small">
              <Descriptions.Item label={t('apl.enterprise')}>
                <Link to={`/enterprises/${a.enterprise.id}`}>{a.enterprise.name}</Link>
              </Descriptions.Item>
              <Descriptions.Item label={t('apl.uscc')}>
                <span className="mono">{a.enterprise.uscc}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('apl.industry')}>{a.enterprise.industryCode}</Descriptions.Item>
              <Descriptions.Item label={t('apl.street')}>{a.enterprise.streetName ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('apl.policy')} span={2}>
                {a.policy.title}
              </Descriptions.Item>
              <Descriptions.Item label={t('apl.notice')} span={2}>
                {a.notice.title}
              </Descriptions.Item>
              <Descriptions.Item label={t('apl.department')}>{a.policy.departmentName ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('apl.submittedAt')}>{formatDateTime(a.createdAt, lang)}</Descriptions.Item>
              <Descriptions.Item label={t('apl.contact')}>
                {a.contactName ?? '—'} {a.contactPhone ?? ''}
              </Descriptions.Item>
              <Descriptions.Item label={t('apl.requested')}>{amount(a.requestedAmount)}</Descriptions.Item>
              <Descriptions.Item label={t('apl.approvedAmount')}>{amount(a.approvedAmount)}</Descriptions.Item>
              {a.benefits.map((b) => (
                <Descriptions.Item key={b.id} label={t('apl.disbursed')}>
                  {t('apl.benefitLine', { amount: amount(b.amount), paidOn: b.paidOn, batch: b.paymentBatch ?? '—' })}
                </Descriptions.Item>
              ))}
            </Descriptions>
          </Card>
          <Card size="small" title={t('apl.declaredVsHeld')}>
            {a.fields.length === 0 ? (
              <Empty description={t('apl.noDeclared')} />
            ) : (
              <Table<FieldRow>
                rowKey="field"
                size="small"
                pagination={false}
                dataSource={a.fields}
                rowClassName={(f) => (f.differs ? 'apl-differs' : '')}
                onRow={(f) => ({ 'data-testid': 'declared-row', 'data-differs': String(f.differs) }) as HTMLAttributes<HTMLElement>}
                columns={[
                  { title: t('apl.field'), dataIndex: 'label', render: (_: unknown, f) => (lang === 'zh' ? f.label : f.labelEn) },
                  {
                    title: t('apl.declared'),
                    render: (_: unknown, f) =>
                      f.differs ? (
                        <Typography.Text strong type="warning">
                          {show(f.declared, f.unit)}
                        </Typography.Text>
                      ) : (
                        show(f.declared, f.unit)
                      ),
                  },
                  { title: t('apl.held'), render: (_: unknown, f) => show(f.held, f.unit) },
                ]}
              />
            )}
          </Card>
          <Card
            size="small"
            title={t('apl.explanation')}
            extra={a.explanation?.version ? t('apl.ruleVersion', { version: a.explanation.version }) : undefined}
          >
            {a.explanation ? <EligibilityExplanation conditions={a.explanation.conditions} /> : <Empty description={t('apl.noRule')} />}
          </Card>
        </Col>
        <Col xs={24} xl={10} className="apl-stack">
          <Card size="small" title={t('apl.materials')}>
            <ul className="apl-materials">
              {a.materialSlots.map((m) => (
                <li key={m.index}>
                  <strong>{m.name}</strong> {m.required && <Typography.Text type="danger">*</Typography.Text>}
                  <div>
                    {a.materials
                      .filter((f) => f.material === m.name)
                      .map((f) => (
                        <div key={f.id}>
                          <a href={`/api/applications/${a.id}/materials/${f.id}`} data-testid="material-file">
                            {f.fileName}
                          </a>{' '}
                          <span className="apl-muted">{(f.size / 1024).toFixed(1)} KB</span>
                        </div>
                      ))}
                    {m.files === 0 && <span className="apl-muted">{t('apl.noFile')}</span>}
                  </div>
                </li>
              ))}
            </ul>
          </Card>
          <Card size="small" title={t('apl.timeline')}>
            <ApplicationTimeline events={a.events} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
