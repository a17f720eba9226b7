import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Form,
  Input,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tabs,
  Tag,
  type TableColumnsType,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../../api';
import { useAuth } from '../../auth/AuthContext';
import { FormModal } from '../../components/FormModal';
import { ListTable } from '../../components/ListTable';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { orDash, todayInShanghai, shanghaiToday } from '../../format';
import { useListParams } from '../../hooks/usePagedList';
import { useRequest } from '../../hooks/useRequest';
import { useI18n, type MessageKey } from '../../i18n';
import { maxChars, required } from '../../rules';
import type { Items } from '../../types';
import { AssessmentDrawer } from './AssessmentDrawer';
import type { MyEnterprise, Visit, WeeklyReport } from './types';

const DAY = 'YYYY-MM-DD';

interface LogValues {
  visitedOn: Dayjs;
  peopleMet: string;
  notes?: string;
  needs?: { description: string; resolution: 'appeal' | 'on_spot'; title?: string; note?: string }[];
}

/** The needs found on a visit, each with its appeal (number and state) or the note of how it was handled. */
export function NeedsList({ visit }: { visit: Visit }) {
  const { t } = useI18n();
  if (visit.needs.length === 0) return <>—</>;
  return (
    <Space direction="vertical" size={2}>
      {visit.needs.map((n) => (
        <span key={n.id}>
          <Tag color={n.resolution === 'appeal' ? 'blue' : 'green'}>{t(`liaison.resolution.${n.resolution}`)}</Tag>
          {n.description}
          {n.appeal && (
            <>
              {' '}
              <Link to={`/appeals/${n.appeal.id}`} className="mono" data-testid="need-appeal">
                {n.appeal.number}
              </Link>{' '}
              <Tag>{t(`appeal.state.${n.appeal.state}` as MessageKey)}</Tag>
            </>
          )}
          {n.note && <span className="muted">（{n.note}）</span>}
        </span>
      ))}
    </Space>
  );
}

function WeeklyReportTab() {
  const { t } = useI18n();
  const [week, setWeek] = useState<Dayjs>(() => dayjs(todayInShanghai()));
  const { data, error, reload } = useRequest<WeeklyReport>('/api/liaisons/weekly-report', { week: week.format(DAY) });
  if (error && !data) return <LoadError error={error} onRetry={reload} />;
  const s = data?.summary;
  const stats: [MessageKey, number | undefined][] = [
    ['liaison.visits', s?.visits],
    ['liaison.enterprisesVisited', s?.enterprisesVisited],
    ['liaison.needsFound', s?.needs],
    ['liaison.onSpot', s?.onSpot],
    ['liaison.appealsFiled', s?.appealsFiled],
    ['liaison.appealsClosed', s?.appealsClosed],
    ['liaison.plannedNext', s?.plannedNext],
  ];
  return (
    <div data-testid="weekly-report">
      <Space className="filter-bar">
        {t('liaison.week')}
        <DatePicker picker="week" value={week} allowClear={false} onChange={(d) => d && setWeek(d)} />
        {data && (
          <span>
            {data.cadre.name} · {t('liaison.weekOf', { from: data.from, to: data.to })}
          </span>
        )}
      </Space>
      <Row gutter={[12, 12]} className="filter-bar">
        {stats.map(([k, v]) => (
          <Col key={k} xs={12} sm={8} md={6} xl={3}>
            <Card size="small">
              <Statistic title={t(k)} value={v ?? 0} />
            </Card>
          </Col>
        ))}
      </Row>
      <Card size="small" title={t('liaison.visitLog')} className="filter-bar">
        <Table<Visit>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={data?.visits ?? []}
          data-testid="weekly-visits"
          scroll={{ x: 820 }}
          columns={[
            { title: t('liaison.visitedOn'), dataIndex: 'visitedOn', width: 110 },
            { title: t('liaison.enterprise'), key: 'e', render: (_, v) => v.enterprise.name },
            { title: t('liaison.peopleMet'), dataIndex: 'peopleMet', width: 140 },
            { title: t('liaison.notes'), dataIndex: 'notes' },
            { title: t('liaison.needs'), key: 'n', render: (_, v) => <NeedsList visit={v} /> },
          ]}
        />
      </Card>
      <Card size="small" title={t('liaison.appealsFromVisits')}>
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={data?.appeals ?? []}
          data-testid="weekly-appeals"
          scroll={{ x: 680 }}
          columns={[
            {
              title: '#',
              dataIndex: 'number',
              width: 170,
              render: (n: string, a) => (
                <Link to={`/appeals/${a.id}`} className="mono">
                  {n}
                </Link>
              ),
            },
            { title: t('liaison.enterprise'), dataIndex: 'enterprise' },
            { title: t('common.name'), dataIndex: 'title' },
            { title: t('common.status'), dataIndex: 'state', width: 110, render: (st: string) => t(`appeal.state.${st}` as MessageKey) },
          ]}
        />
      </Card>
    </div>
  );
}

/** 挂点工作台: the cadre's enterprises, visit plan, visit log (needs → appeals) and weekly report. */
export default function LiaisonWorkbenchPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const mine = useRequest<Items<MyEnterprise>>('/api/liaisons/mine');
  // 我的待办 opens the visit plan directly (?tab=plan).
  const [params] = useSearchParams();
  const { user } = useAuth();
  const [scoreOpen, setScoreOpen] = useState(false);
  const paging = useListParams({}, { prefix: 'enterprises.' });
  const plans = useRequest<Items<Visit>>('/api/liaisons/visits', { status: 'planned' });
  const [planning, setPlanning] = useState<MyEnterprise>();
  const [logging, setLogging] = useState<{ enterpriseId: number; name: string; visitId?: number }>();
  const reload = () => {
    mine.reload();
    plans.reload();
  };

  const columns: TableColumnsType<MyEnterprise> = [
    { title: t('enterprise.name'), dataIndex: 'name' },
    { title: t('liaison.street'), dataIndex: 'streetName', width: 110, render: (v: string | null) => orDash(v) },
    { title: t('liaison.tier'), dataIndex: 'tier', width: 130, render: (x: MyEnterprise['tier']) => t(`liaison.tier.${x}`) },
    { title: t('liaison.openAppeals'), dataIndex: 'openAppeals', width: 90 },
    { title: t('liaison.lastVisit'), dataIndex: 'lastVisitOn', width: 110, render: (v: string | null) => orDash(v) },
    { title: t('liaison.nextPlanned'), dataIndex: 'nextPlannedOn', width: 110, render: (v: string | null) => orDash(v) },
    {
      title: t('common.actions'),
      key: 'a',
      width: 200,
      render: (_, e) => (
        <Space>
          <Button size="small" onClick={() => setPlanning(e)} data-testid={`plan-${e.id}`}>
            {t('liaison.planVisit')}
          </Button>
          <Button size="small" type="primary" onClick={() => setLogging({ enterpriseId: e.id, name: e.name })} data-testid={`log-${e.id}`}>
            {t('liaison.logVisit')}
          </Button>
        </Space>
      ),
    },
  ];

  if (mine.error && !mine.data) return <LoadError error={mine.error} onRetry={mine.reload} />;
  return (
    <>
      <PageHeader
        title={t('menu.liaison-workbench')}
        extra={
          user &&
          (mine.data?.items.length ?? 0) > 0 && (
            <Button onClick={() => setScoreOpen(true)} data-testid="my-score">
              {t('liaison.myScore')}
            </Button>
          )
        }
      />
      {/* The cadre's own 双考核 score this month so far, with what is behind it. */}
      <AssessmentDrawer
        userId={scoreOpen ? user?.id : undefined}
        period={{ from: dayjs(todayInShanghai()).startOf('month').format('YYYY-MM-DD'), to: todayInShanghai() }}
        onClose={() => setScoreOpen(false)}
      />
      <Tabs
        defaultActiveKey={params.get('tab') ?? undefined}
        items={[
          {
            key: 'enterprises',
            label: t('liaison.tab.enterprises'),
            children: (
              <ListTable<MyEnterprise>
                rowKey="id"
                size="small"
                loading={mine.loading}
                columns={columns}
                dataSource={mine.data?.items ?? []}
                data-testid="my-enterprises"
                scroll={{ x: 900 }}
                locale={{ emptyText: <Empty description={t('liaison.noEnterprises')} /> }}
                paging={paging}
                sizeChanger={false}
              />
            ),
          },
          {
            key: 'plan',
            label: t('liaison.tab.plan'),
            children: (
              <Table<Visit>
                rowKey="id"
                size="small"
                loading={plans.loading}
                dataSource={[...(plans.data?.items ?? [])].reverse()}
                data-testid="visit-plan"
                scroll={{ x: 680 }}
                locale={{ emptyText: <Empty description={t('liaison.noPlans')} /> }}
                pagination={false}
                columns={[
                  { title: t('liaison.plannedOn'), dataIndex: 'plannedOn', width: 120 },
                  { title: t('liaison.enterprise'), key: 'e', render: (_, v) => v.enterprise.name },
                  { title: t('liaison.purpose'), dataIndex: 'purpose' },
                  {
                    title: t('common.actions'),
                    key: 'a',
                    width: 200,
                    render: (_, v) => (
                      <Space>
                        <Button
                          size="small"
                          type="primary"
                          onClick={() => setLogging({ enterpriseId: v.enterprise.id, name: v.enterprise.name, visitId: v.id })}
                        >
                          {t('liaison.logVisit')}
                        </Button>
                        <Button size="small" onClick={() => void api.post(`/api/liaisons/visits/${v.id}/cancel`).then(reload)}>
                          {t('liaison.cancelVisit')}
                        </Button>
                      </Space>
                    ),
                  },
                ]}
              />
            ),
          },
          { key: 'weekly', label: t('liaison.tab.weekly'), children: <WeeklyReportTab /> },
        ]}
      />

      <FormModal<{ plannedOn: Dayjs; purpose?: string }>
        open={planning !== undefined}
        title={`${t('liaison.planVisit')}：${planning?.name ?? ''}`}
        initialValues={{ plannedOn: shanghaiToday().add(1, 'day') }}
        onClose={() => setPlanning(undefined)}
        onSubmit={async (v) => {
          await api.post('/api/liaisons/visits', {
            enterpriseId: planning!.id,
            plannedOn: v.plannedOn.format(DAY),
            purpose: v.purpose ?? '',
          });
          void message.success(t('liaison.planned'));
          reload();
        }}
      >
        <Form.Item name="plannedOn" label={t('liaison.plannedOn')} rules={[required(t, t('liaison.plannedOn'), 'select')]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="purpose" label={t('liaison.purpose')}>
          <Input maxLength={200} />
        </Form.Item>
      </FormModal>

      <FormModal<LogValues>
        open={logging !== undefined}
        width={760}
        title={`${t('liaison.logVisit')}：${logging?.name ?? ''}`}
        initialValues={{ visitedOn: shanghaiToday(), needs: [] }}
        onClose={() => setLogging(undefined)}
        onSubmit={async (v) => {
          const visit = await api.post<Visit>('/api/liaisons/visits/log', {
            visitId: logging!.visitId,
            enterpriseId: logging!.enterpriseId,
            visitedOn: v.visitedOn.format(DAY),
            peopleMet: v.peopleMet,
            notes: v.notes ?? '',
            needs: (v.needs ?? []).map((n) => ({
              description: n.description,
              resolution: n.resolution,
              title: n.title || undefined,
              note: n.note || undefined,
            })),
          });
          const numbers = visit.needs.flatMap((n) => (n.appeal ? [n.appeal.number] : []));
          void message.success(numbers.length ? t('liaison.loggedWithAppeals', { numbers: numbers.join('、') }) : t('liaison.logged'));
          reload();
        }}
      >
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="visitedOn" label={t('liaison.visitedOn')} rules={[required(t, t('liaison.visitedOn'), 'select')]}>
              <DatePicker disabledDate={(d) => d.isAfter(shanghaiToday(), 'day')} />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="peopleMet" label={t('liaison.peopleMet')} rules={[required(t, t('liaison.peopleMet'))]}>
              <Input maxLength={200} data-testid="visit-people" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="notes" label={t('liaison.notes')} rules={[maxChars(t, t('liaison.notes'), 5000)]}>
          <Input.TextArea rows={2} count={{ show: true, max: 5000 }} data-testid="visit-notes" />
        </Form.Item>
        <Descriptions size="small" title={t('liaison.needs')} />
        <Form.List name="needs">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Card
                  key={f.key}
                  size="small"
                  className="filter-bar"
                  data-testid={`need-${f.name}`}
                  extra={<MinusCircleOutlined onClick={() => remove(f.name)} />}
                >
                  <Form.Item
                    name={[f.name, 'description']}
                    label={t('liaison.needDescription')}
                    rules={[required(t, t('liaison.needDescription')), maxChars(t, t('liaison.needDescription'), 2000)]}
                  >
                    <Input.TextArea rows={2} count={{ show: true, max: 2000 }} data-testid={`need-${f.name}-description`} />
                  </Form.Item>
                  <Row gutter={12}>
                    <Col span={8}>
                      <Form.Item name={[f.name, 'resolution']} label={t('liaison.needResolution')} initialValue="appeal">
                        <Select
                          options={(['appeal', 'on_spot'] as const).map((r) => ({ value: r, label: t(`liaison.resolution.${r}`) }))}
                          data-testid={`need-${f.name}-resolution`}
                        />
                      </Form.Item>
                    </Col>
                    <Col span={16}>
                      <Form.Item noStyle shouldUpdate>
                        {({ getFieldValue }) =>
                          getFieldValue(['needs', f.name, 'resolution']) === 'on_spot' ? (
                            <Form.Item name={[f.name, 'note']} label={t('liaison.needNote')}>
                              <Input maxLength={500} />
                            </Form.Item>
                          ) : (
                            <Form.Item name={[f.name, 'title']} label={t('liaison.needTitle')}>
                              <Input maxLength={100} data-testid={`need-${f.name}-title`} />
                            </Form.Item>
                          )
                        }
                      </Form.Item>
                    </Col>
                  </Row>
                </Card>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ resolution: 'appeal' })} block data-testid="add-need">
                {t('liaison.addNeed')}
              </Button>
            </>
          )}
        </Form.List>
      </FormModal>
    </>
  );
}
