import { Tag, Tooltip } from 'antd';
import { useI18n } from '../../i18n';

/** 暂定: the deadline was counted over a year without official holiday data and will be recounted. */
export function ProvisionalTag({ show }: { show: boolean }) {
  const { t } = useI18n();
  if (!show) return null;
  return (
    <Tooltip title={t('appeal.provisionalHint')}>
      <Tag color="gold" data-testid="deadline-provisional">
        {t('appeal.provisional')}
      </Tag>
    </Tooltip>
  );
}
