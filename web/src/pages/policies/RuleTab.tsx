import { App, Alert, Button, Card, DatePicker, Input, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { api, type Answer, type ApiError } from '../../api';
import { asApiError, useShowError } from '../../errors';
import { useDebounced } from '../../hooks/useDebounced';
import { useRequest } from '../../hooks/useRequest';
import { useI18n } from '../../i18n';
import { CasesPanel } from './CasesPanel';
import { conditions, isComplete } from './rule-tree';
import { RuleTree } from './RuleTree';
import type { FieldCatalogue, Rule, RuleCount as Count, RuleVersion } from './types';
import { shanghaiToday } from '../../format';

/** The live count of a draft rule, asked again once the rule has stayed the same for a moment. */
function useLiveCount(rule: Rule): { count?: Count; error?: ApiError; complete: boolean } {
  const settled = useDebounced(JSON.stringify(rule), 400);
  const [state, setState] = useState<{ key: string; count?: Count; error?: ApiError }>();
  const parsed = JSON.parse(settled) as Rule;
  const complete = conditions(parsed).length > 0 && isComplete(parsed);
  useEffect(() => {
    if (!complete) return;
    let live = true;
    api.post<Count>('/api/policy-rules/count', { rule: JSON.parse(settled) as Rule }).then(
      (count) => live && setState({ key: settled, count }),
      (err: unknown) => live && setState({ key: settled, error: asApiError(err) }),
    );
    return () => {
      live = false;
    };
  }, [settled, complete]);
  const current = state?.key === settled;
  return { count: current ? state?.count : undefined, error: current ? state?.error : undefined, complete };
}

/** 政策画像: the rule editor with its live count, versions and test cases. */
export function RuleTab({ policyId, editable, onSaved }: { policyId: number; editable: boolean; onSaved: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const catalogue = useRequest<FieldCatalogue>('/api/policy-rules/fields').data;
  const versions = useRequest<Answer<'/api/policies/{id}/rules'>>(`/api/policies/${policyId}/rules`);
  const [draft, setDraft] = useState<Rule | null>(null);
  const [chosenFrom, setValidFrom] = useState<Dayjs | null>(null);
  // A new version takes effect tomorrow, so that today's decisions stay explained by the rule they
  // were made with; a policy's first rule has nothing to supersede and applies at once.
  const validFrom = chosenFrom ?? (versions.data?.items.length === 0 ? shanghaiToday() : shanghaiToday().add(1, 'day'));
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  const current = versions.data?.items.find((v) => v.current) ?? versions.data?.items[0];
  const rule: Rule = draft ?? current?.rule ?? { all: [] };
  const live = useLiveCount(rule);

  const save = async () => {
    setSaving(true);
    try {
      const r = await api.post<Answer<'/api/policies/{id}/rules', 'post'>>(`/api/policies/${policyId}/rules`, {
        rule,
        validFrom: validFrom.format('YYYY-MM-DD'),
        note,
      });
      void message.success(t('pol.rule.saved', { version: r.version }));
      setDraft(null);
      setNote('');
      setValidFrom(null);
      versions.reload();
      onSaved();
    } catch (err) {
      showError(err);
    } finally {
      setSaving(false);
    }
  };

  const versionColumns: TableColumnsType<RuleVersion> = [
    {
      title: t('pol.rule.version'),
      dataIndex: 'version',
      width: 70,
      render: (v: number, r) => (
        <Space>
          v{v}
          {r.current && <Tag color="success">{t('pol.rule.current')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('pol.rule.validRange'),
      key: 'range',
      width: 220,
      render: (_: unknown, r) => `${r.validFrom} ~ ${r.validTo ?? t('pol.noEnd')}`,
    },
    { title: t('pol.rule.conditionCount'), key: 'n', width: 90, render: (_: unknown, r) => conditions(r.rule).length },
    { title: t('pol.rule.note'), dataIndex: 'note' },
    { title: t('pol.rule.by'), dataIndex: 'createdBy', width: 100, render: (b: string | null) => b ?? '—' },
    {
      title: t('common.actions'),
      key: 'load',
      width: 120,
      render: (_: unknown, r) => (
        <Button type="link" onClick={() => setDraft(r.rule)} data-testid="rule-version-load">
          {t('pol.rule.load')}
        </Button>
      ),
    },
  ];

  if (!catalogue || (versions.loading && !versions.data)) return null;
  return (
    <>
      <Card
        size="small"
        style={{ marginBottom: 16 }}
        title={
          <Space>
            {t('pol.tab.rule')}
            <span data-testid="rule-live-count" style={{ fontWeight: 'normal' }}>
              {!live.complete ? (
                <Typography.Text type="secondary">{t('pol.rule.incomplete')}</Typography.Text>
              ) : live.count ? (
                <>
                  <Tag color="success" style={{ fontSize: 14 }}>
                    {t('pol.rule.liveCount', { eligible: live.count.eligible, unknown: live.count.unknown })}
                  </Tag>
                  <Typography.Text type="secondary">{t('pol.rule.liveCountOf', { total: live.count.total })}</Typography.Text>
                </>
              ) : live.error ? (
                <Typography.Text type="danger">{live.error.message}</Typography.Text>
              ) : (
                <Typography.Text type="secondary">{t('pol.rule.counting')}</Typography.Text>
              )}
            </span>
          </Space>
        }
      >
        {conditions(rule).length === 0 && <Alert type="info" showIcon title={t('pol.rule.empty')} />}
        <RuleTree rule={rule} onChange={setDraft} catalogue={catalogue} readOnly={!editable} />
        {editable && (
          <Space wrap style={{ marginTop: 12 }}>
            <span>{t('pol.rule.validFrom')}</span>
            <DatePicker value={validFrom} allowClear={false} onChange={(d) => d && setValidFrom(d)} data-testid="rule-valid-from" />
            <Input
              value={note}
              placeholder={t('pol.rule.note')}
              aria-label={t('pol.rule.note')}
              style={{ width: 260 }}
              onChange={(e) => setNote(e.target.value)}
              data-testid="rule-note"
            />
            <Button type="primary" loading={saving} disabled={!live.complete} onClick={() => void save()} data-testid="rule-save">
              {t('pol.rule.save')}
            </Button>
          </Space>
        )}
      </Card>
      <CasesPanel policyId={policyId} rule={live.complete ? rule : null} editable={editable} catalogue={catalogue} />
      <Card size="small" title={t('pol.rule.versions')} style={{ marginTop: 16 }}>
        <Table<RuleVersion>
          rowKey="version"
          size="small"
          pagination={false}
          dataSource={versions.data?.items}
          columns={versionColumns}
          data-testid="rule-versions"
        />
      </Card>
    </>
  );
}
