import { PlayCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Popconfirm, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { api } from '../../api';
import { EligibilityExplanation } from '../../components/EligibilityExplanation';
import { FormModal } from '../../components/FormModal';
import { useShowValue } from '../../components/useShowValue';
import { useShowError } from '../../errors';
import { useRequest } from '../../hooks/useRequest';
import { useI18n } from '../../i18n';
import { ELIGIBILITIES, type CaseRun, type Eligibility, type FieldCatalogue, type Rule, type RuleCase } from './types';

interface Values {
  name: string;
  expected: Eligibility;
  profile: string;
}
const COLOR: Record<Eligibility, string> = { eligible: 'success', ineligible: 'error', unknown: 'warning' };

/** Test cases kept with the rule: given this profile, this outcome; run against the rule in the editor. */
export function CasesPanel({
  policyId,
  rule,
  editable,
  catalogue,
}: {
  policyId: number;
  rule: Rule | null;
  editable: boolean;
  catalogue: FieldCatalogue;
}) {
  const { t, lang } = useI18n();
  const showError = useShowError();
  const show = useShowValue();
  const cases = useRequest<{ items: RuleCase[] }>(`/api/policies/${policyId}/rule-cases`);
  const [run, setRun] = useState<CaseRun | null>(null);
  const [running, setRunning] = useState(false);
  const [editing, setEditing] = useState<RuleCase | 'new' | null>(null);
  const label = (key: string) => {
    const f = catalogue.fields.find((x) => x.key === key);
    return f ? (lang === 'zh' ? f.label : f.labelEn) : key;
  };

  const runAll = async () => {
    if (!rule) return;
    setRunning(true);
    try {
      setRun(await api.post<CaseRun>(`/api/policies/${policyId}/rule-cases/run`, { rule }));
    } catch (err) {
      showError(err);
    } finally {
      setRunning(false);
    }
  };
  const submit = async (v: Values) => {
    let profile: unknown;
    try {
      profile = JSON.parse(v.profile || '{}');
    } catch {
      profile = null;
    }
    if (typeof profile !== 'object' || profile === null || Array.isArray(profile)) throw new Error(t('pol.case.profileInvalid'));
    const body = { name: v.name, expected: v.expected, profile };
    if (editing === 'new') await api.post(`/api/policies/${policyId}/rule-cases`, body);
    else if (editing) await api.put(`/api/policies/${policyId}/rule-cases/${editing.id}`, body);
    setRun(null);
    cases.reload();
  };
  const drop = async (c: RuleCase) => {
    try {
      await api.delete(`/api/policies/${policyId}/rule-cases/${c.id}`);
      setRun(null);
      cases.reload();
    } catch (err) {
      showError(err);
    }
  };

  const resultOf = (id: number) => run?.results.find((r) => r.id === id);
  const columns: TableColumnsType<RuleCase> = [
    { title: t('pol.case.name'), dataIndex: 'name', width: 180 },
    {
      title: t('pol.case.profile'),
      dataIndex: 'profile',
      render: (p: Record<string, unknown>) => (
        <Typography.Text style={{ fontSize: 12 }}>
          {Object.entries(p)
            .map(([k, v]) => `${label(k)}：${show(v)}`)
            .join('；') || '—'}
        </Typography.Text>
      ),
    },
    {
      title: t('pol.case.expected'),
      dataIndex: 'expected',
      width: 100,
      render: (e: Eligibility) => <Tag color={COLOR[e]}>{t(`pol.elig.${e}`)}</Tag>,
    },
    {
      title: t('pol.case.actual'),
      key: 'actual',
      width: 170,
      render: (_: unknown, c) => {
        const r = resultOf(c.id);
        return r ? (
          <Space size={4}>
            <Tag color={COLOR[r.actual]}>{t(`pol.elig.${r.actual}`)}</Tag>
            <Tag color={r.pass ? 'green' : 'red'} data-testid="case-result">
              {t(r.pass ? 'pol.case.pass' : 'pol.case.fail')}
            </Tag>
          </Space>
        ) : (
          '—'
        );
      },
    },
    ...(editable
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 140,
            render: (_: unknown, c: RuleCase) => (
              <Space size={0}>
                <Button type="link" onClick={() => setEditing(c)}>
                  {t('common.edit')}
                </Button>
                <Popconfirm title={t('pol.confirmDelete', { name: c.name })} onConfirm={() => void drop(c)}>
                  <Button type="link" danger>
                    {t('pol.delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];

  const initial: Partial<Values> =
    editing && editing !== 'new'
      ? { name: editing.name, expected: editing.expected, profile: JSON.stringify(editing.profile, null, 1) }
      : { expected: 'eligible', profile: '{\n "scale": "small"\n}' };

  return (
    <Card
      size="small"
      title={t('pol.case.title')}
      extra={
        <Space>
          {run && (
            <Typography.Text data-testid="cases-summary">
              {t('pol.case.result', { passed: run.passed, failed: run.failed })}
            </Typography.Text>
          )}
          <Button
            icon={<PlayCircleOutlined />}
            loading={running}
            disabled={!rule}
            onClick={() => void runAll()}
            data-testid="rule-cases-run"
          >
            {t('pol.case.run')}
          </Button>
          {editable && (
            <Button icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="rule-case-new">
              {t('pol.case.new')}
            </Button>
          )}
        </Space>
      }
    >
      <Table<RuleCase>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={cases.data?.items}
        columns={columns}
        locale={{ emptyText: t('pol.case.empty') }}
        expandable={{
          rowExpandable: (c) => resultOf(c.id) !== undefined,
          expandedRowRender: (c) => (
            <EligibilityExplanation layout="table" conditions={resultOf(c.id)?.conditions ?? []} fields={catalogue.fields} />
          ),
        }}
      />
      <FormModal<Values>
        open={editing !== null}
        title={t(editing === 'new' ? 'pol.case.new' : 'pol.case.edit')}
        initialValues={initial}
        onClose={() => setEditing(null)}
        onSubmit={submit}
        width={640}
      >
        <Form.Item name="name" label={t('pol.case.name')} rules={[{ required: true }]}>
          <Input data-testid="case-name" />
        </Form.Item>
        <Form.Item name="expected" label={t('pol.case.expected')} rules={[{ required: true }]}>
          <Select options={ELIGIBILITIES.map((e) => ({ value: e, label: t(`pol.elig.${e}`) }))} data-testid="case-expected" />
        </Form.Item>
        <Form.Item name="profile" label={t('pol.case.profile')}>
          <Input.TextArea rows={8} style={{ fontFamily: 'monospace' }} data-testid="case-profile" />
        </Form.Item>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {catalogue.fields.map((f) => `${f.key}: ${lang === 'zh' ? f.label : f.labelEn}`).join(' · ')}
        </Typography.Text>
      </FormModal>
    </Card>
  );
}
