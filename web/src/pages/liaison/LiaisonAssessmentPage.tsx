import { App, Button, Card, Form, InputNumber, Space, Table, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api } from '../../api';
import { useAuth } from '../../auth/AuthContext';
import { DownloadButton } from '../../components/DownloadButton';
import { ListTable } from '../../components/ListTable';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { PeriodPicker, type Period } from '../../components/PeriodPicker';
import { useShowError } from '../../errors';
import { todayInShanghai } from '../../format';
import { useListParams } from '../../hooks/usePagedList';
import { useRequest } from '../../hooks/useRequest';
import { useI18n } from '../../i18n';
import { AssessmentDrawer, termFigure } from './AssessmentDrawer';
import type { Assessment, CadreScore, Weights } from './types';

const TERMS = ['visits', 'onTime', 'satisfaction', 'warnings'] as const;

function WeightsCard({ weights, onSaved }: { weights: Weights; onSaved: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<Weights>();
  const save = async (v: Weights) => {
    try {
      await api.put('/api/admin/settings/liaison-assessment', v);
      void message.success(t('common.saved'));
      onSaved();
    } catch (err) {
      showError(err, form);
    }
  };
  return (
    <Card size="small" title={t('liaison.weights')} className="filter-bar">
      <p>{t('liaison.weightsHint')}</p>
      <Form<Weights> form={form} layout="inline" initialValues={weights} onFinish={(v) => void save(v)} data-testid="weights-form">
        {TERMS.map((k) => (
          <Form.Item key={k} name={k} label={t(`liaison.weight.${k}`)}>
            <InputNumber min={0} max={100} precision={0} style={{ width: 80 }} />
          </Form.Item>
        ))}
        <Button type="primary" htmlType="submit">
          {t('common.save')}
        </Button>
      </Form>
    </Card>
  );
}

/** 双考核: scores and rankings of cadres and their units from the service data; Excel export. */
export default function LiaisonAssessmentPage() {
  const { t } = useI18n();
  const { user } = useAuth();
  // This month so far, by the district's calendar.
  const [period, setPeriod] = useState<Period>(() => ({
    from: dayjs(todayInShanghai()).startOf('month').format('YYYY-MM-DD'),
    to: todayInShanghai(),
  }));
  const { data, error, reload, loading } = useRequest<Assessment>('/api/liaisons/assessment', { ...period });
  const paging = useListParams({}, { pageSize: 50, prefix: 'cadres.' });
  const [open, setOpen] = useState<number>();
  if (error && !data) return <LoadError error={error} onRetry={reload} />;

  const columns: TableColumnsType<CadreScore> = [
    { title: t('liaison.rank'), dataIndex: 'rank', width: 60, render: (v: number | null) => v ?? '—' },
    { title: t('liaison.cadre'), dataIndex: 'name', width: 100 },
    { title: t('liaison.unit'), dataIndex: 'unit', render: (v: string | null) => v ?? '—' },
    { title: t('liaison.enterprises'), dataIndex: 'enterprises', width: 90 },
    // One column per term, headed with its weight: the raw figure, then the points it gives.
    ...TERMS.map((k, i) => ({
      title: t('liaison.termHeader', { name: t(`liaison.term.${k}`), weight: data?.weights[k] ?? '—' }),
      key: k,
      width: 170,
      render: (_: unknown, c: CadreScore) => {
        const term = c.terms[i]!;
        return (
          <span data-testid={`term-${k}`}>
            {termFigure(term, t)}
            {term.status === 'counted' && (
              <>
                <br />
                <Typography.Text type="secondary">{t('liaison.termPoints', { points: term.points.toFixed(1) })}</Typography.Text>
              </>
            )}
          </span>
        );
      },
    })),
    {
      title: t('liaison.score'),
      dataIndex: 'score',
      width: 80,
      render: (v: number | null, c) => (
        <Button type="link" size="small" data-testid="assessment-score" onClick={() => setOpen(c.userId)}>
          {v === null ? '—' : v.toFixed(1)}
        </Button>
      ),
    },
  ];
  return (
    <>
      <PageHeader
        title={t('menu.liaison-assessment')}
        extra={
          <Space>
            <PeriodPicker value={period} onChange={setPeriod} />
            <DownloadButton path="/api/liaisons/assessment.xlsx" query={{ ...period }} data-testid="assessment-export">
              {t('analysis.export')}
            </DownloadButton>
          </Space>
        }
      />
      {user?.role === 'admin' && data && <WeightsCard key={JSON.stringify(data.weights)} weights={data.weights} onSaved={reload} />}
      {data && (
        <p>
          {t('liaison.termsUsed', { terms: data.termsUsed.map((k) => t(`liaison.weight.${k}`)).join('、') })} {t('liaison.noDataPolicy')}
        </p>
      )}
      <AssessmentDrawer userId={open} period={period} onClose={() => setOpen(undefined)} />
      <Card size="small" title={t('liaison.cadreRanking')} className="filter-bar">
        <ListTable<CadreScore>
          size="small"
          rowKey="userId"
          loading={loading}
          columns={columns}
          dataSource={data?.cadres ?? []}
          data-testid="assessment-cadres"
          scroll={{ x: 1200 }}
          paging={paging}
          sizeChanger={false}
        />
      </Card>
      <Card size="small" title={t('liaison.unitRanking')}>
        <Table
          size="small"
          rowKey={(u) => String(u.departmentId)}
          loading={loading}
          pagination={false}
          dataSource={data?.units ?? []}
          data-testid="assessment-units"
          columns={[
            { title: t('liaison.rank'), dataIndex: 'rank', width: 60, render: (v: number | null) => v ?? '—' },
            { title: t('liaison.unit'), dataIndex: 'name' },
            { title: t('liaison.cadres'), dataIndex: 'cadres', width: 100 },
            { title: t('liaison.score'), dataIndex: 'score', width: 80, render: (v: number | null) => (v === null ? '—' : v.toFixed(1)) },
          ]}
        />
      </Card>
    </>
  );
}
