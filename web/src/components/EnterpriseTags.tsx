import { StarFilled } from '@ant-design/icons';
import { Tag } from 'antd';
import { useI18n } from '../i18n';

/** The enterprise's profile tags, the key-enterprise mark first. */
export function EnterpriseTags({ tags, isKey }: { tags: string[]; isKey: boolean }) {
  const { t } = useI18n();
  if (!isKey && tags.length === 0) return <>—</>;
  return (
    <span className="enterprise-tags">
      {isKey && (
        <Tag color="gold" icon={<StarFilled />}>
          {t('enterprise.isKey')}
        </Tag>
      )}
      {tags.map((tag) => (
        <Tag key={tag} color="blue">
          {tag}
        </Tag>
      ))}
    </span>
  );
}
