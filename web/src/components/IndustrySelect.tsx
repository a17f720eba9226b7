import { Select } from 'antd';
import { useIndustries } from '../hooks/useLookups';
import { useI18n } from '../i18n';

/** A filter by GB/T 4754 industry: a section or one of its divisions, searchable by code or name. */
export function IndustrySelect({ value, onChange }: { value: string | undefined; onChange: (industry?: string) => void }) {
  const { t } = useI18n();
  const industries = useIndustries();
  return (
    <Select
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={t('pol.industry')}
      aria-label={t('pol.industry')}
      style={{ width: 220 }}
      value={value}
      onChange={onChange}
      options={industries.map((s) => ({
        label: `${s.code} ${s.name}`,
        options: [
          { value: s.code, label: `${s.code} ${s.name}` },
          ...s.divisions.map((d) => ({ value: d.code, label: `${d.code} ${d.name}` })),
        ],
      }))}
    />
  );
}
