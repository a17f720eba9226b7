import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, DatePicker, Form, Input, InputNumber, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../api';
import { FormModal } from '../../components/FormModal';
import { useShowError } from '../../errors';
import { formatDateTime } from '../../format';
import { useRequest } from '../../hooks/useRequest';
import { useI18n } from '../../i18n';
import { NoticeStatusTag } from './Tags';
import type { FieldCatalogue, Material, Notice, NoticeStatus, PolicyDetail } from './types';

interface Values {
  title: string;
  body?: string;
  window: [Dayjs, Dayjs];
  materials?: Material[];
  declaredFields?: string[];
  reviewLevels: number;
  budget?: number | null;
}

/** 申报通知: the policy's application windows, their materials and declared values; officers edit in a dialog. */
export function NoticesTab({ policy, editable, onChanged }: { policy: PolicyDetail; editable: boolean; onChanged: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const catalogue = useRequest<FieldCatalogue>('/api/policy-rules/fields').data;
  const [editing, setEditing] = useState<Notice | 'new' | null>(null);
  const fieldLabel = (key: string) => {
    const f = catalogue?.fields.find((x) => x.key === key);
    return f ? (lang === 'zh' ? f.label : f.labelEn) : key;
  };

  const act = async (n: Notice, action: 'publish' | 'withdraw') => {
    try {
      await api.post(`/api/policy-notices/${n.id}/${action}`);
      void message.success(t('pol.done'));
      onChanged();
    } catch (err) {
      showError(err);
    }
  };
  const submit = async (v: Values) => {
    const body = {
      title: v.title,
      body: v.body ?? '',
      opensAt: v.window[0].toISOString(),
      closesAt: v.window[1].toISOString(),
      materials: (v.materials ?? []).filter((m) => m?.name).map((m) => ({ name: m.name, required: m.required ?? false })),
      declaredFields: v.declaredFields ?? [],
      reviewLevels: v.reviewLevels,
      budget: v.budget ?? null,
    };
    if (editing === 'new') await api.post(`/api/policies/${policy.id}/notices`, body);
    else if (editing) await api.patch(`/api/policy-notices/${editing.id}`, body);
    onChanged();
  };

  const columns: TableColumnsType<Notice> = [
    { title: t('pol.notice.title'), dataIndex: 'title' },
    {
      title: t('pol.notice.window'),
      key: 'window',
      width: 300,
      render: (_: unknown, n) => (
        <span>
          {formatDateTime(n.opensAt, lang)} ~ {formatDateTime(n.closesAt, lang)}{' '}
          {n.open ? <Tag color="processing">{t('pol.notice.open')}</Tag> : null}
        </span>
      ),
    },
    { title: t('pol.notice.reviewLevels'), dataIndex: 'reviewLevels', width: 90 },
    { title: t('pol.notice.budget'), dataIndex: 'budget', width: 120, render: (b: number | null) => b ?? '—' },
    { title: t('common.status'), dataIndex: 'status', width: 90, render: (s: NoticeStatus) => <NoticeStatusTag status={s} /> },
    ...(editable
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 200,
            render: (_: unknown, n: Notice) => (
              <Space size={0}>
                {n.status !== 'withdrawn' && (
                  <Button type="link" onClick={() => setEditing(n)} data-testid="notice-edit">
                    {t('common.edit')}
                  </Button>
                )}
                {n.status === 'draft' && (
                  <Button type="link" onClick={() => void act(n, 'publish')} data-testid="notice-publish">
                    {t('pol.notice.publish')}
                  </Button>
                )}
                {n.status === 'published' && (
                  <Button type="link" danger onClick={() => void act(n, 'withdraw')}>
                    {t('pol.notice.withdraw')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]
      : []),
  ];

  const initial: Partial<Values> =
    editing && editing !== 'new'
      ? {
          title: editing.title,
          body: editing.body,
          window: [dayjs(editing.opensAt), dayjs(editing.closesAt)],
          materials: editing.materials,
          declaredFields: editing.declaredFields,
          reviewLevels: editing.reviewLevels,
          budget: editing.budget,
        }
      : { reviewLevels: 1, materials: [{ name: '项目申报表', required: true }], declaredFields: [] };

  return (
    <>
      {editable && (
        <Button
          type="primary"
          icon={<PlusOutlined />}
          style={{ marginBottom: 12 }}
          onClick={() => setEditing('new')}
          data-testid="notice-new"
        >
          {t('pol.notice.new')}
        </Button>
      )}
      <Table<Notice>
        rowKey="id"
        size="middle"
        dataSource={policy.notices}
        columns={columns}
        pagination={false}
        locale={{ emptyText: t('pol.notice.empty') }}
        expandable={{
          expandedRowRender: (n) => (
            <div style={{ whiteSpace: 'pre-wrap' }}>
              {n.body}
              <div style={{ marginTop: 8 }}>
                {n.materials.map((m) => (
                  <Tag key={m.name} color={m.required ? 'blue' : 'default'}>
                    {m.name}
                  </Tag>
                ))}
              </div>
              <div>
                {n.declaredFields.map((f) => (
                  <Tag key={f}>{fieldLabel(f)}</Tag>
                ))}
              </div>
            </div>
          ),
        }}
      />
      <FormModal<Values>
        open={editing !== null}
        title={t(editing === 'new' ? 'pol.notice.new' : 'pol.notice.edit')}
        initialValues={initial}
        onClose={() => setEditing(null)}
        onSubmit={submit}
        width={760}
      >
        <Form.Item name="title" label={t('pol.notice.title')} rules={[{ required: true }]}>
          <Input data-testid="notice-title" />
        </Form.Item>
        <Form.Item name="window" label={t('pol.notice.window')} rules={[{ required: true }]}>
          <DatePicker.RangePicker showTime style={{ width: '100%' }} data-testid="notice-window" />
        </Form.Item>
        <Form.Item name="body" label={t('pol.notice.body')}>
          <Input.TextArea rows={5} />
        </Form.Item>
        <Form.Item label={t('pol.notice.materials')}>
          <Form.List name="materials">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline">
                    <Form.Item name={[f.name, 'name']} rules={[{ required: true }]}>
                      <Input placeholder={t('pol.notice.materialName')} aria-label={t('pol.notice.materialName')} style={{ width: 360 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'required']} valuePropName="checked">
                      <Checkbox>{t('pol.notice.required')}</Checkbox>
                    </Form.Item>
                    <MinusCircleOutlined onClick={() => remove(f.name)} />
                  </Space>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', required: true })}>
                  {t('pol.notice.addMaterial')}
                </Button>
              </>
            )}
          </Form.List>
        </Form.Item>
        <Form.Item name="declaredFields" label={t('pol.notice.declaredFields')}>
          <Select
            mode="multiple"
            options={(catalogue?.fields ?? []).map((f) => ({ value: f.key, label: lang === 'zh' ? f.label : f.labelEn }))}
          />
        </Form.Item>
        <Space size="large">
          <Form.Item name="reviewLevels" label={t('pol.notice.reviewLevels')} rules={[{ required: true }]}>
            <InputNumber min={1} max={5} />
          </Form.Item>
          <Form.Item name="budget" label={t('pol.notice.budget')}>
            <InputNumber min={0} style={{ width: 160 }} />
          </Form.Item>
        </Space>
      </FormModal>
    </>
  );
}
