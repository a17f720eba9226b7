import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, Row, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { ActiveToggle, StatusTag } from '../../components/ActiveToggle';
import { PageHeader } from '../../components/PageHeader';
import { usePatch } from '../../hooks/usePatch';
import { useRequest } from '../../hooks/useRequest';
import { useI18n } from '../../i18n';
import type { Category, Grade, ServiceItem, Taxonomy } from '../../types';
import { CategoryFormModal, type CategoryEditing } from './CategoryFormModal';
import { ItemFormModal, type ItemEditing } from './ItemFormModal';
import './taxonomy.css';

const GRADE_COLORS: Record<Grade, string> = { normal: 'blue', urgent: 'red', complex: 'purple' };

/** 诉求分类: categories on the left, the chosen category's service items on the right. */
export default function TaxonomyPage() {
  const { t } = useI18n();
  const { data, error, loading, reload } = useRequest<Taxonomy>('/api/taxonomy');
  const [selectedId, setSelectedId] = useState<number>();
  const [editingCategory, setEditingCategory] = useState<CategoryEditing>();
  const [editingItem, setEditingItem] = useState<ItemEditing>();
  const patch = usePatch(reload);

  const categories = data?.categories ?? [];
  const selected = categories.find((c) => c.id === selectedId) ?? categories[0];

  const categoryColumns: TableColumnsType<Category> = [
    { title: t('common.name'), dataIndex: 'name', render: (name: string, c) => <span title={c.code}>{name}</span> },
    { title: t('taxonomy.items'), key: 'count', width: 80, render: (_, c) => c.items.length },
    { title: t('common.status'), dataIndex: 'active', width: 90, render: (active: boolean) => <StatusTag active={active} /> },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 130,
      render: (_, category) => (
        <Space size={0} onClick={(e) => e.stopPropagation()}>
          <Button type="link" size="small" onClick={() => setEditingCategory({ category })}>
            {t('common.edit')}
          </Button>
          <ActiveToggle
            name={category.name}
            active={category.active}
            onChange={(active) => patch(`/api/admin/taxonomy/categories/${category.id}`, { active })}
          />
        </Space>
      ),
    },
  ];

  const itemColumns: TableColumnsType<ServiceItem> = [
    { title: t('common.code'), dataIndex: 'code', width: 110 },
    { title: t('common.name'), dataIndex: 'name', width: 200 },
    { title: t('taxonomy.department'), dataIndex: 'departmentName', width: 160 },
    {
      title: t('taxonomy.defaultGrade'),
      dataIndex: 'defaultGrade',
      width: 150,
      render: (grade: Grade) => <Tag color={GRADE_COLORS[grade]}>{t(`grade.${grade}`)}</Tag>,
    },
    { title: t('taxonomy.keywords'), dataIndex: 'keywords', ellipsis: true },
    { title: t('common.status'), dataIndex: 'active', width: 90, render: (active: boolean) => <StatusTag active={active} /> },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 130,
      fixed: 'right',
      render: (_, item) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setEditingItem({ item, categoryId: item.categoryId })}>
            {t('common.edit')}
          </Button>
          <ActiveToggle
            name={item.name}
            active={item.active}
            onChange={(active) => patch(`/api/admin/taxonomy/items/${item.id}`, { active })}
          />
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('menu.admin-taxonomy')} />
      {error && <Alert type="error" showIcon title={error.message} className="filter-bar" />}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={9}>
          <Card
            size="small"
            title={t('taxonomy.categories')}
            extra={
              <Button
                size="small"
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setEditingCategory({})}
                data-testid="create-category"
              >
                {t('taxonomy.createCategory')}
              </Button>
            }
          >
            <Table<Category>
              rowKey="id"
              size="small"
              loading={loading}
              dataSource={categories}
              columns={categoryColumns}
              pagination={false}
              rowClassName={(c) => (c.id === selected?.id ? 'taxonomy-selected' : 'taxonomy-row')}
              onRow={(c) => ({ onClick: () => setSelectedId(c.id) })}
            />
          </Card>
        </Col>
        <Col xs={24} xl={15}>
          <Card
            size="small"
            title={selected ? t('taxonomy.itemsOf', { name: selected.name }) : t('taxonomy.items')}
            extra={
              selected && (
                <Button
                  size="small"
                  type="primary"
                  icon={<PlusOutlined />}
                  onClick={() => setEditingItem({ categoryId: selected.id })}
                  data-testid="create-item"
                >
                  {t('taxonomy.createItem')}
                </Button>
              )
            }
          >
            {selected ? (
              <Table<ServiceItem>
                rowKey="id"
                size="small"
                loading={loading}
                dataSource={selected.items}
                columns={itemColumns}
                pagination={false}
                scroll={{ x: 960 }}
                expandable={{ expandedRowRender: (item) => item.description, rowExpandable: (item) => item.description !== '' }}
              />
            ) : (
              <Empty description={t('taxonomy.pickCategory')} />
            )}
          </Card>
        </Col>
      </Row>
      <CategoryFormModal editing={editingCategory} onClose={() => setEditingCategory(undefined)} onSaved={reload} />
      <ItemFormModal editing={editingItem} categories={categories} onClose={() => setEditingItem(undefined)} onSaved={reload} />
    </>
  );
}
