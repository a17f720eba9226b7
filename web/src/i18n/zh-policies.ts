/** 简体中文 — policy library, rules as data and the rule editor (src/modules/policies). */
export const zhPolicies = {
};
