import type { zhApplications } from './zh-applications';

/** English — applications, review, 秒批, disbursement and figures (src/modules/applications). */
export const enApplications: Record<keyof typeof zhApplications, string> = {
};
