import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Select, Switch, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { api } from '../../api';
import { FormModal } from '../../components/FormModal';
import { PageHeader } from '../../components/PageHeader';
import { useShowError } from '../../errors';
import { useRequest } from '../../hooks/useRequest';
import { useI18n } from '../../i18n';
import { required } from '../../rules';
import { LevelTag } from '../warnings/Tags';
import { paramsInWords, RuleParamsFields, type RuleParams } from './RuleParamsFields';
import { INDICATORS, RULE_KINDS, type Indicator, type RuleKind, type WarningLevel, type WarningRule } from '../warnings/types';

const NEEDS_INDICATOR: Record<RuleKind, boolean> = {
  yoy_drop: true,
  rolling_drop: true,
  consecutive_decline: true,
  missing: true,
  relocation_address: false,
  relocation_power: false,
};

interface RuleForm {
  name: string;
  kind: RuleKind;
  indicator?: Indicator | null;
  params: RuleParams;
  level: WarningLevel;
}

/** 预警规则: what raises a warning, at which level; the administrator tunes thresholds here. */
export default function WarningRulesPage() {
  const { t } = useI18n();
  const showError = useShowError();
  const { data, error, loading, reload } = useRequest<WarningRule[]>('/api/warning-rules');
  const [editing, setEditing] = useState<WarningRule | 'new'>();
  const [kind, setKind] = useState<RuleKind>('yoy_drop');

  const toggle = async (r: WarningRule, active: boolean) => {
    try {
      await api.patch(`/api/warning-rules/${r.id}`, { active });
      reload();
    } catch (err) {
      showError(err);
    }
  };

  const columns: TableColumnsType<WarningRule> = [
    { title: t('common.name'), dataIndex: 'name' },
    { title: t('warn.rules.kind'), dataIndex: 'kind', width: 170, render: (k: RuleKind) => t(`warn.kind.${k}`) },
    {
      title: t('warn.rules.indicator'),
      dataIndex: 'indicator',
      width: 110,
      render: (i: Indicator | null) => (i ? t(`warn.indicator.${i}`) : '—'),
    },
    {
      title: t('warn.rules.params'),
      dataIndex: 'params',
      width: 280,
      render: (_, r) => <span data-testid="rule-params">{paramsInWords(t, r)}</span>,
    },
    { title: t('warn.level'), dataIndex: 'level', width: 80, render: (l: WarningLevel) => <LevelTag level={l} /> },
    {
      title: t('common.status'),
      dataIndex: 'active',
      width: 90,
      render: (active: boolean, r) => (
        <Switch
          size="small"
          checked={active}
          aria-label={`${t('common.active')} · ${r.name}`}
          onChange={(v) => void toggle(r, v)}
          data-testid="rule-active"
        />
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 80,
      render: (_, r) => (
        <Button
          type="link"
          size="small"
          onClick={() => {
            setKind(r.kind);
            setEditing(r);
          }}
          data-testid="rule-edit"
        >
          {t('common.edit')}
        </Button>
      ),
    },
  ];

  // The form's fields are the stored JSON: one number per parameter of the kind (none for 地址迁出).
  const submit = async (v: RuleForm) => {
    const params = v.params ?? {};
    const indicator = NEEDS_INDICATOR[v.kind] ? (v.indicator ?? null) : null;
    if (editing === 'new') await api.post('/api/warning-rules', { name: v.name, kind: v.kind, indicator, params, level: v.level });
    else if (editing) await api.patch(`/api/warning-rules/${editing.id}`, { name: v.name, indicator, params, level: v.level });
    reload();
  };

  const initial: Partial<RuleForm> | undefined =
    editing === 'new'
      ? { kind: 'yoy_drop', indicator: 'output', params: { threshold: 30 }, level: 'yellow' }
      : editing && {
          name: editing.name,
          kind: editing.kind,
          indicator: editing.indicator,
          params: editing.params as RuleParams,
          level: editing.level,
        };

  return (
    <>
      <PageHeader
        title={t('menu.admin-warning-rules')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => {
              setKind('yoy_drop');
              setEditing('new');
            }}
            data-testid="rule-new"
          >
            {t('warn.rules.new')}
          </Button>
        }
      />
      {error && <Alert type="error" showIcon title={error.message} className="filter-bar" />}
      <Table<WarningRule>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={data}
        columns={columns}
        pagination={false}
        scroll={{ x: 1000 }}
      />
      <FormModal<RuleForm>
        open={editing !== undefined}
        title={editing === 'new' ? t('warn.rules.new') : t('warn.rules.edit')}
        initialValues={initial}
        onClose={() => setEditing(undefined)}
        onSubmit={submit}
        width={620}
      >
        <Form.Item name="name" label={t('common.name')} rules={[required(t, t('common.name'))]}>
          <Input maxLength={100} data-testid="field-name" />
        </Form.Item>
        <Form.Item name="kind" label={t('warn.rules.kind')} rules={[required(t, t('warn.rules.kind'), 'select')]}>
          <Select
            disabled={editing !== 'new'}
            onChange={(k: RuleKind) => setKind(k)}
            options={RULE_KINDS.map((k) => ({ value: k, label: t(`warn.kind.${k}`) }))}
          />
        </Form.Item>
        {NEEDS_INDICATOR[kind] && (
          <Form.Item name="indicator" label={t('warn.rules.indicator')} rules={[required(t, t('warn.rules.indicator'), 'select')]}>
            <Select options={INDICATORS.map((i) => ({ value: i, label: t(`warn.indicator.${i}`) }))} />
          </Form.Item>
        )}
        <RuleParamsFields kind={kind} />
        <Form.Item name="level" label={t('warn.level')} rules={[required(t, t('warn.level'), 'select')]}>
          <Select options={(['red', 'orange', 'yellow'] as const).map((l) => ({ value: l, label: t(`warn.level.${l}`) }))} />
        </Form.Item>
      </FormModal>
    </>
  );
}
