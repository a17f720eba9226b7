import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import type { Scheduler } from '../../platform/scheduler.ts';
import { ensureFresh, warmStore } from './engine.ts';
import { matchingRoutes } from './routes.ts';

/**
 * 政策找企业: the matching engine. Other modules code against the functions exported here;
 * the server drains the match queue every few seconds, so an enterprise's edit reaches its
 * "policies for me" without anyone calling the engine (tests call ensureFresh themselves).
 */
export { FIELDS, FIELD_KEYS, fieldDef, type FieldDef, type FieldKey, type FieldKind, type Profile, type ProfileValue } from './fields.ts';
export {
  conditionSchema,
  conditionsOf,
  isCondition,
  OPS_BY_KIND,
  ruleSchema,
  type Condition,
  type ConditionResult,
  type Eligibility,
  type Evaluation,
  type Outcome,
  type Rule,
} from './rule.ts';
export { evaluate, eligibilityOf, outcomeOf } from './evaluate.ts';
export { buildProfile, loadProfile, loadProfiles, today, type LoadedProfile } from './profile.ts';
export {
  enterpriseExplanationSchema,
  explain,
  explanationOf,
  explanationSchema,
  type EnterpriseExplanation,
  type Explanation,
} from './explanation.ts';
export { countMatches, currentRule, ensureFresh, explainFor, matchAll, rematchPolicy, type RunSummary } from './engine.ts';

export function matchingModule(app: FastifyInstance, ctx: AppContext, scheduler: Scheduler | undefined): void {
  matchingRoutes(app, ctx.db);
  // Also keeps the column store built, so that the rule editor's first live count is as quick as the rest.
  // In every process: each has its own store; the queue itself is drained under an advisory lock.
  scheduler?.every(
    'policy-matching',
    5_000,
    async () => {
      await ensureFresh(ctx.db);
      await warmStore(ctx.db);
    },
    'process',
  );
}
