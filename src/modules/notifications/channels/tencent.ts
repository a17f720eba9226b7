import { createRequire } from 'node:module';
import type { SmsConfig } from '../../../platform/config.ts';
import { splitEndpoint, templateFor, templateParams } from './template.ts';
import { DeliveryError, networkError, type ChannelAdapter, type Receipt } from './types.ts';

/**
 * Tencent's error code → whether trying again can help: frequency limits (`LimitExceeded.*`,
 * `RequestLimitExceeded`), the platform's faults (`InternalError.*`, `ResourceUnavailable.*`)
 * and 5xx are transient; the rest (number, signature, template, credentials) permanent.
 * https://cloud.tencent.com/document/product/382/52075
 */
export function tencentPermanent(code: string, httpStatus?: number): boolean {
  if (httpStatus !== undefined) return httpStatus < 500;
  return !(code === '' || /^(LimitExceeded|RequestLimitExceeded|InternalError|ResourceUnavailable)/.test(code));
}

type Sdk = typeof import('tencentcloud-sdk-nodejs-sms');
let sdk: Sdk | undefined;
/** Loaded when a Tencent channel is made: the SDK takes most of a second to load, and most processes never use it. */
function loadSdk(): Sdk {
  sdk ??= createRequire(import.meta.url)('tencentcloud-sdk-nodejs-sms') as Sdk;
  return sdk;
}
/** Receipts are pulled from a queue on Tencent's side: each call returns what is new, up to this many. */
const PULL_LIMIT = 100;

/** Tencent Cloud SMS (2021-01-11) through the official SDK: SendSms, receipts by PullSmsSendStatus. */
export function tencentChannel(config: SmsConfig): ChannelAdapter {
  const endpoint = config.endpoint ? splitEndpoint(config.endpoint) : { protocol: 'https' as const, host: 'sms.tencentcloudapi.com' };
  const { Client } = loadSdk().sms.v20210111;
  const client = new Client({
    credential: { secretId: config.keyId, secretKey: config.keySecret },
    region: config.region ?? 'ap-guangzhou',
    profile: { httpProfile: { endpoint: endpoint.host, protocol: `${endpoint.protocol}://`, reqTimeout: 10 } },
  });
  const appId = config.appId ?? '';

  async function call<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      const e = err as { code?: unknown; httpCode?: unknown; requestId?: unknown; message?: unknown };
      const code = typeof e.code === 'string' ? e.code : '';
      const httpStatus = typeof e.httpCode === 'number' ? e.httpCode : undefined;
      // No code and no HTTP status: the request never got an answer.
      if (code === '' && httpStatus === undefined) throw networkError(err);
      throw new DeliveryError(String(e.message ?? code).slice(0, 300), code || `HTTP_${httpStatus}`, tencentPermanent(code, httpStatus));
    }
  }

  return {
    provider: 'tencent',
    real: true,
    async send(m) {
      const templateId = templateFor(config, m);
      const res = await call(() =>
        client.SendSms({
          PhoneNumberSet: [`+86${m.recipient}`],
          SmsSdkAppId: appId,
          SignName: config.signName,
          TemplateId: templateId,
          TemplateParamSet: templateParams(m).map(([, v]) => v),
          SessionContext: String(m.id),
        }),
      );
      const status = res.SendStatusSet?.[0];
      if (!status) throw new DeliveryError('腾讯云未返回发送状态', 'NO_STATUS', false);
      if (status.Code !== 'Ok') {
        const code = status.Code ?? 'UNKNOWN';
        throw new DeliveryError(`${code}: ${status.Message ?? ''}`.slice(0, 300), code, tencentPermanent(code));
      }
      return { providerId: status.SerialNo ?? null };
    },
    async receipts() {
      const out: Receipt[] = [];
      for (;;) {
        const res = await call(() => client.PullSmsSendStatus({ Limit: PULL_LIMIT, SmsSdkAppId: appId }));
        const set = res.PullSmsSendStatusSet ?? [];
        for (const s of set) {
          if (!s.SerialNo) continue;
          const delivered = s.ReportStatus === 'SUCCESS';
          out.push({
            providerId: s.SerialNo,
            delivered,
            at: s.UserReceiveTime ? new Date(s.UserReceiveTime * 1000) : new Date(),
            ...(!delivered ? { code: s.Description ?? 'FAIL' } : {}),
          });
        }
        if (set.length < PULL_LIMIT) return out;
      }
    },
  };
}
