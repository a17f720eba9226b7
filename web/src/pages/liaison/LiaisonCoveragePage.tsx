import { App, Button, Card, Checkbox, Col, Form, Row, Select, Space, Statistic, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { api, type Answer } from '../../api';
import { FormModal } from '../../components/FormModal';
import { LoadError } from '../../components/LoadError';
import { IndustrySelect } from '../../components/IndustrySelect';
import { PageHeader } from '../../components/PageHeader';
import { useShowError } from '../../errors';
import { useStreets } from '../../hooks/useLookups';
import { useRequest } from '../../hooks/useRequest';
import { usePagedList } from '../../hooks/usePagedList';
import { ListTable } from '../../components/ListTable';
import { useI18n } from '../../i18n';
import { required } from '../../rules';
import { SCALES, type Items, type Overview, type Scale } from '../../types';
import { TIERS, type Coverage, type LiaisonUser, type Tier } from './types';

interface BulkValues {
  streetId?: number;
  industry?: string;
  scale?: Scale;
  tag?: string;
  keyOnly: boolean;
  onlyUnassigned: boolean;
  tier: Tier;
  userIds: number[];
}

/** Who may be named for a tier: leaders, department heads (handler accounts), cadres. */
export function useLiaisonUsers(): LiaisonUser[] {
  return useRequest<Items<LiaisonUser>>('/api/liaisons/cadres').data?.items ?? [];
}

export function userOptions(users: LiaisonUser[]) {
  return users.map((u) => ({ value: u.id, label: `${u.name}（${u.unit ?? u.role}，${u.enterprises}）` }));
}

/** 挂点覆盖: every key enterprise without a liaison, counts by street and tier, and assignment in bulk or one by one. */
const SPEC = { streetId: 'number' } as const;

export default function LiaisonCoveragePage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const streets = useStreets();
  const tags = useRequest<Overview>('/api/overview').data?.byTag ?? [];
  const users = useLiaisonUsers();
  const list = usePagedList<Coverage, typeof SPEC>('/api/liaisons/coverage', SPEC, { total: (c) => c.uncovered.total });
  const { data, error, reload, loading } = list;
  const { streetId } = list.filters;
  const [form] = Form.useForm<BulkValues>();
  const [busy, setBusy] = useState(false);
  const [assigning, setAssigning] = useState<{ id: number; name: string }>();

  const bulk = async (v: BulkValues) => {
    setBusy(true);
    try {
      const filter = { streetId: v.streetId, industry: v.industry, scale: v.scale, tag: v.tag, keyOnly: v.keyOnly };
      const r = await api.post<Answer<'/api/liaisons/bulk-assign', 'post'>>('/api/liaisons/bulk-assign', {
        filter,
        tier: v.tier,
        userIds: v.userIds,
        onlyUnassigned: v.onlyUnassigned,
      });
      void message.success(t('liaison.bulkDone', r));
      reload();
    } catch (err) {
      showError(err, form);
    } finally {
      setBusy(false);
    }
  };

  const columns: TableColumnsType<Coverage['uncovered']['items'][number]> = [
    { title: t('enterprise.name'), dataIndex: 'name' },
    { title: t('enterprise.uscc'), dataIndex: 'uscc', width: 190, render: (v: string) => <span className="mono">{v}</span> },
    { title: t('liaison.street'), dataIndex: 'streetName', width: 120 },
    { title: t('enterprise.industry'), dataIndex: 'industryCode', width: 90 },
    { title: t('enterprise.scale'), dataIndex: 'scale', width: 80, render: (s: Scale) => t(`scale.${s}`) },
    {
      title: t('common.actions'),
      key: 'a',
      width: 110,
      render: (_, e) => (
        <Button size="small" onClick={() => setAssigning({ id: e.id, name: e.name })} data-testid={`assign-${e.id}`}>
          {t('liaison.assignOne')}
        </Button>
      ),
    },
  ];

  if (error && !data) return <LoadError error={error} onRetry={reload} />;
  return (
    <>
      <PageHeader title={t('menu.liaison-coverage')} />
      <Row gutter={16} className="filter-bar">
        <Col span={6}>
          <Card>
            <Statistic title={t('liaison.keyEnterprises')} value={data?.totals.keyEnterprises ?? 0} />
          </Card>
        </Col>
        <Col span={6}>
          <Card>
            <Statistic title={t('liaison.covered')} value={data?.totals.covered ?? 0} />
          </Card>
        </Col>
        <Col span={6}>
          <Card>
            <Statistic
              title={t('liaison.uncovered')}
              value={data?.totals.uncovered ?? 0}
              valueStyle={{ color: data?.totals.uncovered ? '#cf1322' : undefined }}
            />
          </Card>
        </Col>
        <Col span={6}>
          <Card size="small" title={t('liaison.byTier')} data-testid="coverage-tiers">
            {(data?.byTier ?? []).map((x) => (
              <div key={x.tier}>
                {t(`liaison.tier.${x.tier}`)}：{x.enterprises}（{x.cadres}）
              </div>
            ))}
          </Card>
        </Col>
      </Row>

      <Card title={t('liaison.bulkTitle')} className="filter-bar">
        <p>{t('liaison.bulkHint')}</p>
        <Form<BulkValues>
          form={form}
          layout="inline"
          initialValues={{ keyOnly: true, onlyUnassigned: true, tier: 'special_group' }}
          onFinish={(v) => void bulk(v)}
          data-testid="bulk-form"
        >
          <Form.Item name="streetId">
            <Select
              allowClear
              placeholder={t('liaison.street')}
              aria-label={t('liaison.street')}
              style={{ width: 140 }}
              options={streets.map((s) => ({ value: s.id, label: s.name }))}
              data-testid="bulk-street"
            />
          </Form.Item>
          <Form.Item name="industry">
            <IndustrySelect placeholder={t('liaison.industry')} style={{ width: 180 }} data-testid="bulk-industry" />
          </Form.Item>
          <Form.Item name="scale">
            <Select
              allowClear
              placeholder={t('enterprise.scale')}
              aria-label={t('enterprise.scale')}
              style={{ width: 110 }}
              options={SCALES.map((s) => ({ value: s, label: t(`scale.${s}`) }))}
            />
          </Form.Item>
          <Form.Item name="tag">
            <Select
              allowClear
              placeholder={t('enterprise.tags')}
              aria-label={t('enterprise.tags')}
              style={{ width: 140 }}
              options={tags.map((x) => ({ value: x.tag, label: x.tag }))}
            />
          </Form.Item>
          <Form.Item name="keyOnly" valuePropName="checked">
            <Checkbox>{t('liaison.keyOnly')}</Checkbox>
          </Form.Item>
          <Form.Item name="tier" rules={[required(t, t('liaison.tier'), 'select')]}>
            <Select
              style={{ width: 160 }}
              aria-label={t('liaison.tier')}
              options={TIERS.map((x) => ({ value: x, label: t(`liaison.tier.${x}`) }))}
              data-testid="bulk-tier"
            />
          </Form.Item>
          <Form.Item name="userIds" rules={[required(t, t('liaison.users'), 'select')]}>
            <Select
              mode="multiple"
              showSearch
              optionFilterProp="label"
              placeholder={t('liaison.users')}
              aria-label={t('liaison.users')}
              style={{ width: 320 }}
              options={userOptions(users)}
              data-testid="bulk-users"
            />
          </Form.Item>
          <Form.Item name="onlyUnassigned" valuePropName="checked">
            <Checkbox>{t('liaison.onlyUnassigned')}</Checkbox>
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="bulk-submit">
            {t('liaison.assign')}
          </Button>
        </Form>
      </Card>

      <Card title={t('liaison.byStreet')} className="filter-bar">
        <Table
          size="small"
          rowKey={(s) => String(s.streetId)}
          pagination={false}
          dataSource={data?.byStreet ?? []}
          data-testid="coverage-streets"
          columns={[
            { title: t('liaison.street'), dataIndex: 'name' },
            { title: t('liaison.keyEnterprises'), dataIndex: 'keyEnterprises' },
            { title: t('liaison.covered'), dataIndex: 'covered' },
            { title: t('liaison.uncovered'), dataIndex: 'uncovered' },
          ]}
        />
      </Card>

      <Card
        title={t('liaison.uncoveredList')}
        extra={
          <Space>
            <Select
              allowClear
              placeholder={t('liaison.street')}
              aria-label={t('liaison.street')}
              style={{ width: 140 }}
              value={streetId}
              onChange={(v?: number) => list.setFilters({ streetId: v })}
              options={streets.map((s) => ({ value: s.id, label: s.name }))}
            />
          </Space>
        }
      >
        <ListTable
          rowKey="id"
          size="small"
          loading={loading}
          columns={columns}
          dataSource={data?.uncovered.items ?? []}
          data-testid="coverage-uncovered"
          scroll={{ x: 760 }}
          paging={list}
          total={list.total}
        />
      </Card>

      <FormModal<{ userId: number; tier: Tier }>
        open={assigning !== undefined}
        title={`${t('liaison.assignOne')}：${assigning?.name ?? ''}`}
        initialValues={{ tier: 'special_group' }}
        onClose={() => setAssigning(undefined)}
        onSubmit={async (v) => {
          await api.put(`/api/liaisons/enterprises/${assigning!.id}`, v);
          reload();
        }}
      >
        <Form.Item name="tier" label={t('liaison.tier')} rules={[required(t, t('liaison.tier'), 'select')]}>
          <Select options={TIERS.map((x) => ({ value: x, label: t(`liaison.tier.${x}`) }))} />
        </Form.Item>
        <Form.Item name="userId" label={t('liaison.cadre')} rules={[required(t, t('liaison.cadre'), 'select')]}>
          <Select showSearch optionFilterProp="label" options={userOptions(users)} data-testid="assign-user" />
        </Form.Item>
      </FormModal>
    </>
  );
}
