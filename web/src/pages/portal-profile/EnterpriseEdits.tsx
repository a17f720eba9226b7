import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, Form, Input, List, Select, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api';
import { useShowError } from '../../errors';
import { formatDateTime } from '../../format';
import { useRequest } from '../../hooks/useRequest';
import { useMe } from '../../auth/AuthContext';
import { useI18n } from '../../i18n';
import type { Enterprise } from '../../types';
import { STATUS_COLOR, type ChangeRequest } from '../enterprises-changes/changes';

interface ContactForm {
  name: string;
  title?: string | null;
  mobile?: string | null;
  email?: string | null;
  primary?: boolean;
}

/** A 经办人 sees the contacts; their mobiles vouch for registrants, so only the 企业管理员 edits them. */
function ContactsList({ items }: { items: ContactForm[] }) {
  const { t } = useI18n();
  return (
    <Card title={t('efile.contacts')} size="small" data-testid="portal-contacts">
      <Typography.Paragraph type="secondary" data-testid="contacts-admin-only">
        {t('efile.contact.adminOnly')}
      </Typography.Paragraph>
      <List
        size="small"
        dataSource={items}
        renderItem={(c) => (
          <List.Item>
            <Space wrap>
              <span>{c.name}</span>
              {c.title && <Typography.Text type="secondary">{c.title}</Typography.Text>}
              {c.mobile && <span>{c.mobile}</span>}
              {c.email && <span>{c.email}</span>}
              {c.primary && <Tag color="blue">{t('efile.contact.primary')}</Tag>}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}

/** The enterprise's administrator keeps its contacts (saved as a whole); others only read them. */
export function ContactsEditor({ enterprise }: { enterprise: Enterprise }) {
  const me = useMe();
  const { data } = useRequest<{ items: ContactForm[] }>(`/api/enterprises/${enterprise.id}/contacts`);
  if (me.enterpriseRole !== 'admin') return <ContactsList items={data?.items ?? []} />;
  return <ContactsForm items={data?.items} />;
}

function ContactsForm({ items }: { items: ContactForm[] | undefined }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<{ items: ContactForm[] }>();
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (items)
      form.setFieldsValue({ items: items.map(({ name, title, mobile, email, primary }) => ({ name, title, mobile, email, primary })) });
  }, [items, form]);

  const save = async (values: { items?: ContactForm[] }) => {
    setSaving(true);
    try {
      await api.put('/api/enterprises/mine/contacts', { items: (values.items ?? []).map((c) => ({ ...c, primary: c.primary ?? false })) });
      void message.success(t('efile.contact.saved'));
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card title={t('efile.contacts')} size="small" data-testid="portal-contacts">
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)}>
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Card key={f.key} size="small" style={{ marginBottom: 8 }}>
                  <Form.Item name={[f.name, 'name']} label={t('efile.contact.name')} rules={[{ required: true, max: 40 }]}>
                    <Input data-testid="contact-name" />
                  </Form.Item>
                  <Form.Item name={[f.name, 'title']} label={t('efile.contact.title')} rules={[{ max: 40 }]}>
                    <Input />
                  </Form.Item>
                  <Form.Item name={[f.name, 'mobile']} label={t('efile.contact.mobile')}>
                    <Input inputMode="tel" data-testid="contact-mobile" />
                  </Form.Item>
                  <Form.Item name={[f.name, 'email']} label={t('efile.contact.email')}>
                    <Input inputMode="email" />
                  </Form.Item>
                  <Space>
                    <Form.Item name={[f.name, 'primary']} valuePropName="checked" noStyle>
                      <Checkbox>{t('efile.contact.primary')}</Checkbox>
                    </Form.Item>
                    <Button size="small" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)}>
                      {t('efile.contact.remove')}
                    </Button>
                  </Space>
                </Card>
              ))}
              <Space>
                <Button icon={<PlusOutlined />} onClick={() => add({ primary: fields.length === 0 })} data-testid="contact-add">
                  {t('efile.contact.add')}
                </Button>
                <Button type="primary" htmlType="submit" loading={saving} data-testid="contacts-save">
                  {t('common.save')}
                </Button>
              </Space>
            </>
          )}
        </Form.List>
      </Form>
    </Card>
  );
}

/** Address and legal representative: asked for here, applied once staff have verified them. */
export function ChangeRequests({ enterprise }: { enterprise: Enterprise }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<{ field: ChangeRequest['field']; value: string }>();
  const { data, reload } = useRequest<{ items: ChangeRequest[] }>('/api/enterprises/mine/change-requests');
  const [busy, setBusy] = useState(false);
  const submit = async (v: { field: ChangeRequest['field']; value: string }) => {
    setBusy(true);
    try {
      await api.post('/api/enterprises/mine/change-requests', v);
      void message.success(t('efile.change.submitted'));
      form.resetFields();
      reload();
    } catch (err) {
      showError(err, form);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('efile.change.title')} size="small" data-testid="portal-changes">
      <Typography.Paragraph type="secondary">{t('efile.change.hint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ field: 'address' }} onFinish={(v) => void submit(v)}>
        <Form.Item name="field" label={t('efile.change.field')}>
          <Select
            options={(['address', 'legal_representative'] as const).map((f) => ({ value: f, label: t(`efile.change.field.${f}`) }))}
            data-testid="change-field"
          />
        </Form.Item>
        <Form.Item noStyle shouldUpdate>
          {() => (
            <Typography.Paragraph type="secondary">
              {t('efile.change.old')}：
              {(form.getFieldValue('field') === 'legal_representative' ? enterprise.legalRepresentative : enterprise.address) ?? '—'}
            </Typography.Paragraph>
          )}
        </Form.Item>
        <Form.Item name="value" label={t('efile.change.new')} rules={[{ required: true, whitespace: true, max: 200 }]}>
          <Input data-testid="change-value" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} block data-testid="change-submit">
          {t('efile.change.submit')}
        </Button>
      </Form>
      <List
        size="small"
        style={{ marginTop: 12 }}
        dataSource={data?.items ?? []}
        renderItem={(r) => (
          <List.Item extra={<Tag color={STATUS_COLOR[r.status]}>{t(`efile.change.status.${r.status}`)}</Tag>}>
            <List.Item.Meta
              title={`${t(`efile.change.field.${r.field}`)}：${r.newValue}`}
              description={`${formatDateTime(r.requestedAt, lang)}${r.reviewNote ? ` · ${r.reviewNote}` : ''}`}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
