import { DatePicker, Form, Input } from 'antd';
import type { Dayjs } from 'dayjs';
import 'dayjs/locale/zh-cn';
import { api } from '../../api';
import type { MeetingItem } from '../../appeals';
import { AppealPicker } from '../../components/AppealPicker';
import { DepartmentSelect } from '../../components/DepartmentSelect';
import { FormModal } from '../../components/FormModal';
import { useI18n } from '../../i18n';
import { maxChars, required } from '../../rules';

const day = (d: Dayjs | undefined) => d?.format('YYYY-MM-DD');

interface NewItem {
  title: string;
  summary?: string;
  appealId?: number;
  meetingDate?: Dayjs;
}

/** 新增议题: a matter for the joint meeting, optionally about one appeal. */
export function AddItemModal({ open, onClose, onSaved }: { open: boolean; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const save = async (v: NewItem) => {
    await api.post('/api/meeting-items', {
      title: v.title.trim(),
      summary: v.summary?.trim(),
      appealId: v.appealId,
      meetingDate: day(v.meetingDate),
    });
    onSaved();
  };
  return (
    <FormModal<NewItem> open={open} title={t('meetings.add')} onClose={onClose} onSubmit={save}>
      <Form.Item
        name="title"
        label={t('meetings.title')}
        rules={[required(t, t('meetings.title')), { min: 2, message: t('meetings.titleTooShort') }]}
      >
        <Input maxLength={200} data-testid="field-title" />
      </Form.Item>
      <Form.Item name="summary" label={t('meetings.summary')} rules={[maxChars(t, t('meetings.summary'), 2000)]}>
        <Input.TextArea rows={4} count={{ show: true, max: 2000 }} data-testid="field-summary" />
      </Form.Item>
      <Form.Item name="appealId" label={t('extensions.appeal')}>
        <AppealPicker data-testid="field-appealId" />
      </Form.Item>
      <Form.Item name="meetingDate" label={t('meetings.meetingDate')}>
        <DatePicker style={{ width: '100%' }} data-testid="field-meetingDate" />
      </Form.Item>
    </FormModal>
  );
}

interface Decision {
  decision: string;
  followUpDepartmentId: number;
  followUpDue: Dayjs;
}

/** 记录决定: what the meeting decided, which department follows it up, and by when. */
export function DecideModal({ item, onClose, onSaved }: { item: MeetingItem | undefined; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const save = async (v: Decision) => {
    if (!item) return;
    await api.post(`/api/meeting-items/${item.id}/decide`, {
      decision: v.decision.trim(),
      followUpDepartmentId: v.followUpDepartmentId,
      followUpDue: day(v.followUpDue),
    });
    onSaved();
  };
  return (
    <FormModal<Decision>
      open={item !== undefined}
      title={t('meetings.decideTitle', { title: item?.title ?? '' })}
      onClose={onClose}
      onSubmit={save}
    >
      <Form.Item
        name="decision"
        label={t('meetings.decision')}
        rules={[required(t, t('meetings.decision')), maxChars(t, t('meetings.decision'), 2000)]}
      >
        <Input.TextArea rows={4} count={{ show: true, max: 2000 }} data-testid="field-decision" />
      </Form.Item>
      <Form.Item
        name="followUpDepartmentId"
        label={t('meetings.followUpDepartment')}
        rules={[required(t, t('meetings.followUpDepartment'), 'select')]}
      >
        <DepartmentSelect data-testid="field-followUpDepartmentId" />
      </Form.Item>
      <Form.Item name="followUpDue" label={t('meetings.followUpDue')} rules={[required(t, t('meetings.followUpDue'), 'select')]}>
        <DatePicker style={{ width: '100%' }} data-testid="field-followUpDue" />
      </Form.Item>
    </FormModal>
  );
}
