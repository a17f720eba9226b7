import { Alert, Badge, Card, Col, Empty, List, Row, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { useMe } from '../../auth/AuthContext';
import { formatDateTime } from '../../format';
import { useRequest } from '../../hooks/useRequest';
import { useI18n, type MessageKey } from '../../i18n';
import type { components } from '../../api/schema';
import './my-work.css';

type TodoQueue = components['schemas']['TodoQueue'];
/** A planned visit's date is a day; everything else a moment. */
const when = (at: string, lang: Parameters<typeof formatDateTime>[1]) => (at.length === 10 ? at : formatDateTime(at, lang));
const WARNING_COLORS = { green: 'green', yellow: 'gold', red: 'red' } as const;

/** 我的待办: the caller's own queues, each counted as the list it opens, the oldest items first; the overview one click away. */
export default function MyWorkPage() {
  const { t, lang } = useI18n();
  const me = useMe();
  const { data, error, loading } = useRequest<{ queues: TodoQueue[] }>('/api/my/todo');
  return (
    <div data-testid="my-work">
      <h2 className="staff-page-title">
        {t('myWork.welcome', { name: me.displayName })}
        <Link to="/workbench" className="my-work-overview" data-testid="my-work-overview">
          {t('myWork.overview')}
        </Link>
      </h2>
      {error && <Alert type="error" showIcon message={error.message} />}
      <Row gutter={[16, 16]}>
        {(data?.queues ?? []).map((q) => (
          <Col key={q.key} xs={24} md={12} xl={8}>
            <Card
              loading={loading}
              data-testid={`todo-${q.key}`}
              title={
                <Link to={q.path} data-testid={`todo-${q.key}-open`}>
                  {t(`myWork.queue.${q.key}` as MessageKey)}{' '}
                  <Badge
                    count={q.count}
                    showZero
                    overflowCount={9999}
                    color={q.count > 0 ? undefined : '#bfbfbf'}
                    data-testid={`todo-${q.key}-count`}
                    data-count={q.count}
                  />
                </Link>
              }
              extra={<Link to={q.path}>{t('myWork.open')}</Link>}
            >
              {q.items.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('myWork.empty')} />
              ) : (
                <List
                  size="small"
                  dataSource={q.items}
                  renderItem={(item) => (
                    <List.Item key={item.id}>
                      <List.Item.Meta
                        title={
                          <Link to={item.path} data-testid="todo-item">
                            {item.warning && item.warning !== 'green' && <Tag color={WARNING_COLORS[item.warning]}>●</Tag>}
                            {item.title}
                          </Link>
                        }
                        description={[item.detail, when(item.since, lang), item.due ? t('myWork.due', { at: when(item.due, lang) }) : null]
                          .filter(Boolean)
                          .join(' · ')}
                      />
                    </List.Item>
                  )}
                />
              )}
            </Card>
          </Col>
        ))}
      </Row>
    </div>
  );
}
