import { CheckCircleFilled, CloseCircleFilled, QuestionCircleFilled } from '@ant-design/icons';
import { Alert, Table, Tag, type TableColumnsType } from 'antd';
import type { HTMLAttributes, ReactNode } from 'react';
import type { Schemas } from '../api';
import { useI18n, type MessageKey } from '../i18n';
import { useShowValue } from './useShowValue';
import './eligibility-explanation.css';

export type ConditionOutcome = Schemas['EligibilityExplanation']['conditions'][number]['outcome'];

/**
 * One evaluated condition, as the matching engine explains it (src/modules/matching/evaluate.ts): what this
 * component takes from the several answers that carry one (explanations, rule-case runs, the eligible list).
 */
export interface ExplainedCondition {
  id: string;
  field: string;
  op: string;
  required: unknown;
  held: unknown;
  outcome: ConditionOutcome;
  clause: string;
  /** The value as displayed (numbers rounded half-up by the server); older answers leave it out. */
  shown?: unknown;
  /** Why the value is missing (what is missing, for which period). */
  missing?: string | null;
  /** The portal and applications APIs name the field; the policy editor's answers leave that to `fields`. */
  label?: string;
  labelEn?: string;
  unit?: string | null;
  source?: string;
}

/** A profile field's names, for conditions that come without them. */
export interface FieldNames {
  key: string;
  label: string;
  labelEn: string;
  unit?: string | null;
  source?: string;
}

interface Props {
  conditions: ExplainedCondition[];
  /**
   * list: a card per condition (reviewers, the enterprise's applications);
   * compact: divided rows that fit a 375 px phone (the portal's policy page);
   * table: one row per condition, for officers comparing many conditions (the policy editor).
   */
  layout?: 'list' | 'compact' | 'table';
  fields?: FieldNames[];
  /** The enterprise's status when it is out of scope (moved out, deregistered): stated above the conditions. */
  status?: 'active' | 'moved_out' | 'deregistered';
}

const ICON: Record<ConditionOutcome, ReactNode> = {
  pass: <CheckCircleFilled className="elig-icon-pass" />,
  fail: <CloseCircleFilled className="elig-icon-fail" />,
  unknown: <QuestionCircleFilled className="elig-icon-unknown" />,
};
const TAG_COLOR = { pass: 'success', fail: 'error', unknown: 'warning' } as const;

interface Row extends ExplainedCondition {
  name: string;
  unitText: string | null;
}

/**
 * 是否符合, condition by condition: the clause, what it requires, what the enterprise's file holds and the outcome.
 * Every layout marks a condition with data-testid `condition-<id>` and data-outcome.
 */
export function EligibilityExplanation({ conditions, layout = 'list', fields, status }: Props) {
  const { t, lang } = useI18n();
  const show = useShowValue();
  const rows: Row[] = conditions.map((c) => {
    const f = fields?.find((x) => x.key === c.field);
    const label = c.label ?? f?.label;
    const labelEn = c.labelEn || f?.labelEn;
    return {
      ...c,
      source: c.source ?? f?.source,
      name: (lang === 'zh' || !labelEn ? label : labelEn) ?? c.field,
      unitText: c.unit !== undefined ? c.unit : (f?.unit ?? null),
    };
  });
  const required = (c: Row) => `${t(`elig.op.${c.op}` as MessageKey)} ${show(c.required, c.unitText, c.op, c.field)}`;
  const outcome = (o: ConditionOutcome) => t(`elig.outcome.${o}`);
  const held = (c: Row) => show(c.shown !== undefined ? c.shown : c.held, c.unitText, undefined, c.field);
  const scope =
    status && status !== 'active' ? (
      <Alert type="error" showIcon title={t(`elig.status.${status}`)} data-testid="eligibility-scope" data-status={status} />
    ) : null;

  if (layout === 'table') {
    const columns: TableColumnsType<Row> = [
      { title: t('elig.field'), dataIndex: 'name', width: 180 },
      { title: t('elig.required'), key: 'required', width: 180, render: (_: unknown, c) => required(c) },
      {
        title: t('elig.held'),
        key: 'held',
        width: 180,
        render: (_: unknown, c) => (
          <>
            {held(c)}
            {c.missing && <div className="elig-condition-missing">{t('elig.missingWhy', { reason: c.missing })}</div>}
          </>
        ),
      },
      {
        title: t('elig.outcome'),
        dataIndex: 'outcome',
        width: 100,
        render: (o: ConditionOutcome) => <Tag color={TAG_COLOR[o]}>{outcome(o)}</Tag>,
      },
      { title: t('elig.clause'), dataIndex: 'clause' },
    ];
    return (
      <>
        {scope}
        <Table<Row>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={rows}
          columns={columns}
          data-testid="eligibility-explanation"
          onRow={(c) => ({ 'data-testid': `condition-${c.id}`, 'data-outcome': c.outcome }) as HTMLAttributes<HTMLElement>}
        />
      </>
    );
  }
  return (
    <>
      {scope}
      <ul className={`elig-conditions elig-${layout}`} data-testid="eligibility-explanation">
        {rows.map((c) => (
          <li
            key={c.id}
            className={`elig-condition elig-condition-${c.outcome}`}
            data-testid={`condition-${c.id}`}
            data-outcome={c.outcome}
          >
            <div className="elig-condition-head">
              {ICON[c.outcome]}
              <span className="elig-condition-label">{c.name}</span>
              <span className="elig-condition-outcome">{outcome(c.outcome)}</span>
            </div>
            {c.clause && <div className="elig-condition-clause">“{c.clause}”</div>}
            <div className="elig-condition-values">
              <span>
                {t('elig.required')}：{required(c)}
              </span>
              <span>
                {t('elig.held')}：{held(c)}
              </span>
            </div>
            {c.missing && <div className="elig-condition-missing">{t('elig.missingWhy', { reason: c.missing })}</div>}
            {c.source && <div className="elig-condition-source">{t('elig.source', { source: c.source })}</div>}
          </li>
        ))}
      </ul>
    </>
  );
}
