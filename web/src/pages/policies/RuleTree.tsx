import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Input, InputNumber, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { IndustryMultiSelect } from '../../components/IndustrySelect';
import { useI18n } from '../../i18n';
import { childrenOf, defaultValue, groupKind, isCondition, newCondition, update, type GroupKind, type Path } from './rule-tree';
import type { Condition, FieldCatalogue, FieldInfo, Option, Rule, Value } from './types';

interface Props {
  rule: Rule;
  onChange: (rule: Rule) => void;
  catalogue: FieldCatalogue;
  readOnly: boolean;
}

/** The rule as an editable tree of all / any / not groups and conditions (政策画像编辑器). */
export function RuleTree({ rule, onChange, catalogue, readOnly }: Props) {
  const change = (path: Path, f: (node: Rule) => Rule | null) => {
    const next = update(rule, path, f);
    onChange(next ?? { all: [] });
  };
  return <Node node={rule} path={[]} root={rule} change={change} catalogue={catalogue} readOnly={readOnly} />;
}

interface NodeProps {
  node: Rule;
  path: Path;
  root: Rule;
  change: (path: Path, f: (node: Rule) => Rule | null) => void;
  catalogue: FieldCatalogue;
  readOnly: boolean;
}

function Node(props: NodeProps) {
  return isCondition(props.node) ? <ConditionRow {...props} condition={props.node} /> : <Group {...props} />;
}

const GROUP_COLOR: Record<GroupKind, string> = { all: '#1677ff', any: '#52c41a', not: '#fa541c' };

function Group({ node, path, root, change, catalogue, readOnly }: NodeProps) {
  const { t } = useI18n();
  const kind = groupKind(node)!;
  const kids = childrenOf(node);
  const setKind = (k: GroupKind) =>
    change(path, () => (k === 'not' ? { not: kids[0] ?? { all: [] } } : k === 'all' ? { all: kids } : { any: kids }));
  const add = (child: Rule) =>
    change(path, (n) => {
      if ('not' in n) return n;
      return 'all' in n ? { all: [...n.all, child] } : { any: [...('any' in n ? n.any : []), child] };
    });
  const first = catalogue.fields[0]!;
  return (
    <div style={{ borderLeft: `3px solid ${GROUP_COLOR[kind]}`, paddingLeft: 12, margin: '8px 0' }} data-testid="rule-group">
      <Space wrap style={{ marginBottom: 4 }}>
        <Select<GroupKind>
          value={kind}
          disabled={readOnly}
          style={{ width: 170 }}
          onChange={setKind}
          data-testid="rule-group-kind"
          options={(['all', 'any', 'not'] as const).map((k) => ({ value: k, label: t(`pol.rule.${k}`) }))}
        />
        {!readOnly && kind !== 'not' && (
          <>
            <Button size="small" icon={<PlusOutlined />} onClick={() => add(newCondition(root, first))} data-testid="rule-add-condition">
              {t('pol.rule.addCondition')}
            </Button>
            <Button
              size="small"
              icon={<PlusOutlined />}
              onClick={() => add({ any: [newCondition(root, first)] })}
              data-testid="rule-add-group"
            >
              {t('pol.rule.addGroup')}
            </Button>
          </>
        )}
        {!readOnly && path.length > 0 && (
          <Button
            size="small"
            type="text"
            danger
            icon={<DeleteOutlined />}
            onClick={() => change(path, () => null)}
            data-testid="rule-remove-group"
          />
        )}
      </Space>
      {kids.map((k, i) => (
        <Node key={i} node={k} path={[...path, i]} root={root} change={change} catalogue={catalogue} readOnly={readOnly} />
      ))}
    </div>
  );
}

function ConditionRow({ condition: c, path, change, catalogue, readOnly }: NodeProps & { condition: Condition }) {
  const { t, lang } = useI18n();
  const field = catalogue.fields.find((f) => f.key === c.field) ?? catalogue.fields[0]!;
  const set = (patch: Partial<Condition>) => change(path, () => ({ ...c, ...patch }));
  const setField = (key: FieldInfo['key']) => {
    const f = catalogue.fields.find((x) => x.key === key)!;
    set({ field: key, op: f.ops[0]!, value: defaultValue(f, f.ops[0]!) });
  };
  const setOp = (op: string) => set({ op, value: (op === 'between') === (c.op === 'between') ? c.value : defaultValue(field, op) });
  return (
    <div
      style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', padding: '6px 0', borderBottom: '1px dashed #f0f0f0' }}
      data-testid="rule-condition"
    >
      <Select
        value={c.field}
        disabled={readOnly}
        style={{ width: 240 }}
        onChange={setField}
        showSearch={{ optionFilterProp: 'label' }}
        data-testid="rule-field"
        options={catalogue.fields.map((f) => ({
          value: f.key,
          label: `${lang === 'zh' ? f.label : f.labelEn}${f.unit ? `（${f.unit}）` : ''}`,
        }))}
      />
      <Select
        value={c.op}
        disabled={readOnly}
        style={{ width: 110 }}
        onChange={setOp}
        data-testid="rule-op"
        options={field.ops.map((op) => ({ value: op, label: t(`pol.op.${op}` as 'pol.op.gte') }))}
      />
      <ValueInput field={field} op={c.op} value={c.value} onChange={(value) => set({ value })} catalogue={catalogue} readOnly={readOnly} />
      <Input
        value={c.clause}
        disabled={readOnly}
        placeholder={t('pol.rule.clausePlaceholder')}
        aria-label={t('pol.rule.clausePlaceholder')}
        style={{ flex: '1 1 260px' }}
        onChange={(e) => set({ clause: e.target.value })}
        data-testid="rule-clause"
      />
      {!readOnly && (
        <Button type="text" danger icon={<DeleteOutlined />} onClick={() => change(path, () => null)} data-testid="rule-remove" />
      )}
    </div>
  );
}

function ValueInput({
  field,
  op,
  value,
  onChange,
  catalogue,
  readOnly,
}: {
  field: FieldInfo;
  op: string;
  value: Value;
  onChange: (v: Value) => void;
  catalogue: FieldCatalogue;
  readOnly: boolean;
}) {
  const { t } = useI18n();
  const unit = field.unit ? { suffix: field.unit } : {};
  switch (field.kind) {
    case 'number':
      if (op === 'between') {
        const [lo, hi] = Array.isArray(value) ? (value as [number, number]) : [0, 0];
        return (
          <Space size={4}>
            <InputNumber
              value={lo}
              disabled={readOnly}
              onChange={(v) => onChange([v ?? 0, hi])}
              style={{ width: 120 }}
              data-testid="rule-value"
            />
            ~
            <InputNumber value={hi} disabled={readOnly} onChange={(v) => onChange([lo, v ?? 0])} style={{ width: 140 }} {...unit} />
          </Space>
        );
      }
      return (
        <InputNumber
          value={typeof value === 'number' ? value : 0}
          disabled={readOnly}
          onChange={(v) => onChange(v ?? 0)}
          style={{ width: 160 }}
          {...unit}
          data-testid="rule-value"
        />
      );
    case 'date':
      if (op === 'between') {
        const [a, b] = Array.isArray(value) ? (value as [string, string]) : ['', ''];
        return (
          <DatePicker.RangePicker
            value={[a ? dayjs(a) : null, b ? dayjs(b) : null]}
            disabled={readOnly}
            onChange={(d) => d?.[0] && d[1] && onChange([d[0].format('YYYY-MM-DD'), d[1].format('YYYY-MM-DD')])}
            data-testid="rule-value"
          />
        );
      }
      return (
        <DatePicker
          value={typeof value === 'string' ? dayjs(value) : null}
          disabled={readOnly}
          onChange={(d) => d && onChange(d.format('YYYY-MM-DD'))}
          data-testid="rule-value"
        />
      );
    case 'boolean':
      return (
        <Select
          value={value === true}
          disabled={readOnly}
          style={{ width: 90 }}
          onChange={(v: boolean) => onChange(v)}
          data-testid="rule-value"
          options={[
            { value: true, label: t('pol.rule.yes') },
            { value: false, label: t('pol.rule.no') },
          ]}
        />
      );
    default: {
      const list = Array.isArray(value) ? (value as string[]) : [];
      if (field.key === 'industry') {
        return (
          <IndustryMultiSelect
            value={list}
            disabled={readOnly}
            style={{ minWidth: 240, maxWidth: 420 }}
            onChange={(v) => onChange(v)}
            data-testid="rule-value"
          />
        );
      }
      const options: Option[] =
        field.key === 'street' ? catalogue.options.street : field.key === 'scale' ? catalogue.options.scale : catalogue.options.tags;
      return (
        <Select
          mode={field.key === 'tags' ? 'tags' : 'multiple'}
          value={list}
          disabled={readOnly}
          style={{ minWidth: 240, maxWidth: 420 }}
          onChange={(v: string[]) => onChange(v)}
          showSearch={{ optionFilterProp: 'label' }}
          options={options}
          data-testid="rule-value"
        />
      );
    }
  }
}
