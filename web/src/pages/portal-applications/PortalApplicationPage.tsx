import { UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Popconfirm, Space, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { api } from '../../api';
import { EligibilityExplanation } from '../../components/EligibilityExplanation';
import { LoadError } from '../../components/LoadError';
import { PageLoading } from '../../components/PageLoading';
import { useShowValue } from '../../components/useShowValue';
import { useShowError } from '../../errors';
import { formatDateTime } from '../../format';
import { useRequest } from '../../hooks/useRequest';
import { useI18n } from '../../i18n';
import { ApplicationStateTag, InstantTag } from '../policy-applications/shared/StateTag';
import { ApplicationTimeline } from '../policy-applications/shared/Timeline';
import type { ApplicationDetail } from '../policy-applications/shared/types';
import { useShowAmount } from '../policy-applications/shared/values';
import '../policy-applications/shared/applications.css';

/** 申报详情 (portal): state, the 秒批 explanation, what was declared, materials (补正 when returned), the timeline. */
export default function PortalApplicationPage() {
  const { id } = useParams();
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const show = useShowValue();
  const amount = useShowAmount();
  const { data, error, reload } = useRequest<ApplicationDetail>(`/api/applications/${id}`);
  const [files, setFiles] = useState<Record<number, UploadFile[]>>({});
  const [busy, setBusy] = useState(false);
  if (error && !data) return <LoadError error={error} onRetry={reload} />;
  if (!data) return <PageLoading />;
  const a = data;

  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await work();
      void message.success(t('common.saved'));
      setFiles({});
      reload();
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };
  const upload = () =>
    run(async () => {
      const body = new FormData();
      for (const [index, list] of Object.entries(files))
        for (const f of list) if (f.originFileObj) body.append(`materials.${index}`, f.originFileObj, f.name);
      await api.post(`/api/applications/${a.id}/materials`, body);
    });
  const pending = Object.values(files).some((l) => l.length > 0);
  const lastReturn = [...a.events].reverse().find((e) => e.action === 'return');

  return (
    <div className="apl-stack" data-testid="portal-application">
      <Card size="small">
        <div className="apl-card-row">
          <span className="apl-card-title">{a.policy.title}</span>
          <span>
            <ApplicationStateTag state={a.state} />
            {a.instant && <InstantTag />}
          </span>
        </div>
        <div className="apl-card-meta">
          <span className="mono">{a.number}</span>
          <span>{formatDateTime(a.createdAt, lang)}</span>
        </div>
      </Card>
      {a.instant && (
        <Alert type="success" showIcon title={t('apl.instantDone')} description={a.decisionReason} data-testid="instant-result" />
      )}
      {a.state === 'refused' && <Alert type="error" showIcon title={t('apl.refusedBecause')} description={a.decisionReason} />}
      {a.state === 'returned' && (
        <Alert type="warning" showIcon title={t('apl.returnedTitle')} description={lastReturn?.comment} data-testid="returned-alert" />
      )}
      {a.benefits.map((b) => (
        <Alert
          key={b.id}
          type="success"
          showIcon
          title={t('apl.benefitLine', { amount: amount(b.amount), paidOn: b.paidOn, batch: b.paymentBatch ?? '—' })}
        />
      ))}
      <Card size="small" title={t('apl.basics')}>
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('apl.notice')}>{a.notice.title}</Descriptions.Item>
          <Descriptions.Item label={t('apl.requested')}>{amount(a.requestedAmount)}</Descriptions.Item>
          <Descriptions.Item label={t('apl.approvedAmount')}>{amount(a.approvedAmount)}</Descriptions.Item>
          {a.fields.map((f) => (
            <Descriptions.Item key={f.field} label={lang === 'zh' ? f.label : f.labelEn}>
              {show(f.declared, f.unit)}
            </Descriptions.Item>
          ))}
        </Descriptions>
      </Card>
      {a.explanation && (
        <Card size="small" title={t('apl.explanation')}>
          <EligibilityExplanation layout="compact" conditions={a.explanation.conditions} />
        </Card>
      )}
      <Card size="small" title={t('apl.materials')}>
        {a.materialSlots.map((m) => (
          <div key={m.index} style={{ marginBottom: 8 }}>
            <strong>{m.name}</strong>
            {m.required ? ' *' : ''}
            {a.materials
              .filter((f) => f.material === m.name)
              .map((f) => (
                <div key={f.id}>
                  <a href={`/api/applications/${a.id}/materials/${f.id}`}>{f.fileName}</a>
                </div>
              ))}
            {(a.state === 'returned' || a.state === 'submitted') && (
              <div data-testid={`supplement-${m.index}`}>
                <Upload
                  multiple
                  beforeUpload={() => false}
                  fileList={files[m.index] ?? []}
                  onChange={({ fileList }) => setFiles((all) => ({ ...all, [m.index]: fileList }))}
                >
                  <Button size="small" icon={<UploadOutlined />}>
                    {t('apl.supplement')}
                  </Button>
                </Upload>
              </div>
            )}
          </div>
        ))}
        {pending && (
          <Button type="primary" block loading={busy} onClick={() => void upload()} data-testid="supplement-upload">
            {t('apl.uploadMaterials')}
          </Button>
        )}
      </Card>
      <Space direction="vertical" style={{ width: '100%' }}>
        {a.actions.includes('resubmit') && (
          <Button
            type="primary"
            size="large"
            block
            loading={busy}
            onClick={() => void run(() => api.post(`/api/applications/${a.id}/resubmit`, {}))}
            data-testid="application-resubmit"
          >
            {t('apl.action.resubmit')}
          </Button>
        )}
        {a.actions.includes('withdraw') && (
          <Popconfirm title={t('apl.withdrawConfirm')} onConfirm={() => void run(() => api.post(`/api/applications/${a.id}/withdraw`, {}))}>
            <Button danger block loading={busy} data-testid="application-withdraw">
              {t('apl.action.withdraw')}
            </Button>
          </Popconfirm>
        )}
      </Space>
      <Card size="small" title={t('apl.timeline')}>
        <ApplicationTimeline events={a.events} />
      </Card>
    </div>
  );
}
