import { createRequire } from 'node:module';
import type { SmsConfig } from '../../../platform/config.ts';
import { splitEndpoint, templateFor, templateParams } from './template.ts';
import { DeliveryError, networkError, type ChannelAdapter, type Receipt } from './types.ts';

/**
 * Aliyun's answer code → whether trying again can help. `isp.*` are the platform's own faults,
 * `*LIMIT_CONTROL` and `Throttling*` are flow control (per number, per minute / hour): transient.
 * Other `isv.*` codes are the request's fault (number, signature, template, balance): permanent.
 * https://help.aliyun.com/document_detail/101346.html
 */
export function aliyunPermanent(code: string, httpStatus?: number): boolean {
  if (
    code.startsWith('isp.') ||
    code.includes('Throttling') ||
    code.includes('LIMIT_CONTROL') ||
    code === 'ServiceUnavailable' ||
    code.startsWith('InternalError')
  )
    return false;
  if (httpStatus !== undefined && httpStatus >= 500) return false;
  return true;
}

// The SDK is CommonJS with `exports.default = Client`; ESM interop differs between Node and the
// test runner, so it is loaded by require, which gives module.exports the same way everywhere.
// Loaded on first use: it takes over a second to load, and most processes (every test file, an
// office on the log channel) never send through Aliyun.
type Sdk = typeof import('@alicloud/dysmsapi20170525') & { OpenApiConfig: typeof import('@alicloud/openapi-client').Config };
let sdk: Sdk | undefined;
function loadSdk(): Sdk {
  const load = createRequire(import.meta.url);
  sdk ??= {
    ...(load('@alicloud/dysmsapi20170525') as typeof import('@alicloud/dysmsapi20170525')),
    OpenApiConfig: (load('@alicloud/openapi-client') as typeof import('@alicloud/openapi-client')).Config,
  };
  return sdk;
}
/** QuerySendDetails calls at once (its limit is thousands per second; this keeps the poll polite). */
const QUERY_PARALLEL = 10;

/** Aliyun SMS (dysmsapi 2017-05-25) through the official SDK: SendSms, receipts by QuerySendDetails. */
export function aliyunChannel(config: SmsConfig): ChannelAdapter {
  const endpoint = config.endpoint ? splitEndpoint(config.endpoint) : { protocol: 'https' as const, host: 'dysmsapi.aliyuncs.com' };
  const { default: Client, OpenApiConfig, QuerySendDetailsRequest, SendSmsRequest } = loadSdk();
  const client = new Client(
    new OpenApiConfig({
      accessKeyId: config.keyId,
      accessKeySecret: config.keySecret,
      endpoint: endpoint.host,
      protocol: endpoint.protocol.toUpperCase(),
      regionId: config.region ?? 'cn-hangzhou',
      readTimeout: 10_000,
      connectTimeout: 5_000,
    }) as unknown as ConstructorParameters<typeof Client>[0],
  );

  async function call<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      const e = err as { code?: unknown; statusCode?: unknown; message?: unknown };
      // The SDK's ClientError / ServerError / ThrottlingError carry the provider's code and HTTP status.
      if (typeof e.statusCode === 'number') {
        const code = String(e.code ?? `HTTP_${e.statusCode}`);
        throw new DeliveryError(String(e.message ?? code).slice(0, 300), code, aliyunPermanent(code, e.statusCode));
      }
      throw networkError(err);
    }
  }

  return {
    provider: 'aliyun',
    real: true,
    async send(m) {
      const templateCode = templateFor(config, m);
      const params = Object.fromEntries(templateParams(m));
      const res = await call(() =>
        client.sendSms(
          new SendSmsRequest({
            phoneNumbers: m.recipient,
            signName: config.signName,
            templateCode,
            templateParam: JSON.stringify(params),
            outId: String(m.id),
          }),
        ),
      );
      const body = res.body;
      if (body?.code !== 'OK') {
        const code = body?.code ?? 'UNKNOWN';
        throw new DeliveryError(`${code}: ${body?.message ?? ''}`.slice(0, 300), code, aliyunPermanent(code));
      }
      return { providerId: body.bizId ?? null };
    },
    /** One QuerySendDetails per message (the API answers for one number and day), a few at a time; a failed one is skipped. */
    async receipts(awaiting) {
      const out: Receipt[] = [];
      for (let i = 0; i < awaiting.length; i += QUERY_PARALLEL) {
        await Promise.all(
          awaiting.slice(i, i + QUERY_PARALLEL).map(async (a) => {
            // One failed query leaves that message unanswered (the outbox asks again later); it
            // must not lose the answers the others got.
            const res = await call(() =>
              client.querySendDetails(
                new QuerySendDetailsRequest({
                  phoneNumber: a.recipient,
                  bizId: a.providerId,
                  sendDate: shanghaiDate(a.handedAt),
                  pageSize: 10,
                  currentPage: 1,
                }),
              ),
            ).catch(() => null);
            if (!res) return;
            const detail = res.body?.smsSendDetailDTOs?.smsSendDetailDTO?.[0];
            // SendStatus: 1 waiting for the receipt, 2 failed, 3 delivered.
            if (!detail || (detail.sendStatus !== 2 && detail.sendStatus !== 3)) return;
            out.push({
              providerId: a.providerId,
              delivered: detail.sendStatus === 3,
              at: shanghaiTime(detail.receiveDate) ?? new Date(),
              ...(detail.sendStatus === 2 ? { code: detail.errCode ?? 'FAILED' } : {}),
            });
          }),
        );
      }
      return out;
    },
  };
}

/** yyyyMMdd in Asia/Shanghai, as QuerySendDetails wants the send date. */
export function shanghaiDate(d: Date): string {
  return new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '');
}

/** "2026-12-07 09:30:00" (Asia/Shanghai) → a Date. */
export function shanghaiTime(s: string | undefined): Date | null {
  if (!s || !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(s)) return null;
  return new Date(`${s.replace(' ', 'T')}+08:00`);
}
