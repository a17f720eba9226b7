import { Alert, App, Button, Card, Col, Descriptions, Empty, Form, Input, Row, Space, Timeline, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../api';
import { FormModal } from '../../components/FormModal';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { PageLoading } from '../../components/PageLoading';
import { useShowError } from '../../errors';
import { formatDateTime, orDash } from '../../format';
import { useRequest } from '../../hooks/useRequest';
import { useI18n } from '../../i18n';
import { maxChars, required } from '../../rules';
import { EChart } from '../workbench/EChart';
import type { ChartOption } from '../workbench/echarts';
import { INDICATOR_UNITS } from '@server/modules/warnings/rule-fields.ts';
import { LevelTag, StatusTag } from './Tags';
import { ym, type Indicator, type WarningDetail } from './types';

/** The indicators a warning is about: its own, or output and electricity for the relocation rules. */
function chartIndicators(w: WarningDetail): Indicator[] {
  if (w.indicator) return [w.indicator];
  return ['electricity', 'output'];
}

/** The English for the stored units (the Chinese ones are INDICATOR_UNITS' own). */
const UNITS_EN: Record<string, string> = { 万元: '10k yuan', 人: 'people', 千瓦时: 'kWh', 吨: 't', 立方米: 'm³' };

/** 预警详情: the explanation, the series behind it, the follow-up log; follow up and close. */
export default function WarningPage() {
  const { t, lang } = useI18n();
  const id = Number(useParams().id);
  const { message } = App.useApp();
  const showError = useShowError();
  const { data, error, reload } = useRequest<WarningDetail>(`/api/warnings/${id}`);
  const [note, setNote] = useState('');
  const [sending, setSending] = useState(false);
  const [closing, setClosing] = useState(false);
  const [reopening, setReopening] = useState(false);

  const option = useMemo<ChartOption | undefined>(() => {
    if (!data) return undefined;
    const indicators = chartIndicators(data);
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 4, bottom: 'auto', data: indicators.map((i) => t(`warn.indicator.${i}`)) },
      grid: { left: 60, right: indicators.length > 1 ? 70 : 24, top: 40, bottom: 30 },
      xAxis: { type: 'category', data: data.series.map((p) => ym(p.month)) },
      // Each axis names its unit: a figure without one reads as anything.
      yAxis: indicators.map((ind, i) => ({
        type: 'value' as const,
        name: lang === 'zh' ? INDICATOR_UNITS[ind] : (UNITS_EN[INDICATOR_UNITS[ind]] ?? INDICATOR_UNITS[ind]),
        position: i === 0 ? ('left' as const) : ('right' as const),
      })),
      series: indicators.map((ind, i) => ({
        name: t(`warn.indicator.${ind}`),
        type: 'line' as const,
        yAxisIndex: i,
        connectNulls: false,
        data: data.series.map((p) => p[ind]),
      })),
    };
  }, [data, t, lang]);

  if (error && !data) return <LoadError error={error} onRetry={reload} />;
  if (!data || data.id !== id) return <PageLoading />;

  const followUp = async () => {
    setSending(true);
    try {
      await api.post(`/api/warnings/${id}/follow-ups`, { note });
      setNote('');
      void message.success(t('common.saved'));
      reload();
    } catch (err) {
      showError(err);
    } finally {
      setSending(false);
    }
  };

  return (
    <>
      <PageHeader
        title={`${data.enterpriseName} · ${data.ruleName}`}
        extra={
          <>
            <LevelTag level={data.level} />
            <StatusTag status={data.status} testId="warning-current-status" />
            {data.canAct && (
              <Button danger onClick={() => setClosing(true)} data-testid="warning-close">
                {t('warn.close')}
              </Button>
            )}
            {data.canReopen && (
              <Button onClick={() => setReopening(true)} data-testid="warning-reopen">
                {t('warn.reopen')}
              </Button>
            )}
          </>
        }
      />
      <Alert
        type={data.level === 'yellow' ? 'warning' : 'error'}
        showIcon
        title={data.explanation}
        className="filter-bar"
        data-testid="warning-explanation"
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Card size="small" title={t('warn.series')}>
            {data.series.length && option ? <EChart option={option} height={340} testId="warning-chart" /> : <Empty />}
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Card size="small">
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('warn.enterprise')}>
                <div>
                  <div>{data.enterpriseName}</div>
                  <div className="mono">{data.uscc}</div>
                </div>
              </Descriptions.Item>
              <Descriptions.Item label={t('warn.month')}>{ym(data.month)}</Descriptions.Item>
              <Descriptions.Item label={t('warn.rule')}>{data.ruleName}</Descriptions.Item>
              <Descriptions.Item label={t('warn.street')}>{orDash(data.street)}</Descriptions.Item>
              <Descriptions.Item label={t('warn.industry')}>{data.industryCode}</Descriptions.Item>
              <Descriptions.Item label={t('warn.cadre')}>{data.assignedName ?? t('warn.noCadre')}</Descriptions.Item>
              {data.actionsTaken && (
                <Descriptions.Item label={t('warn.actionsTaken')}>
                  <span data-testid="warning-actions-taken">{data.actionsTaken}</span>
                </Descriptions.Item>
              )}
              {data.closedAt && <Descriptions.Item label={t('warn.closedAt')}>{formatDateTime(data.closedAt, lang)}</Descriptions.Item>}
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} xl={15}>
          <Card size="small" title={t('warn.followUps')}>
            {data.actions.length ? (
              <Timeline
                data-testid="warning-log"
                items={data.actions.map((a) => ({
                  color: a.kind === 'close' ? 'green' : a.kind === 'reopen' ? 'orange' : 'blue',
                  content: (
                    <>
                      <Typography.Text strong>{t(`warn.action.${a.kind}`)}</Typography.Text>
                      <Typography.Text type="secondary">
                        {' '}
                        {a.by ?? ''} · {formatDateTime(a.at, lang)}
                      </Typography.Text>
                      <div>{a.note}</div>
                    </>
                  ),
                }))}
              />
            ) : (
              <Typography.Text type="secondary">{t('warn.noFollowUps')}</Typography.Text>
            )}
            {data.canAct ? (
              <Space.Compact style={{ width: '100%', marginTop: 12 }}>
                <Input.TextArea
                  value={note}
                  onChange={(e) => setNote(e.target.value)}
                  placeholder={t('warn.followUpPlaceholder')}
                  aria-label={t('warn.followUpPlaceholder')}
                  autoSize={{ minRows: 2 }}
                  count={{ show: true, max: 2000 }}
                  data-testid="warning-note"
                />
                <Button
                  type="primary"
                  loading={sending}
                  // Over the limit: kept whole and counted in red, not cut; sent once shortened.
                  disabled={!note.trim() || note.length > 2000}
                  onClick={() => void followUp()}
                  data-testid="warning-follow-up"
                >
                  {t('warn.followUp')}
                </Button>
              </Space.Compact>
            ) : (
              data.status !== 'closed' && (
                <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
                  {t('warn.readOnly')}
                </Typography.Paragraph>
              )
            )}
          </Card>
        </Col>
        {data.others.length > 0 && (
          <Col xs={24} xl={9}>
            <Card size="small" title={t('warn.others')}>
              {data.others.map((o) => (
                <div key={o.id}>
                  <Link to={`/warnings/${o.id}`}>
                    {ym(o.month)} {o.ruleName}
                  </Link>{' '}
                  <LevelTag level={o.level} /> <StatusTag status={o.status} testId="warning-other-status" />
                </div>
              ))}
            </Card>
          </Col>
        )}
      </Row>
      <FormModal<{ actionsTaken: string }>
        open={closing}
        title={t('warn.closeTitle')}
        onClose={() => setClosing(false)}
        onSubmit={async (v) => {
          await api.post(`/api/warnings/${id}/close`, v);
          reload();
        }}
      >
        <Form.Item
          name="actionsTaken"
          label={t('warn.actionsTaken')}
          rules={[required(t, t('warn.actionsTaken')), maxChars(t, t('warn.actionsTaken'), 2000)]}
        >
          <Input.TextArea autoSize={{ minRows: 3 }} count={{ show: true, max: 2000 }} data-testid="field-actionsTaken" />
        </Form.Item>
      </FormModal>
      <FormModal<{ reason: string }>
        open={reopening}
        title={t('warn.reopenTitle')}
        onClose={() => setReopening(false)}
        onSubmit={async (v) => {
          await api.post(`/api/warnings/${id}/reopen`, v);
          reload();
        }}
      >
        <Form.Item
          name="reason"
          label={t('warn.reopenReason')}
          rules={[required(t, t('warn.reopenReason')), maxChars(t, t('warn.reopenReason'), 2000)]}
        >
          <Input.TextArea autoSize={{ minRows: 3 }} count={{ show: true, max: 2000 }} data-testid="field-reason" />
        </Form.Item>
      </FormModal>
    </>
  );
}
