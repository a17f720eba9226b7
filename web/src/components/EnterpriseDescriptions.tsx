import { Descriptions, type DescriptionsProps } from 'antd';
import { orDash } from '../format';
import { useI18n } from '../i18n';
import type { Enterprise } from '../types';
import { EnterpriseTags } from './EnterpriseTags';

/** An enterprise's file (一企一档) as label/value rows; used by the portal and the staff drawer. */
export function EnterpriseDescriptions({ enterprise: e, column = 1 }: { enterprise: Enterprise; column?: number }) {
  const { t } = useI18n();
  const industry = e.industryName ? t('common.withCode', { name: e.industryName, code: e.industryCode }) : e.industryCode;
  const capital = e.registeredCapital === null ? '—' : t('enterprise.capitalValue', { value: e.registeredCapital });
  const items: DescriptionsProps['items'] = [
    { key: 'name', label: t('enterprise.name'), children: e.name },
    { key: 'uscc', label: t('enterprise.uscc'), children: <span className="mono">{e.uscc}</span> },
    { key: 'legal', label: t('enterprise.legalRepresentative'), children: orDash(e.legalRepresentative) },
    { key: 'street', label: t('enterprise.street'), children: orDash(e.street?.name) },
    { key: 'industry', label: t('enterprise.industry'), children: industry },
    { key: 'scale', label: t('enterprise.scale'), children: t(`scale.${e.scale}`) },
    { key: 'status', label: t('enterprise.status'), children: t(`enterprise.status.${e.status}`) },
    { key: 'founded', label: t('enterprise.foundedOn'), children: orDash(e.foundedOn) },
    { key: 'capital', label: t('enterprise.registeredCapital'), children: capital },
    { key: 'phone', label: t('enterprise.phone'), children: orDash(e.phone) },
    { key: 'address', label: t('enterprise.address'), children: orDash(e.address) },
    { key: 'tags', label: t('enterprise.tags'), children: <EnterpriseTags tags={e.tags} isKey={e.isKey} /> },
  ];
  return <Descriptions bordered size="small" column={column} items={items} />;
}
