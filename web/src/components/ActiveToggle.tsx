import { Button, Popconfirm, Tag } from 'antd';
import { useI18n } from '../i18n';

/** 启用/停用 with a confirmation; `onChange` gets the new state. */
export function ActiveToggle({ name, active, onChange }: { name: string; active: boolean; onChange: (active: boolean) => Promise<void> }) {
  const { t } = useI18n();
  return (
    <Popconfirm
      title={t(active ? 'common.confirmDisable' : 'common.confirmEnable', { name })}
      okText={t(active ? 'common.disable' : 'common.enable')}
      cancelText={t('common.cancel')}
      onConfirm={() => void onChange(!active)}
    >
      <Button type="link" size="small" danger={active} data-testid={active ? 'disable' : 'enable'}>
        {t(active ? 'common.disable' : 'common.enable')}
      </Button>
    </Popconfirm>
  );
}

export function StatusTag({ active }: { active: boolean }) {
  const { t } = useI18n();
  return <Tag color={active ? 'green' : 'default'}>{t(active ? 'common.active' : 'common.inactive')}</Tag>;
}
