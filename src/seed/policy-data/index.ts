/**
 * The demo policy library: policies at four levels that a Bao'an enterprise would meet, each
 * with its eligibility as a rule whose clauses are the articles of its text. Conditions get
 * their ids (c1, c2 …) when seeded. Amounts in 万元. One file per group of topics; the order
 * here is the order they are seeded in.
 */
import type { PolicySeed } from './common.ts';
import { INNOVATION } from './innovation.ts';
import { TALENT_AND_JOBS } from './talent-jobs.ts';
import { FINANCE_AND_SPACE } from './finance-space.ts';
import { INDUSTRY_AND_TRADE } from './industry-trade.ts';
import { HEADQUARTERS_DIGITAL_AND_OTHER } from './headquarters-digital-other.ts';

export type { PolicySeed, SeedRule } from './common.ts';

export const POLICIES: readonly PolicySeed[] = [
  ...INNOVATION,
  ...TALENT_AND_JOBS,
  ...FINANCE_AND_SPACE,
  ...INDUSTRY_AND_TRADE,
  ...HEADQUARTERS_DIGITAL_AND_OTHER,
];
