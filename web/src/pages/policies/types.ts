/** Shapes of the policy library's API answers (src/modules/policies/schemas.ts, rule-routes.ts): names for the generated contract's types. */
import type { Answer, Schemas } from '../../api';
import { valuesOf, type Me } from '../../types';

export type SearchResult = Answer<'/api/policies'>;
export type PolicyItem = SearchResult['items'][number];
export type PolicyLevel = PolicyItem['level'];
export type PolicyStatus = PolicyItem['status'];
export const LEVELS = valuesOf<PolicyLevel>({ national: true, provincial: true, municipal: true, district: true });
export const POLICY_STATUSES = valuesOf<PolicyStatus>({ draft: true, published: true, archived: true });

export type PolicyDetail = Answer<'/api/policies/{id}'>;
export type Notice = PolicyDetail['notices'][number];
export type NoticeStatus = Notice['status'];
export type Material = Notice['materials'][number];

/** Who writes the library (the server's WRITERS in src/modules/policies/routes.ts; it checks them too). */
export const EDITORS: readonly Me['role'][] = ['policy_officer', 'admin'];
/** Suggested categories: the server keeps the category as free text. */
export const CATEGORIES = [
  '科技创新',
  '专精特新',
  '人才',
  '金融',
  '稳岗',
  '产业用房',
  '工业投资',
  '外贸',
  '商贸',
  '总部经济',
  '数字经济',
  '绿色低碳',
  '税费减免',
  '文化旅游',
  '安全生产',
  '营商环境',
];

export type FieldCatalogue = Answer<'/api/policy-rules/fields'>;
export type FieldInfo = FieldCatalogue['fields'][number];
export type Option = FieldCatalogue['options']['street'][number];

/** 政策画像: a tree of all / any / not over conditions (src/modules/matching/rule.ts). */
export type Rule = Schemas['PolicyRule'];
export type Condition = Extract<Rule, { field: unknown }>;
/** A condition's value; a `between` holds two (OpenAPI 3.0 cannot say "a pair", so the contract says an array). */
export type Value = Condition['value'];
export type RuleVersion = Answer<'/api/policies/{id}/rules'>['items'][number];
export type RuleCount = Answer<'/api/policy-rules/count', 'post'>;

export type RuleCase = Answer<'/api/policies/{id}/rule-cases'>['items'][number];
export type Eligibility = RuleCase['expected'];
export const ELIGIBILITIES = valuesOf<Eligibility>({ eligible: true, ineligible: true, unknown: true });
export type CaseRun = Answer<'/api/policies/{id}/rule-cases/run', 'post'>;

export type EligibleAnswer = Answer<'/api/policies/{id}/eligible'>;
export type EligibleItem = EligibleAnswer['items'][number];
/** One enterprise against the current rule; null when the policy has no rule in force or the enterprise is gone. */
export type EligibleExplanation = Answer<'/api/policies/{id}/eligible/{enterpriseId}'>;
