import { createHash, createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for Aliyun SMS (dysmsapi 2017-05-25, V3 signature ACS3-HMAC-SHA256) and
 * Tencent Cloud SMS (2021-01-11, TC3-HMAC-SHA256) on one port. It checks each request the way
 * the providers document it — the signature recomputed with the secret, the action and version
 * headers, the parameters — and answers as they do. Start the app with `gateway.env('aliyun')`
 * (or 'tencent') and read what "went out" from `messages` / `lastCode()`.
 */
export interface ReceivedSms {
  provider: 'aliyun' | 'tencent';
  /** 11 digits, without +86. */
  phone: string;
  signName: string;
  template: string;
  /** Aliyun: the TemplateParam object; Tencent: the positional TemplateParamSet as { '1': …, '2': … }. */
  params: Record<string, string>;
  /** BizId (Aliyun) or SerialNo (Tencent). */
  id: string;
  at: Date;
}

export type Answer = 'ok' | 'invalid_number' | 'throttled' | 'server_error' | 'auth_failure';

export interface SmsGateway {
  url: string;
  keyId: string;
  keySecret: string;
  appId: string;
  /** Messages accepted (answered with success). */
  messages: ReceivedSms[];
  /** Requests refused because they were not what the provider accepts (bad signature, missing parameter …). */
  rejected: string[];
  /** Every action called, e.g. ['SendSms', 'QuerySendDetails']. */
  calls: string[];
  /** How the next SendSms calls are answered (in order); then 'ok' again. */
  answerNext(...answers: Answer[]): void;
  /** A delivery report for a message: QuerySendDetails answers it, PullSmsSendStatus returns it once. */
  report(id: string, delivered: boolean): void;
  /** QuerySendDetails for this message answers 503 from now on. */
  failQuery(id: string): void;
  /** The newest `code` parameter sent to this mobile (verification codes). */
  lastCode(mobile: string): string | undefined;
  waitFor(predicate: (m: ReceivedSms) => boolean, timeoutMs?: number): Promise<ReceivedSms>;
  /** Settings for createTestApp({ env }) with every message kind's template. */
  env(provider: 'aliyun' | 'tencent'): Record<string, string>;
  close(): Promise<void>;
}

export const SIGN_NAME = '企服通';
export const TEMPLATES = {
  verification_code: 'SMS_100001',
  invitation: 'SMS_100002',
  account: 'SMS_100003',
  appeal: 'SMS_100004',
  application: 'SMS_100005',
  policy: 'SMS_100006',
};

const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();
/** RFC 3986 percent-encoding, as Aliyun's canonical query string wants it. */
const encode = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function parseQuery(search: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of search.split('&').filter(Boolean)) {
    const i = pair.indexOf('=');
    const k = decodeURIComponent(i < 0 ? pair : pair.slice(0, i));
    out[k] = i < 0 ? '' : decodeURIComponent(pair.slice(i + 1));
  }
  return out;
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json;charset=utf-8' });
  res.end(JSON.stringify(body));
}

export async function startSmsGateway(opts: { keyId?: string; keySecret?: string; appId?: string } = {}): Promise<SmsGateway> {
  const keyId = opts.keyId ?? 'LTAI-test-key';
  const keySecret = opts.keySecret ?? 'test-secret-abc123';
  const appId = opts.appId ?? '1400000001';
  const messages: ReceivedSms[] = [];
  const rejected: string[] = [];
  const calls: string[] = [];
  const planned: Answer[] = [];
  const reports = new Map<string, { delivered: boolean; at: Date; phone: string }>();
  const failingQueries = new Set<string>();
  const pullQueue: string[] = [];
  let seq = 0;

  /** Aliyun V3: https://help.aliyun.com/zh/sdk/product-overview/v3-request-structure-and-signature */
  function checkAliyun(req: IncomingMessage, body: Buffer, url: URL): string | null {
    const auth = /^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([^,]+),Signature=([0-9a-f]{64})$/.exec(
      String(req.headers.authorization ?? ''),
    );
    if (!auth) return 'Authorization is not ACS3-HMAC-SHA256';
    const [, credential, signedHeaders, signature] = auth;
    if (credential !== keyId) return `unknown AccessKeyId ${credential}`;
    if (req.headers['x-acs-version'] !== '2017-05-25') return 'x-acs-version must be 2017-05-25';
    if (!req.headers['x-acs-signature-nonce']) return 'x-acs-signature-nonce missing';
    const date = Date.parse(String(req.headers['x-acs-date'] ?? ''));
    if (!Number.isFinite(date) || Math.abs(Date.now() - date) > 15 * 60_000) return 'x-acs-date missing or stale';
    if (req.headers['x-acs-content-sha256'] !== sha256(body)) return 'x-acs-content-sha256 does not match the body';
    const names = signedHeaders!.split(';');
    for (const h of ['host', 'x-acs-action', 'x-acs-content-sha256', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-version'])
      if (!names.includes(h)) return `${h} not signed`;
    const query = parseQuery(url.search.slice(1));
    const canonicalQuery = Object.keys(query)
      .sort()
      .map((k) => `${k}=${encode(query[k]!)}`)
      .join('&');
    const canonicalHeaders = names.map((h) => `${h}:${String(req.headers[h] ?? '').trim()}\n`).join('');
    const canonical = [req.method, url.pathname, canonicalQuery, canonicalHeaders, signedHeaders, sha256(body)].join('\n');
    const expected = createHmac('sha256', keySecret)
      .update(`ACS3-HMAC-SHA256\n${sha256(canonical)}`)
      .digest('hex');
    return expected === signature ? null : 'SignatureDoesNotMatch';
  }

  /** Tencent TC3: https://cloud.tencent.com/document/api/382/52071 */
  function checkTencent(req: IncomingMessage, body: Buffer): string | null {
    const auth =
      /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([^/]+)\/tc3_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(
        String(req.headers.authorization ?? ''),
      );
    if (!auth) return 'Authorization is not TC3-HMAC-SHA256';
    const [, secretId, date, service, signedHeaders, signature] = auth;
    if (secretId !== keyId) return `unknown SecretId ${secretId}`;
    const host = String(req.headers.host ?? '').replace(/:\d+$/, '');
    // The product's service name is the endpoint's first label (sms.tencentcloudapi.com → sms).
    if (service !== host.split('.')[0]) return `credential scope service ${service} does not match host ${host}`;
    if (req.headers['x-tc-version'] !== '2021-01-11') return 'X-TC-Version must be 2021-01-11';
    const timestamp = Number(req.headers['x-tc-timestamp']);
    if (!Number.isFinite(timestamp) || Math.abs(Date.now() / 1000 - timestamp) > 300) return 'X-TC-Timestamp missing or stale';
    if (new Date(timestamp * 1000).toISOString().slice(0, 10) !== date) return 'credential date is not the timestamp date';
    if (signedHeaders !== 'content-type;host') return `SignedHeaders ${signedHeaders}`;
    const canonical = ['POST', '/', '', `content-type:${req.headers['content-type']}\nhost:${host}\n`, signedHeaders, sha256(body)].join(
      '\n',
    );
    const toSign = `TC3-HMAC-SHA256\n${timestamp}\n${date}/${service}/tc3_request\n${sha256(canonical)}`;
    const key = hmac(hmac(hmac(`TC3${keySecret}`, date!), service!), 'tc3_request');
    return createHmac('sha256', key).update(toSign).digest('hex') === signature ? null : 'AuthFailure.SignatureFailure';
  }

  function aliyun(req: IncomingMessage, res: ServerResponse, body: Buffer, url: URL): void {
    const action = String(req.headers['x-acs-action']);
    calls.push(action);
    const requestId = randomUUID().toUpperCase();
    const problem = checkAliyun(req, body, url);
    if (problem) {
      rejected.push(`aliyun ${action}: ${problem}`);
      reply(res, problem === 'SignatureDoesNotMatch' ? 400 : 404, {
        Code: problem === 'SignatureDoesNotMatch' ? problem : 'InvalidAccessKeyId.NotFound',
        Message: problem,
        RequestId: requestId,
      });
      return;
    }
    const q = parseQuery(url.search.slice(1));
    if (action === 'QuerySendDetails') {
      if (q.BizId && failingQueries.has(q.BizId))
        return reply(res, 503, {
          Code: 'ServiceUnavailable',
          Message: 'The request has failed due to a temporary failure of the server.',
          RequestId: requestId,
        });
      const r = q.BizId ? reports.get(q.BizId) : undefined;
      const status = r ? (r.delivered ? 3 : 2) : 1;
      const dto = {
        PhoneNum: q.PhoneNumber,
        SendStatus: status,
        ErrCode: r ? (r.delivered ? 'DELIVERED' : 'MOBILE_NOT_ON_SERVICE') : '',
        ReceiveDate: r ? shanghai(r.at) : '',
        SendDate: shanghai(new Date()),
        TemplateCode: '',
        Content: '',
        OutId: '',
      };
      reply(res, 200, {
        Code: 'OK',
        Message: 'OK',
        RequestId: requestId,
        TotalCount: 1,
        SmsSendDetailDTOs: { SmsSendDetailDTO: q.BizId ? [dto] : [] },
      });
      return;
    }
    if (action !== 'SendSms') return reply(res, 400, { Code: 'InvalidAction.NotFound', Message: action, RequestId: requestId });
    for (const p of ['PhoneNumbers', 'SignName', 'TemplateCode', 'TemplateParam']) {
      if (!q[p]) {
        rejected.push(`aliyun SendSms: ${p} missing`);
        return reply(res, 200, { Code: 'isv.INVALID_PARAMETERS', Message: `${p} missing`, RequestId: requestId });
      }
    }
    let params: Record<string, string>;
    try {
      params = JSON.parse(q.TemplateParam!) as Record<string, string>;
    } catch {
      rejected.push('aliyun SendSms: TemplateParam is not JSON');
      return reply(res, 200, { Code: 'isv.INVALID_JSON_PARAM', Message: 'JSON参数不合法', RequestId: requestId });
    }
    const answer = planned.shift() ?? 'ok';
    if (answer === 'invalid_number' || !/^1[3-9]\d{9}$/.test(q.PhoneNumbers!))
      return reply(res, 200, { Code: 'isv.MOBILE_NUMBER_ILLEGAL', Message: '非法手机号', RequestId: requestId });
    if (answer === 'throttled')
      return reply(res, 200, { Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: '触发号码分钟级流控Permits:1', RequestId: requestId });
    if (answer === 'server_error')
      return reply(res, 503, {
        Code: 'ServiceUnavailable',
        Message: 'The request has failed due to a temporary failure of the server.',
        RequestId: requestId,
      });
    if (answer === 'auth_failure')
      return reply(res, 403, {
        Code: 'Forbidden.RAM',
        Message: 'User not authorized to operate on the specified resource.',
        RequestId: requestId,
      });
    const id = `${900000000 + ++seq}^0`;
    messages.push({
      provider: 'aliyun',
      phone: q.PhoneNumbers!,
      signName: q.SignName!,
      template: q.TemplateCode!,
      params,
      id,
      at: new Date(),
    });
    reply(res, 200, { Code: 'OK', Message: 'OK', BizId: id, RequestId: requestId });
  }

  function tencent(req: IncomingMessage, res: ServerResponse, body: Buffer): void {
    const action = String(req.headers['x-tc-action']);
    calls.push(action);
    const RequestId = randomUUID();
    const problem = checkTencent(req, body);
    if (problem) {
      rejected.push(`tencent ${action}: ${problem}`);
      return reply(res, 200, { Response: { Error: { Code: 'AuthFailure.SignatureFailure', Message: problem }, RequestId } });
    }
    const b = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    if (action === 'PullSmsSendStatus') {
      const set = pullQueue.splice(0, Number(b.Limit ?? 100)).map((id) => {
        const r = reports.get(id)!;
        return {
          UserReceiveTime: Math.floor(r.at.getTime() / 1000),
          CountryCode: '86',
          SubscriberNumber: r.phone,
          PhoneNumber: `+86${r.phone}`,
          SerialNo: id,
          ReportStatus: r.delivered ? 'SUCCESS' : 'FAIL',
          Description: r.delivered ? '用户短信送达成功' : 'MN:0001 空号',
          SessionContext: '',
        };
      });
      return reply(res, 200, { Response: { PullSmsSendStatusSet: set, RequestId } });
    }
    if (action !== 'SendSms') return reply(res, 200, { Response: { Error: { Code: 'InvalidAction', Message: action }, RequestId } });
    const numbers = b.PhoneNumberSet as string[] | undefined;
    if (b.SmsSdkAppId !== appId || !b.SignName || !b.TemplateId || !Array.isArray(numbers) || !Array.isArray(b.TemplateParamSet)) {
      rejected.push(`tencent SendSms: ${JSON.stringify(b)}`);
      return reply(res, 200, {
        Response: { Error: { Code: 'InvalidParameterValue.SdkAppIdNotExist', Message: 'SdkAppId / parameters' }, RequestId },
      });
    }
    const answer = planned.shift() ?? 'ok';
    if (answer === 'server_error') {
      res.writeHead(502);
      res.end('Bad Gateway');
      return;
    }
    if (answer === 'auth_failure')
      return reply(res, 200, { Response: { Error: { Code: 'AuthFailure.SecretIdNotFound', Message: '密钥不存在' }, RequestId } });
    const set = numbers.map((n) => {
      const phone = n.replace(/^\+86/, '');
      const base = { PhoneNumber: n, Fee: 0, SessionContext: String(b.SessionContext ?? ''), IsoCode: 'CN' };
      if (!n.startsWith('+86') || answer === 'invalid_number')
        return { ...base, SerialNo: '', Code: 'InvalidParameterValue.IncorrectPhoneNumber', Message: '手机号格式错误' };
      if (answer === 'throttled')
        return {
          ...base,
          SerialNo: '',
          Code: 'LimitExceeded.PhoneNumberThirtySecondLimit',
          Message: '单个手机号30秒内下发短信条数超过设定的上限',
        };
      const id = `2433:${100000000 + ++seq}`;
      const params = Object.fromEntries((b.TemplateParamSet as string[]).map((v, i) => [String(i + 1), v]));
      messages.push({
        provider: 'tencent',
        phone,
        signName: String(b.SignName),
        template: String(b.TemplateId),
        params,
        id,
        at: new Date(),
      });
      return { ...base, Fee: 1, SerialNo: id, Code: 'Ok', Message: 'send success' };
    });
    reply(res, 200, { Response: { SendStatusSet: set, RequestId } });
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const url = new URL(req.url ?? '/', 'http://gateway');
      if (req.headers['x-acs-action']) aliyun(req, res, body, url);
      else if (req.headers['x-tc-action']) tencent(req, res, body);
      else reply(res, 404, { error: 'neither an Aliyun nor a Tencent request' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    keyId,
    keySecret,
    appId,
    messages,
    rejected,
    calls,
    answerNext: (...answers) => void planned.push(...answers),
    report(id, delivered) {
      const m = messages.find((x) => x.id === id);
      reports.set(id, { delivered, at: new Date(), phone: m?.phone ?? '' });
      // Tencent pushes reports into a queue that PullSmsSendStatus empties; Aliyun answers per query.
      if (m?.provider === 'tencent') pullQueue.push(id);
    },
    failQuery: (id) => void failingQueries.add(id),
    lastCode(mobile) {
      const m = [...messages].reverse().find((x) => x.phone === mobile && x.template === TEMPLATES.verification_code);
      return m ? (m.params.code ?? m.params['1']) : undefined;
    },
    async waitFor(predicate, timeoutMs = 5_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const found = messages.find(predicate);
        if (found) return found;
        if (Date.now() > until) throw new Error(`no such SMS arrived; rejected: ${rejected.join('; ') || 'none'}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    env: (provider) => ({
      QIFU_SMS_PROVIDER: provider,
      QIFU_SMS_KEY_ID: keyId,
      QIFU_SMS_KEY_SECRET: keySecret,
      QIFU_SMS_SIGN_NAME: SIGN_NAME,
      QIFU_SMS_ENDPOINT: url,
      QIFU_SMS_TEMPLATES: Object.entries(TEMPLATES)
        .map(([k, v]) => `${k}=${v}`)
        .join(','),
      ...(provider === 'tencent' ? { QIFU_SMS_APP_ID: appId } : {}),
    }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function shanghai(d: Date): string {
  return new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}
