import { Select } from 'antd';
import type { CSSProperties } from 'react';
import { useDepartments } from '../hooks/useLookups';

interface Props<V> {
  /** From Form.Item, so its label names this field. */
  id?: string;
  value?: V;
  onChange?: (value: V) => void;
  placeholder?: string;
  /** Departments that may not be chosen here (e.g. the lead department among the assisting ones). */
  exclude?: readonly number[];
  allowClear?: boolean;
  style?: CSSProperties;
  'aria-label'?: string;
  'data-testid'?: string;
}

function useOptions(exclude: readonly number[] = []) {
  return useDepartments()
    .filter((d) => d.active && !exclude.includes(d.id))
    .map((d) => ({ value: d.id, label: d.name }));
}

/** One active department, searchable by name. A form control. */
export function DepartmentSelect({
  id,
  value,
  onChange,
  placeholder,
  exclude,
  allowClear,
  style,
  'aria-label': ariaLabel,
  'data-testid': testId,
}: Props<number | undefined>) {
  return (
    <Select<number>
      id={id}
      aria-label={ariaLabel}
      showSearch={{ optionFilterProp: 'label' }}
      allowClear={allowClear}
      style={style}
      value={value}
      onChange={(v) => onChange?.(v)}
      options={useOptions(exclude)}
      placeholder={placeholder}
      data-testid={testId}
    />
  );
}

/** Several active departments (协办). A form control. */
export function DepartmentsSelect({ id, value, onChange, placeholder, exclude, 'data-testid': testId }: Props<number[]>) {
  return (
    <Select<number[]>
      id={id}
      mode="multiple"
      showSearch={{ optionFilterProp: 'label' }}
      value={value}
      onChange={(v) => onChange?.(v)}
      options={useOptions(exclude)}
      placeholder={placeholder}
      data-testid={testId}
    />
  );
}
