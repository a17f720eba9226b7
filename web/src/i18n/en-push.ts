import type { zhPush } from './zh-push';

/** English — portal policies, push campaigns, 免申即享 and benefits (src/modules/campaigns, grants). */
export const enPush: Record<keyof typeof zhPush, string> = {
};
