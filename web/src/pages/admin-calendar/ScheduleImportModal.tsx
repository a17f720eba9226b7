import { Alert, App, Descriptions, Modal, Table, Typography } from 'antd';
import { useState } from 'react';
import { asApiError } from '../../errors';
import { importYear, type Moved, type ScheduleImport } from './calendarApi';
import { useCalendarText, type CalendarText } from './messages';

/** '办理时限 2 件、受理时限 0 件、督办单 1 件' from the server's counts by kind. */
export function movedText(text: CalendarText, moved: Moved): string {
  return text('movedCounts', { d: moved.deadlines ?? 0, a: moved.acceptDeadlines ?? 0, s: moved.supervisionOrders ?? 0 });
}

/**
 * 导入年度安排: the administrator picks the State Council's schedule as a JSON or CSV file; the
 * server checks it (naming each faulty row) and previews what changes — days and open deadlines —
 * before anything is saved. Confirming loads it.
 */
export function ScheduleImportModal({ year, onClose, onSaved }: { year: number | undefined; onClose: () => void; onSaved: () => void }) {
  const text = useCalendarText();
  const { message } = App.useApp();
  const [content, setContent] = useState<string>();
  const [preview, setPreview] = useState<ScheduleImport>();
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);

  const reset = () => {
    setContent(undefined);
    setPreview(undefined);
    setProblem(undefined);
  };
  const close = () => {
    reset();
    onClose();
  };

  const pick = async (file: File | undefined) => {
    reset();
    if (!file || year === undefined) return;
    setBusy(true);
    try {
      const read = await file.text();
      setPreview(await importYear(year, { content: read, preview: true }));
      setContent(read);
    } catch (err) {
      setProblem(asApiError(err).message);
    } finally {
      setBusy(false);
    }
  };

  const load = async () => {
    if (!content || year === undefined) return;
    setBusy(true);
    try {
      const done = await importYear(year, { content, preview: false });
      void message.success(text('imported', { year, moved: movedText(text, done.moved) }));
      onSaved();
      close();
    } catch (err) {
      setProblem(asApiError(err).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={year !== undefined}
      title={text('importTitle', { year: year ?? '' })}
      onCancel={close}
      onOk={load}
      okText={text('confirmImport')}
      okButtonProps={{ disabled: !preview, loading: busy, 'data-testid': 'import-confirm' }}
      destroyOnHidden
      width={640}
    >
      <Typography.Paragraph type="secondary">{text('importHint')}</Typography.Paragraph>
      <label className="cal-file">
        {text('chooseFile')}{' '}
        <input
          type="file"
          accept=".json,.csv,application/json,text/csv"
          onChange={(e) => void pick(e.target.files?.[0])}
          data-testid="import-file"
        />
      </label>
      {problem && <Alert type="error" showIcon title={problem} className="cal-import-result" data-testid="import-problem" />}
      {preview && (
        <div className="cal-import-result" data-testid="import-preview">
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={text('importDays')}>
              {text('importDayCounts', { holidays: preview.holidays, workdays: preview.workdays })}
            </Descriptions.Item>
            <Descriptions.Item label={text('changedDates')}>{preview.changedDates.length}</Descriptions.Item>
            <Descriptions.Item label={text('movedDeadlines')}>{movedText(text, preview.moved)}</Descriptions.Item>
            {preview.note && <Descriptions.Item label={text('note')}>{preview.note}</Descriptions.Item>}
          </Descriptions>
          <Table
            size="small"
            rowKey="date"
            pagination={false}
            scroll={{ y: 240 }}
            dataSource={preview.days}
            columns={[
              { title: text('date'), dataIndex: 'date', width: 120 },
              {
                title: text('setAs'),
                dataIndex: 'kind',
                width: 120,
                render: (k: string) => text(k === 'holiday' ? 'setHoliday' : 'setWorkday'),
              },
              { title: text('holidayName'), dataIndex: 'name' },
            ]}
          />
        </div>
      )}
    </Modal>
  );
}
