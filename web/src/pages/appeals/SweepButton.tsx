import { ThunderboltOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { api } from '../../api';
import type { SweepResult } from '../../appeals';
import { useShowError } from '../../errors';
import { useI18n } from '../../i18n';

/** 立即巡检: runs the warning sweep now (it also runs every minute) and reports what it changed. */
export function SweepButton({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const showError = useShowError();
  const [running, setRunning] = useState(false);

  const sweep = async () => {
    setRunning(true);
    try {
      const r = await api.post<SweepResult>('/api/appeals/sweep');
      const reminders = Object.values(r.reminders).reduce((sum, n) => sum + n, 0);
      modal.success({
        title: t('appeals.sweepDone'),
        content: t('appeals.sweepResult', {
          changed: r.changed,
          reminders,
          agenda: r.agendaItems,
          closed: r.autoClosed,
          ms: Math.round(r.ms),
        }),
        okText: t('common.ok'),
      });
      onDone();
    } catch (err) {
      showError(err);
    } finally {
      setRunning(false);
    }
  };

  return (
    <Button icon={<ThunderboltOutlined />} loading={running} onClick={() => void sweep()} data-testid="sweep">
      {t('appeals.sweep')}
    </Button>
  );
}
