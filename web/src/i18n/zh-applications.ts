/** 简体中文 — applications, review, 秒批, disbursement and figures (src/modules/applications). */
export const zhApplications = {
};
