import { Checkbox, Form, Input, InputNumber, Select } from 'antd';
import { api } from '../../api';
import { FormModal } from '../../components/FormModal';
import { useI18n } from '../../i18n';
import { maxChars, required } from '../../rules';
import { useApiClientsText } from './messages';
import { CHANNELS, SCOPES, type ApiClient, type Channel, type Scope } from './types';

interface ClientForm {
  name: string;
  description?: string;
  channel: Channel;
  scopes: Scope[];
  ratePerMinute: number;
}

/** `{}` registers a new system (and the page shows its key); `{client}` edits one. */
export type ClientEditing = { client?: ApiClient } | undefined;

export function ClientFormModal({
  editing,
  onClose,
  onSaved,
}: {
  editing: ClientEditing;
  onClose: () => void;
  onSaved: (key?: string) => void;
}) {
  const { t } = useI18n();
  const text = useApiClientsText();
  const client = editing?.client;
  const save = async (values: ClientForm) => {
    const body = { ...values, description: values.description ?? '' };
    if (client) {
      await api.patch(`/api/admin/api-clients/${client.id}`, body);
      onSaved();
    } else {
      const res = await api.post<{ key: string }>('/api/admin/api-clients', body);
      onSaved(res.key);
    }
  };
  return (
    <FormModal<ClientForm>
      open={editing !== undefined}
      title={text(client ? 'edit' : 'create')}
      initialValues={client ?? { channel: 'system', scopes: ['appeals:write', 'appeals:read'], ratePerMinute: 60 }}
      onClose={onClose}
      onSubmit={save}
    >
      <Form.Item name="name" label={text('name')} rules={[required(t, text('name'))]}>
        <Input maxLength={60} data-testid="client-name" />
      </Form.Item>
      <Form.Item name="description" label={text('description')} rules={[maxChars(t, text('description'), 300)]}>
        <Input.TextArea count={{ show: true, max: 300 }} autoSize={{ minRows: 2 }} />
      </Form.Item>
      <Form.Item name="channel" label={text('channel')} rules={[required(t, text('channel'), 'select')]}>
        <Select options={CHANNELS.map((c) => ({ value: c, label: text(`channel.${c}`) }))} />
      </Form.Item>
      <Form.Item name="scopes" label={text('scopes')} rules={[required(t, text('scopes'), 'select')]}>
        <Checkbox.Group options={SCOPES.map((s) => ({ value: s, label: `${text(`scope.${s}`)}（${s}）` }))} data-testid="client-scopes" />
      </Form.Item>
      <Form.Item name="ratePerMinute" label={text('rate')} rules={[required(t, text('rate'), 'select')]}>
        <InputNumber min={1} max={100000} precision={0} style={{ width: 160 }} />
      </Form.Item>
    </FormModal>
  );
}
