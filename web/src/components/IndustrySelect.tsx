import { TreeSelect } from 'antd';
import { useMemo, type CSSProperties } from 'react';
import { useIndustries } from '../hooks/useLookups';
import { useI18n } from '../i18n';
import type { IndustrySection } from '../types';

interface Node {
  value: string;
  title: string;
  children?: Node[];
}

const node = (code: string, name: string, children?: Node[]): Node => ({
  value: code,
  title: `${code} ${name}`,
  ...(children ? { children } : {}),
});

/** GB/T 4754-2017 as a tree of 门类 → 大类 → 中类 → 小类; every level can be chosen. */
function useIndustryTree(): Node[] {
  const sections = useIndustries();
  return useMemo(
    () =>
      sections.map((s: IndustrySection) =>
        node(
          s.code,
          s.name,
          s.divisions.map((d) =>
            node(
              d.code,
              d.name,
              d.groups.map((g) =>
                node(
                  g.code,
                  g.name,
                  g.classes.map((c) => node(c.code, c.name)),
                ),
              ),
            ),
          ),
        ),
      ),
    [sections],
  );
}

/** Code → Chinese name at every level, for showing stored codes ('C3911' → 计算机整机制造). */
export function useIndustryNames(): Map<string, string> {
  const sections = useIndustries();
  return useMemo(() => {
    const names = new Map<string, string>();
    for (const s of sections) {
      names.set(s.code, s.name);
      for (const d of s.divisions) {
        names.set(d.code, d.name);
        for (const g of d.groups) {
          names.set(g.code, g.name);
          for (const c of g.classes) names.set(c.code, c.name);
        }
      }
    }
    return names;
  }, [sections]);
}

interface Common {
  /** From Form.Item, so its label names this field. */
  id?: string;
  placeholder?: string;
  style?: CSSProperties;
  disabled?: boolean;
  'data-testid'?: string;
}

/** By code (C3911, 3911, c39) or Chinese name, at any level; the matches show under their parents. */
const searchable = { treeNodeFilterProp: 'title' };

/** One industry code at any level of GB/T 4754 (C, C39, C391, C3911), searchable by code or name. */
export function IndustrySelect({
  value,
  onChange,
  ...rest
}: Common & { value?: string | undefined; onChange?: (industry?: string) => void }) {
  const { t } = useI18n();
  const treeData = useIndustryTree();
  const label = rest.placeholder ?? t('pol.industry');
  return (
    <TreeSelect<string>
      allowClear
      showSearch={searchable}
      aria-label={label}
      style={{ width: 240 }}
      popupMatchSelectWidth={360}
      listHeight={360}
      {...rest}
      placeholder={label}
      loading={treeData.length === 0}
      value={value}
      onChange={(next) => onChange?.(next ?? undefined)}
      treeData={treeData}
    />
  );
}

/** Several industry codes at any level (a code stands for everything under it). */
export function IndustryMultiSelect({ value, onChange, ...rest }: Common & { value?: string[]; onChange?: (codes: string[]) => void }) {
  const treeData = useIndustryTree();
  return (
    <TreeSelect<string[]>
      multiple
      allowClear
      showSearch={searchable}
      aria-label={rest.placeholder}
      popupMatchSelectWidth={360}
      listHeight={360}
      {...rest}
      loading={treeData.length === 0}
      value={value ?? []}
      onChange={(next) => onChange?.(next ?? [])}
      treeData={treeData}
    />
  );
}
