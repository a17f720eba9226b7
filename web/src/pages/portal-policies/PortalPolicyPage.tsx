import { PaperClipOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Collapse, Tag } from 'antd';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { EligibilityExplanation } from '../../components/EligibilityExplanation';
import { LoadError } from '../../components/LoadError';
import { PageLoading } from '../../components/PageLoading';
import { formatDateTime } from '../../format';
import { useRequest } from '../../hooks/useRequest';
import { useI18n } from '../../i18n';
import type { Explanation } from '../../types';
import type { Notice, PortalPolicy } from './types';
import './portal-policies.css';

/** One policy as the enterprise sees it: am I eligible and why, the notices to apply to, the text. */
export default function PortalPolicyPage() {
  const { t, lang } = useI18n();
  const { id } = useParams();
  const { data, error, reload } = useRequest<PortalPolicy>(`/api/portal/policies/${Number(id)}`);
  if (error && !data) return <LoadError error={error} onRetry={reload} />;
  if (!data) return <PageLoading />;
  const p = data.policy;
  const texts = [
    { key: 'summary', label: t('pp.summary'), text: p.summary },
    { key: 'fullText', label: t('pp.fullText'), text: p.fullText },
    { key: 'interpretation', label: t('pp.interpretation'), text: p.interpretation },
  ].filter((x) => x.text);

  return (
    <div className="pp-page" data-testid="portal-policy">
      <section className="pp-card">
        <div className="pp-card-title" data-testid="policy-title">
          {p.title}
        </div>
        <div className="pp-card-tags">
          <Tag>{t(`pp.level.${p.level}`)}</Tag>
          {p.autoGrant && <Tag color="purple">{t('pp.autoGrant')}</Tag>}
        </div>
        <div className="pp-card-meta">
          <span>
            {t('pp.issuer')}：{p.issuer}
          </span>
          {p.docNumber && (
            <span>
              {t('pp.docNumber')}：{p.docNumber}
            </span>
          )}
          <span>
            {t('pp.effective')}：{p.effectiveFrom} ~ {p.effectiveTo ?? t('pp.longTerm')}
          </span>
        </div>
        {p.benefit && (
          <div className="pp-card-text">
            <strong>{t('pp.benefit')}：</strong>
            {p.benefit}
            {p.maxAmount !== null && `（${t('pp.maxAmount', { amount: p.maxAmount })}）`}
          </div>
        )}
        {data.benefits.map((b) => (
          <Alert
            key={b.id}
            type="success"
            showIcon
            className="pp-notice-actions"
            title={t('pp.myBenefits', { amount: b.amount, date: b.paidOn })}
          />
        ))}
      </section>

      <Card size="small" title={t('pp.eligibility')} data-testid="eligibility">
        <EligibilityBlock explanation={data.eligibility} autoGrant={p.autoGrant} />
      </Card>

      <Card size="small" title={t('pp.notices')}>
        {p.notices.length === 0 ? (
          <div className="pp-card-meta">{t('pp.noNotices')}</div>
        ) : (
          p.notices.map((n) => <NoticeRow key={n.id} notice={n} applied={data.applications.find((a) => a.noticeId === n.id)} lang={lang} />)
        )}
      </Card>

      {texts.length > 0 && (
        <Collapse
          defaultActiveKey={['summary']}
          items={texts.map((x) => ({ key: x.key, label: x.label, children: <div className="pp-text">{x.text}</div> }))}
        />
      )}

      {p.attachments.length > 0 && (
        <Card size="small" title={t('pp.attachments')}>
          {p.attachments.map((a) => (
            <div key={a.id}>
              <a href={`/api/policies/${p.id}/attachments/${a.id}`} download={a.fileName}>
                <PaperClipOutlined /> {a.fileName}
              </a>
            </div>
          ))}
        </Card>
      )}
    </div>
  );
}

function EligibilityBlock({ explanation, autoGrant }: { explanation: Explanation | null; autoGrant: boolean }) {
  const { t } = useI18n();
  if (!explanation) return <div className="pp-card-meta">{t('pp.noRule')}</div>;
  const { eligibility } = explanation;
  const alert =
    eligibility === 'eligible'
      ? { type: 'success' as const, title: t('pp.eligible'), hint: autoGrant ? t('pp.autoGrantHint') : t('pp.eligibleHint') }
      : eligibility === 'unknown'
        ? { type: 'warning' as const, title: t('pp.unknown'), hint: t('pp.unknownHint') }
        : { type: 'error' as const, title: t('pp.ineligible'), hint: t('pp.ineligibleHint') };
  return (
    <>
      <Alert
        type={alert.type}
        showIcon
        title={alert.title}
        description={alert.hint}
        data-testid="eligibility-result"
        data-eligibility={eligibility}
      />
      <EligibilityExplanation layout="compact" conditions={explanation.conditions} status={explanation.status} />
    </>
  );
}

function NoticeRow({
  notice: n,
  applied,
  lang,
}: {
  notice: Notice;
  applied: { id: number; number: string } | undefined;
  lang: 'zh' | 'en';
}) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const closed = new Date(n.closesAt).getTime() < Date.now();
  return (
    <div className="pp-notice" data-testid="notice" data-id={n.id}>
      <div className="pp-card-title">{n.title}</div>
      <div className="pp-card-meta">{t('pp.window', { from: formatDateTime(n.opensAt, lang), to: formatDateTime(n.closesAt, lang) })}</div>
      <div className="pp-notice-actions">
        {applied ? (
          <Link to={`/portal/applications/${applied.id}`}>{t('pp.applied', { number: applied.number })}</Link>
        ) : n.open ? (
          <Button
            type="primary"
            block
            onClick={() => void navigate(`/portal/applications/new?noticeId=${n.id}`)}
            data-testid={`apply-${n.id}`}
          >
            {t('pp.applyNow')}
          </Button>
        ) : (
          <Tag>{closed ? t('pp.closed') : t('pp.notOpen')}</Tag>
        )}
      </div>
    </div>
  );
}
