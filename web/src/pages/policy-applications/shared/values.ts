import { useI18n } from '../../../i18n';

/** 12.5 万元 */
export function useShowAmount(): (v: number | null | undefined) => string {
  const { t } = useI18n();
  return (v) => (v === null || v === undefined ? '—' : t('apl.amountValue', { amount: Number(v.toFixed(2)) }));
}
