import { Form, Input, InputNumber } from 'antd';
import { api } from '../../api';
import { FormModal } from '../../components/FormModal';
import { useI18n } from '../../i18n';
import { required } from '../../rules';
import type { Category } from '../../types';

interface CategoryForm {
  code: string;
  name: string;
  sortOrder?: number;
}

/** The category being edited; `{}` creates a new one. */
export type CategoryEditing = { category?: Category } | undefined;

export function CategoryFormModal({ editing, onClose, onSaved }: { editing: CategoryEditing; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const category = editing?.category;

  const save = async (values: CategoryForm) => {
    if (category) await api.patch(`/api/admin/taxonomy/categories/${category.id}`, values);
    else await api.post('/api/admin/taxonomy/categories', values);
    onSaved();
  };

  return (
    <FormModal<CategoryForm>
      open={editing !== undefined}
      title={t(category ? 'taxonomy.editCategory' : 'taxonomy.createCategory')}
      initialValues={category ?? { sortOrder: 0 }}
      onClose={onClose}
      onSubmit={save}
    >
      <Form.Item name="code" label={t('common.code')} rules={[required(t, t('common.code'))]}>
        <Input maxLength={20} />
      </Form.Item>
      <Form.Item name="name" label={t('common.name')} rules={[required(t, t('common.name'))]}>
        <Input maxLength={60} />
      </Form.Item>
      <Form.Item name="sortOrder" label={t('common.sortOrder')}>
        <InputNumber min={0} precision={0} style={{ width: '100%' }} />
      </Form.Item>
    </FormModal>
  );
}
