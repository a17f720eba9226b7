import { App, Button, Form, Input, Popconfirm, Radio, Typography } from 'antd';
import { FormModal } from '../../components/FormModal';
import { useShowError } from '../../errors';
import { clearDay, setDay, type CalendarDay, type Moved } from './calendarApi';
import { movedText } from './ScheduleImportModal';
import { useCalendarText } from './messages';
import { describeDay } from './YearGrid';

interface DayForm {
  kind: 'workday' | 'holiday';
  name?: string;
}

/**
 * A click on a date usually means "change it": a working day is offered as a holiday, a day off
 * as a 调休 working day. A date the administrator already set shows what was set.
 */
function initialValues(day: CalendarDay): DayForm {
  const holiday = day.holiday ?? undefined;
  if (day.source === 'override') return { kind: day.kind === 'off' ? 'holiday' : 'workday', name: holiday };
  return { kind: day.kind === 'off' ? 'workday' : 'holiday', name: holiday };
}

export function DayOverrideModal({ day, onClose, onSaved }: { day: CalendarDay | undefined; onClose: () => void; onSaved: () => void }) {
  const text = useCalendarText();
  const { message } = App.useApp();
  const showError = useShowError();

  // Open deadlines across the day were recounted with the change: say how many.
  const tellMoved = (moved: Moved) => {
    if (Object.values(moved).some((n) => n > 0)) void message.info(text('dayMoved', { moved: movedText(text, moved) }));
  };

  const save = async ({ kind, name }: DayForm) => {
    if (!day) return;
    const trimmed = name?.trim();
    const { moved } = await setDay(day.date, trimmed ? { kind, name: trimmed } : { kind });
    tellMoved(moved);
    onSaved();
  };

  const clear = async () => {
    if (!day) return;
    try {
      const { moved } = await clearDay(day.date);
      void message.success(text('cleared'));
      tellMoved(moved);
      onSaved();
      onClose();
    } catch (err) {
      showError(err);
    }
  };

  return (
    <FormModal<DayForm>
      open={day !== undefined}
      title={day?.date ?? ''}
      initialValues={day && initialValues(day)}
      onClose={onClose}
      onSubmit={save}
    >
      {day && (
        <Typography.Paragraph type="secondary">
          {text('current')}：{describeDay(day, text)}
        </Typography.Paragraph>
      )}
      <Form.Item name="kind" label={text('setAs')}>
        <Radio.Group
          optionType="button"
          options={[
            { value: 'holiday', label: text('setHoliday') },
            { value: 'workday', label: text('setWorkday') },
          ]}
        />
      </Form.Item>
      <Form.Item noStyle dependencies={['kind']}>
        {({ getFieldValue }) => (
          <Form.Item
            name="name"
            label={text('holidayName')}
            rules={getFieldValue('kind') === 'holiday' ? [{ required: true, whitespace: true, message: text('holidayName') }] : []}
          >
            <Input maxLength={40} placeholder={text('holidayNamePlaceholder')} />
          </Form.Item>
        )}
      </Form.Item>
      {day?.source === 'override' && (
        <Popconfirm title={text('clearConfirm')} onConfirm={clear}>
          <Button danger type="link" style={{ paddingInline: 0 }} data-testid="clear-override">
            {text('clearOverride')}
          </Button>
        </Popconfirm>
      )}
    </FormModal>
  );
}
