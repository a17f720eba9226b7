/** 简体中文 — portal policies, push campaigns, 免申即享 and benefits (src/modules/campaigns, grants). */
export const zhPush = {
};
