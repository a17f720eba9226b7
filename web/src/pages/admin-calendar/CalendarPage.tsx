import { CheckCircleOutlined, ImportOutlined, LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, InputNumber, Row, Space, Spin, Tag } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { useRequest } from '../../hooks/useRequest';
import type { CalendarDay, NextYearReminder, YearDays, YearStatus } from './calendarApi';
import { DayOverrideModal } from './DayOverrideModal';
import { DeadlineCalculator } from './DeadlineCalculator';
import { useCalendarText } from './messages';
import { YearGrid, Legend } from './YearGrid';
import { YearStatusModal } from './YearStatusModal';
import { ScheduleImportModal } from './ScheduleImportModal';
import './calendar.css';

/** The years the server accepts (src/modules/calendar/schemas.ts). */
const FIRST_YEAR = 2004;
const LAST_YEAR = 2100;

/**
 * 工作日历: the official calendar of a year (holidays, 调休 working days), the administrator's
 * corrections, and — for years after the bundled data — the place to enter them.
 */
export default function CalendarPage() {
  const text = useCalendarText();
  // The December reminder links here with ?year=2027.
  const [params] = useSearchParams();
  const [year, setYear] = useState(() => {
    const asked = Number(params.get('year'));
    return Number.isInteger(asked) && asked >= FIRST_YEAR && asked <= LAST_YEAR ? asked : new Date().getFullYear();
  });
  const { data, error, loading, reload } = useRequest<YearDays>('/api/calendar/days', { year });
  const reminder = useRequest<NextYearReminder>('/api/admin/calendar/reminder');
  const [importing, setImporting] = useState<number>();
  const saved = () => {
    reload();
    reminder.reload();
  };
  const [editingDay, setEditingDay] = useState<CalendarDay>();
  const [editingYear, setEditingYear] = useState<YearStatus>();
  // While the next year loads, the grid keeps showing the previous answer: label it by its own year.
  const shown = data?.year === year ? data : undefined;

  const goTo = (next: number | null) => {
    if (next !== null && next >= FIRST_YEAR && next <= LAST_YEAR) setYear(next);
  };

  return (
    <>
      <PageHeader
        title={text('title')}
        extra={
          <>
            <Space.Compact>
              <Button icon={<LeftOutlined />} aria-label={text('prevYear')} disabled={year <= FIRST_YEAR} onClick={() => goTo(year - 1)} />
              <InputNumber<number>
                value={year}
                min={FIRST_YEAR}
                max={LAST_YEAR}
                precision={0}
                aria-label={text('year')}
                onChange={goTo}
                style={{ width: 96 }}
                data-testid="year"
              />
              <Button icon={<RightOutlined />} aria-label={text('nextYear')} disabled={year >= LAST_YEAR} onClick={() => goTo(year + 1)} />
            </Space.Compact>
            {shown && !shown.official && (
              <Button icon={<ImportOutlined />} onClick={() => setImporting(shown.year)} data-testid="import-year">
                {text('importYear')}
              </Button>
            )}
            {shown && (
              <Button icon={<CheckCircleOutlined />} onClick={() => setEditingYear(shown)} data-testid="year-status">
                {shown.complete || shown.official ? text('editYear') : text('markComplete')}
              </Button>
            )}
          </>
        }
      />
      {error && !shown ? (
        <LoadError error={error} onRetry={reload} />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xxl={17}>
            {reminder.data?.year && reminder.data.message && (
              <Alert
                type="info"
                showIcon
                title={reminder.data.message}
                className="filter-bar"
                data-testid="next-year-reminder"
                action={
                  reminder.data.year !== year && (
                    <Button size="small" onClick={() => goTo(reminder.data?.year ?? null)}>
                      {text('reminderGo', { year: reminder.data.year })}
                    </Button>
                  )
                }
              />
            )}
            {shown && !shown.official && !shown.complete && (
              <Alert
                type="warning"
                showIcon
                title={text('noOfficialData', { year: shown.year })}
                className="filter-bar"
                data-testid="no-official-data"
              />
            )}
            <Card
              size="small"
              title={
                shown && (
                  <Space wrap>
                    {text('summary', { year: shown.year, work: shown.workingDayCount, off: shown.daysOffCount })}
                    <Tag color={shown.official ? 'green' : 'default'}>{text(shown.official ? 'official' : 'notOfficial')}</Tag>
                    {!shown.official && (
                      <Tag color={shown.complete ? 'green' : 'orange'}>{text(shown.complete ? 'complete' : 'incomplete')}</Tag>
                    )}
                    {shown.note && <span className="cal-note">{shown.note}</span>}
                  </Space>
                )
              }
              extra={<Legend />}
            >
              <Spin spinning={loading}>
                {shown ? <YearGrid days={shown.days} onPick={setEditingDay} /> : <div className="cal-placeholder" />}
              </Spin>
            </Card>
          </Col>
          <Col xs={24} xxl={7}>
            <DeadlineCalculator />
          </Col>
        </Row>
      )}
      <DayOverrideModal day={editingDay} onClose={() => setEditingDay(undefined)} onSaved={saved} />
      <YearStatusModal status={editingYear} onClose={() => setEditingYear(undefined)} onSaved={saved} />
      <ScheduleImportModal year={importing} onClose={() => setImporting(undefined)} onSaved={saved} />
    </>
  );
}
