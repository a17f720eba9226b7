import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../platform/config.ts';
import { startSmsGateway, TEMPLATES, type SmsGateway } from '../../../../tests/support/sms-gateway.ts';
import { startSmtpSink, type SmtpSink } from '../../../../tests/support/smtp.ts';
import { aliyunChannel, aliyunPermanent, shanghaiDate } from './aliyun.ts';
import { createServer, type Socket } from 'node:net';
import { SEND_TIMEOUT_MS } from '../outbox.ts';
import { SMTP_TIMEOUTS, smtpChannel } from './smtp.ts';
import { tencentChannel, tencentPermanent } from './tencent.ts';
import { channelsFrom } from './index.ts';
import { DeliveryError, type ChannelAdapter, type OutboxMessage } from './types.ts';

let gateway: SmsGateway;
let smtp: SmtpSink;
beforeAll(async () => {
  [gateway, smtp] = await Promise.all([startSmsGateway(), startSmtpSink()]);
});
afterAll(async () => {
  await Promise.all([gateway.close(), smtp.close()]);
});

let nextId = 1;
const sms = (over: Partial<OutboxMessage> = {}): OutboxMessage => ({
  id: nextId++,
  channel: 'sms',
  recipient: '13912345678',
  kind: 'verification_code',
  subject: '',
  body: '【企服通】验证码 123456',
  params: { code: '123456' },
  ...over,
});

async function refusal(adapter: ChannelAdapter, m: OutboxMessage): Promise<DeliveryError> {
  const err = await adapter.send(m).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DeliveryError);
  return err as DeliveryError;
}

function smsConfig(provider: 'aliyun' | 'tencent', over: Record<string, string> = {}) {
  const config = loadConfig({ ...gateway.env(provider), ...over }).sms;
  if (!config) throw new Error('no SMS config');
  return config;
}

describe.each(['aliyun', 'tencent'] as const)('%s SMS adapter through the official SDK', (provider) => {
  let adapter: ChannelAdapter;
  beforeAll(() => {
    adapter = provider === 'aliyun' ? aliyunChannel(smsConfig('aliyun')) : tencentChannel(smsConfig('tencent'));
  });

  it("sends a signed request the provider accepts, with the kind's template and parameters", async () => {
    const before = gateway.messages.length;
    const { providerId } = await adapter.send(sms());
    expect(gateway.rejected).toEqual([]);
    const got = gateway.messages.slice(before);
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({
      provider,
      phone: '13912345678',
      signName: '企服通',
      template: TEMPLATES.verification_code,
      id: providerId,
    });
    expect(got[0]!.params).toEqual(provider === 'aliyun' ? { code: '123456' } : { 1: '123456' });
    expect(gateway.lastCode('13912345678')).toBe('123456');
  });

  it("fills a notice's content from its text, shortened for the template", async () => {
    await adapter.send(
      sms({
        kind: 'appeal',
        params: {},
        body: '【企服通】您的诉求 QF-2026-000001 已办结：请对办理结果进行评价，感谢您对企服通的支持与信任',
      }),
    );
    const last = gateway.messages.at(-1)!;
    expect(last.template).toBe(TEMPLATES.appeal);
    const content = provider === 'aliyun' ? last.params.content : last.params['1'];
    expect(content).toMatch(/^您的诉求 QF-2026-000001 已办结/);
    expect(content!.length).toBeLessThanOrEqual(35);
  });

  it("sends an invitation's parameters by name (Aliyun) or in template order (Tencent)", async () => {
    await adapter.send(
      sms({ kind: 'invitation', params: { enterprise: '深圳市测试科技有限公司', inviter: '张三', days: '7', extra: 'x' } }),
    );
    const last = gateway.messages.at(-1)!;
    expect(last.template).toBe(TEMPLATES.invitation);
    expect(last.params).toEqual(
      provider === 'aliyun'
        ? { enterprise: '深圳市测试科技有限公司', inviter: '张三', days: '7' }
        : { 1: '深圳市测试科技有限公司', 2: '张三', 3: '7' },
    );
  });

  it('calls a refused number permanent, throttling and server faults transient', async () => {
    gateway.answerNext('invalid_number');
    expect(await refusal(adapter, sms())).toMatchObject({
      permanent: true,
      code: provider === 'aliyun' ? 'isv.MOBILE_NUMBER_ILLEGAL' : 'InvalidParameterValue.IncorrectPhoneNumber',
    });
    gateway.answerNext('throttled');
    expect(await refusal(adapter, sms())).toMatchObject({
      permanent: false,
      code: provider === 'aliyun' ? 'isv.BUSINESS_LIMIT_CONTROL' : 'LimitExceeded.PhoneNumberThirtySecondLimit',
    });
    gateway.answerNext('server_error');
    expect((await refusal(adapter, sms())).permanent).toBe(false);
    gateway.answerNext('auth_failure');
    expect((await refusal(adapter, sms())).permanent).toBe(true);
  });

  it('refuses to send a kind without a template (permanent), and a wrong secret fails the signature', async () => {
    const partial =
      provider === 'aliyun'
        ? aliyunChannel(smsConfig('aliyun', { QIFU_SMS_TEMPLATES: 'verification_code=SMS_1' }))
        : tencentChannel(smsConfig('tencent', { QIFU_SMS_TEMPLATES: 'verification_code=1' }));
    expect(await refusal(partial, sms({ kind: 'policy', params: {} }))).toMatchObject({ permanent: true, code: 'TEMPLATE_NOT_CONFIGURED' });
    const wrong =
      provider === 'aliyun'
        ? aliyunChannel(smsConfig('aliyun', { QIFU_SMS_KEY_SECRET: 'not-the-secret' }))
        : tencentChannel(smsConfig('tencent', { QIFU_SMS_KEY_SECRET: 'not-the-secret' }));
    const err = await refusal(wrong, sms());
    expect(err.permanent).toBe(true);
    expect(gateway.rejected.pop()).toMatch(/SignatureDoesNotMatch|SignatureFailure/);
  });

  it('reads delivery receipts', async () => {
    const a = await adapter.send(sms({ recipient: '13700000001' }));
    const b = await adapter.send(sms({ recipient: '13700000002' }));
    const c = await adapter.send(sms({ recipient: '13700000003' }));
    gateway.report(a.providerId!, true);
    gateway.report(b.providerId!, false);
    const now = new Date();
    const receipts = await adapter.receipts!([
      { providerId: a.providerId!, recipient: '13700000001', handedAt: now },
      { providerId: b.providerId!, recipient: '13700000002', handedAt: now },
      { providerId: c.providerId!, recipient: '13700000003', handedAt: now },
    ]);
    expect(new Map(receipts.map((r) => [r.providerId, r.delivered]))).toEqual(
      new Map([
        [a.providerId, true],
        [b.providerId, false],
      ]),
    );
    expect(receipts.find((r) => r.providerId === b.providerId)!.code).toBeTruthy();
    expect(gateway.calls).toContain(provider === 'aliyun' ? 'QuerySendDetails' : 'PullSmsSendStatus');
  });

  it('treats an unreachable endpoint as transient', async () => {
    const down =
      provider === 'aliyun'
        ? aliyunChannel(smsConfig('aliyun', { QIFU_SMS_ENDPOINT: 'http://127.0.0.1:9' }))
        : tencentChannel(smsConfig('tencent', { QIFU_SMS_ENDPOINT: 'http://127.0.0.1:9' }));
    expect((await refusal(down, sms())).permanent).toBe(false);
  });
});

describe('error codes', () => {
  it("classifies the providers' documented codes", () => {
    expect(aliyunPermanent('isv.SMS_TEMPLATE_ILLEGAL')).toBe(true);
    expect(aliyunPermanent('isv.DAY_LIMIT_CONTROL')).toBe(false);
    expect(aliyunPermanent('isp.SYSTEM_ERROR')).toBe(false);
    expect(aliyunPermanent('Throttling.User', 400)).toBe(false);
    expect(aliyunPermanent('InvalidAccessKeyId.NotFound', 404)).toBe(true);
    expect(tencentPermanent('FailedOperation.TemplateIncorrectOrUnapproved')).toBe(true);
    expect(tencentPermanent('RequestLimitExceeded')).toBe(false);
    expect(tencentPermanent('InternalError.Timeout')).toBe(false);
    expect(tencentPermanent('', 502)).toBe(false);
    expect(shanghaiDate(new Date('2026-12-06T17:30:00Z'))).toBe('20261207');
  });
});

describe('SMTP adapter (nodemailer) against a real SMTP server', () => {
  const mail = (over: Partial<OutboxMessage> = {}): OutboxMessage => ({
    id: nextId++,
    channel: 'email',
    recipient: 'zhang@example.com',
    kind: 'policy',
    subject: '关于申报2026年度专精特新企业奖励的通知',
    body: '贵企业可能符合专精特新扶持条件，请登录企服通查看。\n\n详情：/portal/policies/1',
    params: {},
    ...over,
  });

  it('delivers the subject and body in UTF-8 Chinese, with a Message-ID', async () => {
    const adapter = smtpChannel(loadConfig(smtp.env()).mail!);
    const { providerId } = await adapter.send(mail());
    const got = await smtp.waitFor((m) => m.to.includes('zhang@example.com'));
    expect(got.subject).toBe('关于申报2026年度专精特新企业奖励的通知');
    expect(got.text).toContain('贵企业可能符合专精特新扶持条件，请登录企服通查看。');
    expect(got.from).toBe('noreply@qifu.example.gov.cn');
    expect(got.headers['content-type']).toMatch(/charset=utf-8/i);
    expect(providerId).toBe(got.headers['message-id']);
  });

  it('an unknown mailbox is permanent, a deferral transient, a wrong password permanent', async () => {
    const adapter = smtpChannel(loadConfig(smtp.env()).mail!);
    smtp.refuse.add('nobody@example.com');
    expect(await refusal(adapter, mail({ recipient: 'nobody@example.com' }))).toMatchObject({ permanent: true, code: 'SMTP_550' });
    smtp.deferNext();
    expect(await refusal(adapter, mail())).toMatchObject({ permanent: false, code: 'SMTP_451' });
    const wrong = smtpChannel({ url: smtp.url.replace('smtp-secret', 'wrong'), from: 'noreply@qifu.example.gov.cn' });
    expect((await refusal(wrong, mail())).permanent).toBe(true);
  });

  it('gives up on a server that greets and then hangs, as a transient failure, within its timeouts', async () => {
    expect(SMTP_TIMEOUTS.connectionTimeout + SMTP_TIMEOUTS.greetingTimeout + SMTP_TIMEOUTS.socketTimeout).toBeLessThanOrEqual(
      SEND_TIMEOUT_MS,
    );
    const sockets: Socket[] = [];
    const hung = createServer((socket) => {
      sockets.push(socket);
      socket.write('220 hung.example ESMTP\r\n'); // then never answers EHLO
    });
    await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve));
    const { port } = hung.address() as { port: number };
    try {
      const adapter = smtpChannel(
        { url: `smtp://127.0.0.1:${port}`, from: 'noreply@qifu.example.gov.cn' },
        { connectionTimeout: 300, greetingTimeout: 300, socketTimeout: 300 },
      );
      const started = Date.now();
      expect((await refusal(adapter, mail())).permanent).toBe(false);
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => hung.close(resolve));
    }
  });
});

describe('log channel (no gateway configured)', () => {
  it('writes the text on a development machine and never a code in production', async () => {
    for (const production of [false, true]) {
      const lines: object[] = [];
      const config = loadConfig({ QIFU_DATA_DIR: 'memory://', ...(production ? { NODE_ENV: 'production', QIFU_SEED: 'none' } : {}) });
      await channelsFrom(config, (obj) => lines.push(obj)).sms.send(sms({ body: '【企服通】验证码 987650', params: { code: '987650' } }));
      expect(lines).toHaveLength(1);
      expect(JSON.stringify(lines[0]).includes('987650'), `production=${production}`).toBe(!production);
      expect(lines[0]).toMatchObject({ channel: 'sms', kind: 'verification_code' });
    }
  });
});
