import { Form, Input, Switch } from 'antd';
import { FormModal } from '../../components/FormModal';
import { setYear, type YearStatus } from './calendarApi';
import { useCalendarText } from './messages';

interface YearForm {
  complete: boolean;
  note?: string;
}

/** Marks a year as entered in full, so that its deadlines are no longer provisional. */
export function YearStatusModal({
  status,
  onClose,
  onSaved,
}: {
  status: YearStatus | undefined;
  onClose: () => void;
  onSaved: () => void;
}) {
  const text = useCalendarText();

  const save = async ({ complete, note }: YearForm) => {
    if (!status) return;
    const trimmed = note?.trim();
    await setYear(status.year, trimmed ? { complete, note: trimmed } : { complete });
    onSaved();
  };

  // A year without official data is opened to be marked as entered: offer that.
  return (
    <FormModal<YearForm>
      open={status !== undefined}
      title={text('yearTitle', { year: status?.year ?? '' })}
      initialValues={{ complete: status ? status.complete || !status.official : true, note: status?.note ?? undefined }}
      onClose={onClose}
      onSubmit={save}
    >
      <Form.Item name="complete" label={text('yearComplete')} valuePropName="checked">
        <Switch />
      </Form.Item>
      <Form.Item name="note" label={text('note')}>
        <Input maxLength={200} placeholder={text('notePlaceholder')} />
      </Form.Item>
    </FormModal>
  );
}
