import { Tag } from 'antd';
import { useI18n } from '../../i18n';
import type { NoticeStatus, PolicyLevel, PolicyStatus } from './types';

const LEVEL_COLOR: Record<PolicyLevel, string> = { national: 'red', provincial: 'orange', municipal: 'blue', district: 'green' };
const STATUS_COLOR: Record<PolicyStatus, string> = { draft: 'default', published: 'success', archived: 'warning' };
const NOTICE_COLOR: Record<NoticeStatus, string> = { draft: 'default', published: 'success', withdrawn: 'warning' };

export function LevelTag({ level }: { level: PolicyLevel }) {
  const { t } = useI18n();
  return <Tag color={LEVEL_COLOR[level]}>{t(`pol.level.${level}`)}</Tag>;
}

export function StatusTag({ status }: { status: PolicyStatus }) {
  const { t } = useI18n();
  return <Tag color={STATUS_COLOR[status]}>{t(`pol.status.${status}`)}</Tag>;
}

export function NoticeStatusTag({ status }: { status: NoticeStatus }) {
  const { t } = useI18n();
  return <Tag color={NOTICE_COLOR[status]}>{t(`pol.notice.${status}`)}</Tag>;
}

/** The snippet with the query's words marked. */
export function Highlighted({ text, terms }: { text: string; terms: string[] }) {
  const words = terms.filter((w) => w.length > 0);
  if (words.length === 0) return <>{text}</>;
  const pattern = new RegExp(`(${words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`, 'gi');
  return <>{text.split(pattern).map((part, i) => (i % 2 === 1 ? <mark key={i}>{part}</mark> : part))}</>;
}
