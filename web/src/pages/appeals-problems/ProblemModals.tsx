import { DatePicker, Form, Input, Radio, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import 'dayjs/locale/zh-cn';
import { api } from '../../api';
import { AppealsPicker, type ChosenAppeal } from '../../components/AppealPicker';
import { DepartmentSelect } from '../../components/DepartmentSelect';
import { FormModal } from '../../components/FormModal';
import type { CommonProblem, ProblemCandidate, ProblemStatus } from '../../figures';
import { useI18n } from '../../i18n';
import { maxChars, required } from '../../rules';

const day = (d: Dayjs | null | undefined) => d?.format('YYYY-MM-DD');

/** 问题名称, 描述, 牵头部门, 完成时限: what a common problem is and who answers for it. */
function ProblemFields() {
  const { t } = useI18n();
  return (
    <>
      <Form.Item
        name="title"
        label={t('problems.title')}
        rules={[required(t, t('problems.title')), { min: 2, message: t('problems.titleTooShort') }]}
      >
        <Input maxLength={200} data-testid="field-title" />
      </Form.Item>
      <Form.Item name="description" label={t('problems.description')} rules={[maxChars(t, t('problems.description'), 5000)]}>
        <Input.TextArea rows={3} count={{ show: true, max: 5000 }} data-testid="field-description" />
      </Form.Item>
      <Form.Item name="ownerDepartmentId" label={t('problems.owner')} rules={[required(t, t('problems.owner'), 'select')]}>
        <DepartmentSelect data-testid="field-ownerDepartmentId" />
      </Form.Item>
      <Form.Item name="deadline" label={t('problems.deadline')}>
        <DatePicker style={{ width: '100%' }} data-testid="field-deadline" />
      </Form.Item>
    </>
  );
}

interface CreateValues {
  title: string;
  description?: string;
  ownerDepartmentId: number;
  deadline?: Dayjs;
}

/** 设立共性问题 from a cluster of similar appeals: its appeals are linked to the new problem. */
export function CreateProblemModal({
  candidate,
  onClose,
  onSaved,
}: {
  candidate: ProblemCandidate | undefined;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const save = async (v: CreateValues) => {
    if (!candidate) return;
    await api.post('/api/common-problems', {
      title: v.title.trim(),
      description: v.description?.trim() ?? '',
      ownerDepartmentId: v.ownerDepartmentId,
      deadline: day(v.deadline),
      appealIds: candidate.appealIds,
    });
    onSaved();
  };
  const initialValues = candidate && {
    title: candidate.title,
    description: t('problems.candidateDescription', { enterprises: candidate.enterprises, terms: candidate.terms.join('、') }),
  };
  return (
    <FormModal<CreateValues>
      open={candidate !== undefined}
      title={t('problems.create')}
      initialValues={initialValues}
      onClose={onClose}
      onSubmit={save}
    >
      <Typography.Paragraph type="secondary">{t('problems.createHint', { count: candidate?.appealIds.length ?? 0 })}</Typography.Paragraph>
      <ProblemFields />
    </FormModal>
  );
}

interface UpdateValues extends CreateValues {
  progress?: string;
  status: ProblemStatus;
  linkAppeals?: ChosenAppeal[];
}

/** 更新: progress, status, owner, deadline, and more appeals found to be the same problem. */
export function UpdateProblemModal({
  problem,
  onClose,
  onSaved,
}: {
  problem: CommonProblem | undefined;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const save = async (v: UpdateValues) => {
    if (!problem) return;
    const linkAppealIds = (v.linkAppeals ?? []).map((a) => a.value);
    await api.patch(`/api/common-problems/${problem.id}`, {
      title: v.title.trim(),
      description: v.description?.trim() ?? '',
      ownerDepartmentId: v.ownerDepartmentId,
      deadline: day(v.deadline) ?? null,
      progress: v.progress?.trim() ?? '',
      status: v.status,
      linkAppealIds: linkAppealIds.length ? linkAppealIds : undefined,
    });
    onSaved();
  };
  const initialValues = problem && {
    title: problem.title,
    description: problem.description,
    ownerDepartmentId: problem.owner?.id,
    deadline: problem.deadline ? dayjs(problem.deadline) : undefined,
    progress: problem.progress,
    status: problem.status,
  };
  return (
    <FormModal<UpdateValues>
      open={problem !== undefined}
      title={t('problems.updateTitle')}
      initialValues={initialValues}
      onClose={onClose}
      onSubmit={save}
      width={640}
    >
      <ProblemFields />
      <Form.Item name="progress" label={t('problems.progress')} rules={[maxChars(t, t('problems.progress'), 5000)]}>
        <Input.TextArea rows={4} count={{ show: true, max: 5000 }} data-testid="field-progress" />
      </Form.Item>
      <Form.Item name="status" label={t('problems.status')}>
        <Radio.Group
          optionType="button"
          options={[
            { value: 'open', label: t('problems.status.open') },
            { value: 'resolved', label: t('problems.status.resolved') },
          ]}
          data-testid="field-status"
        />
      </Form.Item>
      <Form.Item name="linkAppeals" label={t('problems.linkAppeals')} extra={t('problems.linkHint')}>
        <AppealsPicker data-testid="field-linkAppeals" />
      </Form.Item>
    </FormModal>
  );
}
