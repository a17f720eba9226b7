import { Form, Input, Select } from 'antd';
import { api } from '../../api';
import { FormModal } from '../../components/FormModal';
import { useRequest } from '../../hooks/useRequest';
import { useI18n } from '../../i18n';
import { required } from '../../rules';
import { DEPARTMENT_KINDS, type AdminUser, type Department, type DepartmentKind, type Paged } from '../../types';

interface DepartmentForm {
  code: string;
  name: string;
  kind: DepartmentKind;
  phone?: string;
  headUserId?: number | null;
}

/** The department being edited; `{}` creates a new one. */
export type DepartmentEditing = { department?: Department } | undefined;

/** The head is chosen among the department's own active users, so it can be set only once it exists. */
function HeadSelect({ department }: { department: Department }) {
  const { t } = useI18n();
  const { data, loading } = useRequest<Paged<AdminUser>>('/api/admin/users', { departmentId: department.id, active: true, pageSize: 200 });
  const options = (data?.items ?? []).map((u) => ({ value: u.id, label: t('common.withCode', { name: u.displayName, code: u.username }) }));
  // The current head keeps their name even when they have since left the department or been disabled.
  const { headUserId, headUserName } = department;
  if (headUserId !== null && !options.some((o) => o.value === headUserId))
    options.unshift({ value: headUserId, label: headUserName ?? String(headUserId) });
  return (
    <Form.Item name="headUserId" label={t('departments.head')} extra={t('departments.headHint')}>
      <Select allowClear showSearch={{ optionFilterProp: 'label' }} loading={loading} options={options} />
    </Form.Item>
  );
}

export function DepartmentFormModal({
  editing,
  onClose,
  onSaved,
}: {
  editing: DepartmentEditing;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const department = editing?.department;

  const save = async ({ phone, headUserId, ...values }: DepartmentForm) => {
    const body = { ...values, phone: phone?.trim() || null };
    if (department) await api.patch(`/api/admin/departments/${department.id}`, { ...body, headUserId: headUserId ?? null });
    else await api.post('/api/admin/departments', body);
    onSaved();
  };

  return (
    <FormModal<DepartmentForm>
      open={editing !== undefined}
      title={t(department ? 'departments.edit' : 'departments.create')}
      initialValues={department ? { ...department, phone: department.phone ?? undefined } : { kind: 'bureau' }}
      onClose={onClose}
      onSubmit={save}
    >
      <Form.Item name="code" label={t('common.code')} rules={[required(t, t('common.code'))]}>
        <Input maxLength={20} />
      </Form.Item>
      <Form.Item name="name" label={t('common.name')} rules={[required(t, t('common.name'))]}>
        <Input maxLength={60} />
      </Form.Item>
      <Form.Item name="kind" label={t('departments.kind')} rules={[required(t, t('departments.kind'), 'select')]}>
        <Select options={DEPARTMENT_KINDS.map((kind) => ({ value: kind, label: t(`departmentKind.${kind}`) }))} />
      </Form.Item>
      <Form.Item name="phone" label={t('departments.phone')}>
        <Input maxLength={30} />
      </Form.Item>
      {department && <HeadSelect department={department} />}
    </FormModal>
  );
}
