import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Drawer, Empty } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, type Answer } from '../api';
import type { Notification } from '../appeals';
import { useMe } from '../auth/AuthContext';
import { useShowError } from '../errors';
import { formatDateTime } from '../format';
import { usePolling } from '../hooks/useInterval';
import { useRequest } from '../hooks/useRequest';
import { useI18n } from '../i18n';

type Inbox = Answer<'/api/notifications'>;

const POLL_MS = 30_000;

/**
 * The bell in both headers: the unread count; a click opens the latest messages in a side panel
 * (full width on a phone), and a message opens the page it links to and counts as read.
 */
export function NotificationBell({ light = false }: { light?: boolean }) {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const showError = useShowError();
  const [open, setOpen] = useState(false);
  // The server refuses everything but the password change until it is done: no bell until then.
  const held = useMe().mustChangePassword;
  const { data, reload } = useRequest<Inbox>(held ? null : '/api/notifications', { limit: 20 });
  usePolling(reload, POLL_MS);

  const openItem = async (n: Notification) => {
    setOpen(false);
    try {
      if (!n.read) await api.post(`/api/notifications/${n.id}/read`);
    } catch (err) {
      showError(err);
    }
    reload();
    if (n.link?.startsWith('/')) void navigate(n.link);
  };

  const readAll = async () => {
    try {
      await api.post('/api/notifications/read-all');
      reload();
    } catch (err) {
      showError(err);
    }
  };

  if (held) return null;
  const items = data?.items ?? [];
  const content = (
    <div className="notice-list" data-testid="notification-list">
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} />
      ) : (
        items.map((n) => (
          <button
            key={n.id}
            type="button"
            className={n.read ? 'notice-item' : 'notice-item notice-unread'}
            onClick={() => void openItem(n)}
            data-testid="notification"
          >
            <span className="notice-title">{n.title}</span>
            {n.body && <span className="notice-body">{n.body}</span>}
            <span className="notice-time">{formatDateTime(n.createdAt, lang)}</span>
          </button>
        ))
      )}
    </div>
  );

  return (
    <>
      <Button
        type="text"
        size="small"
        className={light ? 'notice-bell notice-bell-light' : 'notice-bell'}
        aria-label={t('notifications.title')}
        onClick={() => {
          setOpen(true);
          reload();
        }}
        data-testid="notifications"
      >
        <Badge count={data?.unread ?? 0} size="small" overflowCount={99} data-testid="notifications-unread">
          <BellOutlined className="notice-bell-icon" />
        </Badge>
      </Button>
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        size={400}
        title={t('notifications.title')}
        extra={
          Boolean(data?.unread) && (
            <Button type="link" size="small" onClick={() => void readAll()} data-testid="notifications-read-all">
              {t('notifications.readAll')}
            </Button>
          )
        }
      >
        {content}
      </Drawer>
    </>
  );
}
