import { Alert, Checkbox, Form, Input, InputNumber, Radio, Rate, Select, Tag } from 'antd';
import {
  APPEAL_TYPES,
  FOLLOW_UP_OUTCOMES,
  meaningful,
  SATISFIED_FROM,
  type AppealDetail,
  type AppealType,
  type FollowUpOutcome,
  type StaffAction,
} from '../../appeals';
import { DepartmentSelect, DepartmentsSelect } from '../../components/DepartmentSelect';
import { ServiceItemPicker } from '../../components/ServiceItemPicker';
import { useDepartments } from '../../hooks/useLookups';
import { useI18n, type MessageKey } from '../../i18n';
import { maxChars, required } from '../../rules';
import { GRADES, type Category, type Grade, type ServiceItem } from '../../types';
import { pendingExtension, pendingReturn } from './pending';
import { ReplyFields } from './ReplyFields';

export function findItem(categories: Category[], id: number | undefined): ServiceItem | undefined {
  return id === undefined ? undefined : categories.flatMap((c) => c.items).find((i) => i.id === id);
}

/** The grade an item is handled at: urgent when the enterprise asked for it, else the item's default. */
function gradeFor(appeal: AppealDetail, item: ServiceItem | undefined): Grade | undefined {
  return appeal.requestedUrgency === 'urgent' ? 'urgent' : item?.defaultGrade;
}

/** What each form starts with: the suggested item and its grade, the item's department, the suggested department … */
export function initialValuesFor(action: StaffAction, appeal: AppealDetail, categories: Category[]): object {
  switch (action) {
    case 'accept': {
      const itemId = appeal.serviceItem?.id ?? meaningful(appeal.suggestions)[0]?.serviceItemId;
      return { serviceItemId: itemId, grade: gradeFor(appeal, findItem(categories, itemId)), appealType: appeal.appealType };
    }
    case 'dispatch':
      return { departmentId: findItem(categories, appeal.serviceItem?.id)?.departmentId, assistDepartmentIds: [] };
    case 'arbitrate_return':
      return { departmentId: pendingReturn(appeal)?.suggestedDepartmentId };
    case 'request_extension':
      return { workingDays: 3 };
    case 'supervise':
      return { workingDays: 2 };
    case 'escalate':
      return { toAgenda: false };
    default:
      return {};
  }
}

function Text({
  name,
  label,
  rows = 3,
  max = 2000,
  optional = false,
}: {
  name: string;
  label: MessageKey;
  rows?: number;
  max?: number;
  optional?: boolean;
}) {
  const { t } = useI18n();
  return (
    <Form.Item name={name} label={t(label)} rules={[...(optional ? [] : [required(t, t(label))]), maxChars(t, t(label), max)]}>
      <Input.TextArea rows={rows} count={{ show: true, max }} data-testid={`field-${name}`} />
    </Form.Item>
  );
}

const Note = () => <Text name="note" label="appeal.form.note" rows={2} optional />;

/** 受理: confirm or change the item (suggestions one click away) and the grade, which follows the item. */
function AcceptFields({ appeal, categories }: { appeal: AppealDetail; categories: Category[] }) {
  const { t } = useI18n();
  const form = Form.useFormInstance();
  const pick = (id: number | undefined) => form.setFieldsValue({ serviceItemId: id, grade: gradeFor(appeal, findItem(categories, id)) });
  const selected = Form.useWatch<number | undefined>('serviceItemId', form);
  const suggestions = meaningful(appeal.suggestions);
  return (
    <>
      {suggestions.length > 0 && (
        <div className="suggestions">
          <span className="suggestions-label">{t('appeal.suggested')}</span>
          {suggestions.map((s) => (
            <Tag.CheckableTag
              key={s.serviceItemId}
              checked={selected === s.serviceItemId}
              onChange={() => pick(s.serviceItemId)}
              className="suggestion"
              data-testid="suggestion"
            >
              {s.name} · {Math.round(s.confidence * 100)}%
            </Tag.CheckableTag>
          ))}
        </div>
      )}
      <Form.Item name="serviceItemId" label={t('appeal.serviceItem')} rules={[required(t, t('appeal.serviceItem'), 'select')]}>
        <ServiceItemPicker onChange={pick} data-testid="field-serviceItemId" />
      </Form.Item>
      <Form.Item
        name="grade"
        label={t('appeal.grade')}
        extra={appeal.requestedUrgency === 'urgent' ? t('appeal.form.urgentRequested') : undefined}
      >
        <Select<Grade> options={GRADES.map((g) => ({ value: g, label: t(`grade.${g}`) }))} data-testid="field-grade" />
      </Form.Item>
      <Form.Item name="appealType" label={t('appeal.type')} extra={t('appeal.typeHint')}>
        <Select<AppealType>
          options={APPEAL_TYPES.map((type) => ({ value: type, label: t(`appeal.type.${type}`) }))}
          data-testid="field-appealType"
        />
      </Form.Item>
      <Note />
    </>
  );
}

function DepartmentItem({
  name,
  label,
  extra,
  exclude,
  optional = false,
}: {
  name: string;
  label: MessageKey;
  extra?: string;
  exclude?: number[];
  optional?: boolean;
}) {
  const { t } = useI18n();
  return (
    <Form.Item name={name} label={t(label)} extra={extra} rules={optional ? [] : [required(t, t(label), 'select')]}>
      <DepartmentSelect exclude={exclude} allowClear={optional} data-testid={`field-${name}`} />
    </Form.Item>
  );
}

function DispatchFields() {
  const { t } = useI18n();
  const lead = Form.useWatch<number | undefined>('departmentId');
  return (
    <>
      <DepartmentItem name="departmentId" label="appeal.form.lead" extra={t('appeal.form.leadHint')} />
      <Form.Item name="assistDepartmentIds" label={t('appeal.form.assists')}>
        <DepartmentsSelect exclude={lead === undefined ? [] : [lead]} data-testid="field-assistDepartmentIds" />
      </Form.Item>
      <Note />
    </>
  );
}

/** 退回仲裁: the department's reason first, then the ruling; upheld needs the department it goes to. */
function ArbitrateFields({ appeal }: { appeal: AppealDetail }) {
  const { t } = useI18n();
  const departments = useDepartments();
  const upheld = Form.useWatch<boolean | undefined>('upheld');
  const pending = pendingReturn(appeal);
  const suggested = departments.find((d) => d.id === pending?.suggestedDepartmentId)?.name;
  return (
    <>
      {pending && (
        <Alert
          type="warning"
          showIcon
          className="action-context"
          data-testid="pending-return"
          title={t('appeal.form.pendingReturn', { department: appeal.department?.name ?? pending.by, reason: pending.reason })}
          description={suggested && t('appeal.form.pendingSuggested', { name: suggested })}
        />
      )}
      <Form.Item name="upheld" label={t('appeal.form.arbitration')} rules={[required(t, t('appeal.form.arbitration'), 'select')]}>
        <Radio.Group
          className="radio-stack"
          options={[
            { value: true, label: t('appeal.form.upheld') },
            { value: false, label: t('appeal.form.rejected') },
          ]}
          data-testid="field-upheld"
        />
      </Form.Item>
      {upheld && (
        <DepartmentItem name="departmentId" label="appeal.form.redirectTo" exclude={appeal.department ? [appeal.department.id] : []} />
      )}
      <Note />
    </>
  );
}

function DecideExtensionFields({ appeal }: { appeal: AppealDetail }) {
  const { t } = useI18n();
  const pending = pendingExtension(appeal);
  return (
    <>
      {pending && (
        <Alert
          type="info"
          showIcon
          className="action-context"
          data-testid="pending-extension"
          title={t('appeal.form.pendingExtension', {
            department: appeal.department?.name ?? pending.by,
            days: pending.workingDays ?? '—',
            reason: pending.reason,
          })}
        />
      )}
      <Form.Item name="approve" label={t('appeal.form.decision')} rules={[required(t, t('appeal.form.decision'), 'select')]}>
        <Radio.Group
          options={[
            { value: true, label: t('appeal.form.approve') },
            { value: false, label: t('appeal.form.deny') },
          ]}
          data-testid="field-approve"
        />
      </Form.Item>
      <Note />
    </>
  );
}

function Days({ name, label }: { name: string; label: MessageKey }) {
  const { t } = useI18n();
  return (
    <Form.Item name={name} label={t(label)} rules={[required(t, t(label), 'select')]}>
      <InputNumber min={1} max={30} precision={0} data-testid={`field-${name}`} />
    </Form.Item>
  );
}

/** 回访: the call's outcome, and the rating only when the enterprise gave one (the 回访 page records the same). */
function FollowUpFields() {
  const { t } = useI18n();
  const outcome = Form.useWatch<FollowUpOutcome | undefined>('outcome');
  const rating = Form.useWatch<number | undefined>('rating');
  return (
    <>
      <Form.Item name="outcome" label={t('followUp.outcome')} rules={[required(t, t('followUp.outcome'), 'select')]}>
        <Radio.Group
          optionType="button"
          options={FOLLOW_UP_OUTCOMES.map((o) => ({ value: o, label: t(`followUp.outcome.${o}`) }))}
          data-testid="field-outcome"
        />
      </Form.Item>
      {outcome === 'rated' && (
        <Form.Item
          name="rating"
          label={t('followUp.rating')}
          rules={[required(t, t('followUp.rating'), 'select')]}
          extra={rating !== undefined && rating < SATISFIED_FROM ? t('followUp.unsatisfiedHint') : undefined}
        >
          <Rate data-testid="field-rating" />
        </Form.Item>
      )}
      {outcome === 'declined' && <Alert type="info" showIcon className="action-context" title={t('followUp.declinedHint')} />}
      <Text name="comment" label="followUp.comment" max={1000} optional />
    </>
  );
}

/** The fields of one action's body (src/modules/appeals/action-inputs.ts). */
export function ActionFields({ action, appeal, categories }: { action: StaffAction; appeal: AppealDetail; categories: Category[] }) {
  const { t } = useI18n();
  switch (action) {
    case 'accept':
      return <AcceptFields appeal={appeal} categories={categories} />;
    case 'decline':
      return <Text name="reason" label="appeal.form.declineReason" />;
    case 'resolve_on_spot':
      return (
        <>
          {appeal.appealType === 'consultation' && (
            <Alert type="info" showIcon className="action-context" title={t('followUp.consultationOnSpot')} />
          )}
          <Text name="reply" label="appeal.form.onSpotReply" rows={5} />
        </>
      );
    case 'dispatch':
      return <DispatchFields />;
    case 'return':
      return (
        <>
          <Text name="reason" label="appeal.form.returnReason" />
          <DepartmentItem
            name="suggestedDepartmentId"
            label="appeal.form.suggestedDepartment"
            exclude={appeal.department ? [appeal.department.id] : []}
            optional
          />
        </>
      );
    case 'arbitrate_return':
      return <ArbitrateFields appeal={appeal} />;
    case 'transfer':
      return (
        <>
          <DepartmentItem name="departmentId" label="appeal.form.transferTo" exclude={appeal.department ? [appeal.department.id] : []} />
          <Text name="note" label="appeal.form.transferNote" />
        </>
      );
    case 'request_info':
      return <Text name="question" label="appeal.form.question" />;
    case 'assist_opinion':
      return <Text name="opinion" label="appeal.form.opinion" rows={4} />;
    case 'reply':
      return <ReplyFields appeal={appeal} />;
    case 'request_extension':
      return (
        <>
          <Days name="workingDays" label="appeal.form.workingDays" />
          <Text name="reason" label="appeal.form.extensionReason" />
        </>
      );
    case 'decide_extension':
      return <DecideExtensionFields appeal={appeal} />;
    case 'escalate':
      return (
        <>
          <Text name="note" label="appeal.form.escalateNote" />
          <Form.Item name="toAgenda" valuePropName="checked">
            <Checkbox data-testid="field-toAgenda">{t('appeal.form.toAgenda')}</Checkbox>
          </Form.Item>
        </>
      );
    case 'supervise':
      return (
        <>
          <Text name="content" label="appeal.form.superviseContent" />
          <Days name="workingDays" label="appeal.form.superviseDays" />
        </>
      );
    case 'comment':
      return <Text name="note" label="appeal.form.commentNote" />;
    case 'follow_up':
      return <FollowUpFields />;
    case 'claim':
    case 'start':
    case 'claim_and_start':
    case 'close':
      return <Note />;
  }
}
