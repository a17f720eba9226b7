import { Form, Input, InputNumber, Select } from 'antd';
import { api } from '../../api';
import { FormModal } from '../../components/FormModal';
import { useDepartments } from '../../hooks/useLookups';
import { useI18n } from '../../i18n';
import { maxChars, required } from '../../rules';
import { GRADES, type Category, type Grade, type ServiceItem } from '../../types';

interface ItemForm {
  categoryId: number;
  code: string;
  name: string;
  departmentId: number;
  defaultGrade: Grade;
  keywords?: string;
  description?: string;
  sortOrder?: number;
}

/** The item being edited, or a new item in `categoryId`. */
export type ItemEditing = { item?: ServiceItem; categoryId: number } | undefined;

interface Props {
  editing: ItemEditing;
  categories: Category[];
  onClose: () => void;
  onSaved: () => void;
}

/** A service item names the department responsible for it and its default grade (deadline). */
export function ItemFormModal({ editing, categories, onClose, onSaved }: Props) {
  const { t } = useI18n();
  const departments = useDepartments();
  const item = editing?.item;

  const save = async (values: ItemForm) => {
    const body = { ...values, keywords: values.keywords?.trim() ?? '', description: values.description?.trim() ?? '' };
    if (item) await api.patch(`/api/admin/taxonomy/items/${item.id}`, body);
    else await api.post('/api/admin/taxonomy/items', body);
    onSaved();
  };

  const departmentOptions = departments.filter((d) => d.active || d.id === item?.departmentId).map((d) => ({ value: d.id, label: d.name }));

  return (
    <FormModal<ItemForm>
      open={editing !== undefined}
      title={t(item ? 'taxonomy.editItem' : 'taxonomy.createItem')}
      initialValues={item ?? { categoryId: editing?.categoryId, defaultGrade: 'normal', sortOrder: 0 }}
      onClose={onClose}
      onSubmit={save}
      width={600}
    >
      <Form.Item name="categoryId" label={t('taxonomy.category')} rules={[required(t, t('taxonomy.category'), 'select')]}>
        <Select options={categories.map((c) => ({ value: c.id, label: c.name }))} />
      </Form.Item>
      <Form.Item name="code" label={t('common.code')} rules={[required(t, t('common.code'))]}>
        <Input maxLength={20} />
      </Form.Item>
      <Form.Item name="name" label={t('common.name')} rules={[required(t, t('common.name'))]}>
        <Input maxLength={60} />
      </Form.Item>
      <Form.Item name="departmentId" label={t('taxonomy.department')} rules={[required(t, t('taxonomy.department'), 'select')]}>
        <Select showSearch={{ optionFilterProp: 'label' }} options={departmentOptions} data-testid="item-department" />
      </Form.Item>
      <Form.Item name="defaultGrade" label={t('taxonomy.defaultGrade')} rules={[required(t, t('taxonomy.defaultGrade'), 'select')]}>
        <Select options={GRADES.map((grade) => ({ value: grade, label: t(`grade.${grade}`) }))} />
      </Form.Item>
      <Form.Item name="keywords" label={t('taxonomy.keywords')} extra={t('taxonomy.keywordsHint')}>
        <Input maxLength={500} />
      </Form.Item>
      <Form.Item name="description" label={t('taxonomy.description')} rules={[maxChars(t, t('taxonomy.description'), 2000)]}>
        <Input.TextArea rows={3} count={{ show: true, max: 2000 }} />
      </Form.Item>
      <Form.Item name="sortOrder" label={t('common.sortOrder')}>
        <InputNumber min={0} precision={0} style={{ width: '100%' }} />
      </Form.Item>
    </FormModal>
  );
}
