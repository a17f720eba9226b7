import { Alert, Button, Card, DatePicker, Descriptions, Form, Select, Space, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../api';
import { useShowError } from '../../errors';
import { useI18n } from '../../i18n';
import { GRADES, type Grade } from '../../types';
import type { DeadlineAnswer } from './calendarApi';
import { useCalendarText } from './messages';

interface CalculatorForm {
  acceptedAt: Dayjs;
  grade: Grade;
}

/** Accepted-at + grade → the deadline, with the working days counted, as the server computes it. */
export function DeadlineCalculator() {
  const { t } = useI18n();
  const text = useCalendarText();
  const showError = useShowError();
  const [answer, setAnswer] = useState<DeadlineAnswer>();
  const [busy, setBusy] = useState(false);

  // The picked wall-clock time is sent without an offset: the server reads it as Beijing time,
  // whatever the time zone of this browser.
  const calculate = async ({ acceptedAt, grade }: CalculatorForm) => {
    setBusy(true);
    try {
      setAnswer(await api.get<DeadlineAnswer>('/api/calendar/deadline', { from: acceptedAt.format('YYYY-MM-DDTHH:mm'), grade }));
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title={text('calculator')}>
      <Typography.Paragraph type="secondary">{text('calculatorHint')}</Typography.Paragraph>
      <Form<CalculatorForm> layout="vertical" initialValues={{ grade: 'normal' }} onFinish={calculate}>
        <Form.Item name="acceptedAt" label={text('acceptedAt')} rules={[{ required: true, message: text('acceptedAt') }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} data-testid="accepted-at" />
        </Form.Item>
        <Form.Item name="grade" label={text('grade')}>
          <Select options={GRADES.map((g) => ({ value: g, label: t(`grade.${g}`) }))} data-testid="grade" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="calculate">
          {text('calculate')}
        </Button>
      </Form>
      {answer && (
        <Space orientation="vertical" style={{ width: '100%', marginTop: 16 }}>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={text('acceptanceDay')}>{answer.acceptanceDay}</Descriptions.Item>
            <Descriptions.Item label={text('due')}>
              <strong data-testid="due">{answer.dueLocal}</strong> <Typography.Text type="secondary">{text('beijing')}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={text('countedDays')}>
              {answer.workingDays.length === 0
                ? text('none')
                : answer.workingDays.map((d) => (
                    <Tag key={d} className="cal-counted">
                      {d}
                    </Tag>
                  ))}
            </Descriptions.Item>
          </Descriptions>
          {answer.provisional && <Alert type="warning" showIcon title={text('provisional')} />}
        </Space>
      )}
    </Card>
  );
}
