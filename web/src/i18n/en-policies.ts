import type { zhPolicies } from './zh-policies';

/** English — policy library, rules as data and the rule editor (src/modules/policies). */
export const enPolicies: Record<keyof typeof zhPolicies, string> = {
};
