import { ThunderboltFilled } from '@ant-design/icons';
import { Tag } from 'antd';
import { useI18n } from '../../../i18n';
import type { ApplicationState, ReviewFlag } from './types';

const COLOR: Record<ApplicationState, string> = {
  submitted: 'blue',
  accepted: 'cyan',
  in_review: 'processing',
  returned: 'orange',
  approved: 'green',
  refused: 'red',
  agreement_signed: 'geekblue',
  disbursed: 'success',
  withdrawn: 'default',
};

export function ApplicationStateTag({ state }: { state: ApplicationState }) {
  const { t } = useI18n();
  return (
    <Tag color={COLOR[state]} data-testid="application-state" data-state={state}>
      {t(`apl.state.${state}`)}
    </Tag>
  );
}

/** 秒批 marker. */
export function InstantTag() {
  const { t } = useI18n();
  return (
    <Tag color="gold" icon={<ThunderboltFilled />} data-testid="instant-tag">
      {t('apl.instant')}
    </Tag>
  );
}

/** Why it went to a reviewer rather than being approved instantly. */
export function FlagTag({ flag }: { flag: ReviewFlag }) {
  const { t } = useI18n();
  return (
    <Tag color={flag === 'ineligible' ? 'red' : flag === 'differences' ? 'orange' : 'default'} data-testid="flag-tag">
      {t(`apl.flag.${flag}`)}
    </Tag>
  );
}
