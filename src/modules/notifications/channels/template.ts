import type { SmsConfig } from '../../../platform/config.ts';
import { TEMPLATE_PARAMS } from '../queue.ts';
import { DeliveryError, type OutboxMessage } from './types.ts';

/** Template variables hold little (Aliyun: 35 characters for a notice's variable). */
export function shorten(text: string, max = 35): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** The template id configured for the message's kind; without one the message cannot go out. */
export function templateFor(config: SmsConfig, m: OutboxMessage): string {
  const id = config.templates[m.kind];
  if (!id) throw new DeliveryError(`未配置“${m.kind}”类短信模板（QIFU_SMS_TEMPLATES）`, 'TEMPLATE_NOT_CONFIGURED', true);
  return id;
}

/** The kind's parameters in template order; a notice's `content` defaults to its text. */
export function templateParams(m: OutboxMessage): [string, string][] {
  return TEMPLATE_PARAMS[m.kind].map((name) => {
    const value = m.params[name] ?? (name === 'content' ? shorten(m.body.replace(/^【[^】]*】/, '')) : undefined);
    if (value === undefined) throw new DeliveryError(`短信缺少模板参数 ${name}`, 'MISSING_TEMPLATE_PARAM', true);
    return [name, value];
  });
}

/** An endpoint override as the SDKs want it: protocol and host[:port] apart. */
export function splitEndpoint(url: string): { protocol: 'http' | 'https'; host: string } {
  const u = new URL(url);
  return { protocol: u.protocol === 'http:' ? 'http' : 'https', host: u.host };
}
