import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import { useTaxonomy } from '../hooks/useLookups';
import { useI18n } from '../i18n';

interface Props {
  /** From Form.Item, so its label names this field. */
  id?: string;
  value?: number;
  onChange?: (value: number | undefined) => void;
  placeholder?: string;
  'data-testid'?: string;
}

/**
 * A service item from the taxonomy (category → item), searchable by name, keyword or department;
 * each item shows the department responsible for it. A form control (value / onChange).
 */
export function ServiceItemPicker({ id, value, onChange, placeholder, 'data-testid': testId }: Props) {
  const { t } = useI18n();
  const categories = useTaxonomy();
  const treeData = useMemo(
    () =>
      categories
        .filter((c) => c.active)
        .map((c) => ({
          value: `category-${c.id}`,
          title: c.name,
          label: c.name,
          selectable: false,
          search: c.name,
          children: c.items
            .filter((i) => i.active)
            .map((i) => ({
              value: i.id,
              label: i.name,
              search: `${c.name} ${i.name} ${i.keywords} ${i.departmentName}`,
              title: (
                <span className="item-option">
                  <span>{i.name}</span>
                  <span className="item-option-dept">{i.departmentName}</span>
                </span>
              ),
            })),
        })),
    [categories],
  );

  // Until the taxonomy is there the tree would show the bare item id as the value: show it loading instead.
  const loading = categories.length === 0;
  return (
    <TreeSelect<number>
      id={id}
      allowClear
      loading={loading}
      value={loading ? undefined : value}
      onChange={(next) => onChange?.(next ?? undefined)}
      treeData={treeData}
      treeNodeLabelProp="label"
      showSearch={{ filterTreeNode: (input, node) => String(node.search ?? '').includes(input.trim()) }}
      placeholder={loading ? t('common.loading') : (placeholder ?? t('appeal.serviceItemPlaceholder'))}
      listHeight={320}
      data-testid={testId}
    />
  );
}
