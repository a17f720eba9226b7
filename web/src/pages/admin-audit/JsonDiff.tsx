import { Col, Row } from 'antd';
import { useI18n } from '../../i18n';

function pretty(value: unknown): string | undefined {
  return value == null ? undefined : JSON.stringify(value, null, 2);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Top-level keys whose values differ between the two records. */
function changedKeys(before: unknown, after: unknown): string[] {
  if (!isObject(before) || !isObject(after)) return [];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

/** An audit record's before and after, side by side, with the changed fields named. */
export function JsonDiff({ before, after }: { before: unknown; after: unknown }) {
  const { t } = useI18n();
  const changed = changedKeys(before, after);
  const side = (title: string, value: unknown) => (
    <Col xs={24} md={12}>
      <div className="audit-side-title">{title}</div>
      <pre className="audit-json">{pretty(value) ?? t('audit.empty')}</pre>
    </Col>
  );
  return (
    <div data-testid="audit-diff">
      {changed.length > 0 && (
        <div className="audit-changed">
          {t('audit.changed')}
          {changed.map((k) => (
            <code key={k} className="audit-code">
              {k}
            </code>
          ))}
        </div>
      )}
      <Row gutter={16}>
        {side(t('audit.before'), before)}
        {side(t('audit.after'), after)}
      </Row>
    </div>
  );
}
