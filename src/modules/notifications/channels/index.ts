import type { Config } from '../../../platform/config.ts';
import { aliyunChannel } from './aliyun.ts';
import { logChannel } from './log.ts';
import { smtpChannel } from './smtp.ts';
import { tencentChannel } from './tencent.ts';
import type { Channels } from './types.ts';

/** The channels the settings configure; the log channel for whatever they leave out. */
export function channelsFrom(config: Config, log: (obj: object, msg: string) => void): Channels {
  const fallback = logChannel(log, !config.production);
  return {
    sms: !config.sms ? fallback : config.sms.provider === 'aliyun' ? aliyunChannel(config.sms) : tencentChannel(config.sms),
    email: config.mail ? smtpChannel(config.mail) : fallback,
  };
}
