import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { actorOf } from '../../platform/http/access.ts';
import { errorResponses, errorSchema } from '../../platform/http/schemas.ts';
import { readMultipart } from '../../platform/http/uploads.ts';
import { setSessionCookie } from '../auth/routes.ts';
import { meSchema } from '../auth/schemas.ts';
import { me, openSession } from '../auth/service.ts';
import { join, sendJoinCode } from './join.ts';
import { enterpriseInFile, liveProof, register, requestEnterprise, sendRegisterCode, submitLetter } from './registration.ts';
import {
  enterpriseFound,
  enterpriseQuery,
  enterpriseRequestBody,
  joinBody,
  joinCodeBody,
  joinCodeResult,
  letterFields,
  registerBody,
  registerResult,
  sendCodeBody,
  sentCode,
} from './schemas.ts';

const limited = { ...errorResponses, 429: errorSchema };
const LETTER_MAX_BYTES = 5 * 1024 * 1024;
/** Per client address, on top of the per-mobile limits kept in the database. */
const perAddress = (max: number) => ({ access: 'public' as const, rateLimit: { max, timeWindow: '1 minute' } });

/** Self-registration and joining by invitation: public, rate-limited routes. */
export function registrationRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, config } = ctx;
  const tags = ['enterprise-accounts'];
  const codes = { codeMinutes: config.accounts.codeMinutes };

  /** A new member is logged in at once, with the same session as a password login. */
  async function logIn(req: FastifyRequest, reply: FastifyReply, userId: number, name: string, via: string) {
    const s = await openSession(
      db,
      config.sessionHours,
      { ...actorOf(req), id: userId, name, role: 'enterprise' },
      req.headers['user-agent'],
      { action: 'auth.login', after: { via }, method: 'code' },
    );
    setSessionCookie(reply, req, config, s.token, s.expiresAt);
    return me(db, userId);
  }

  r.get(
    '/api/registration/enterprise',
    {
      config: perAddress(30),
      schema: {
        tags,
        summary: '注册第一步：按信用代码查找企业库中的企业',
        querystring: enterpriseQuery,
        response: { 200: enterpriseFound, ...limited },
      },
    },
    async (req) => {
      const e = await enterpriseInFile(db, req.query.uscc);
      return { uscc: e.uscc, name: e.name };
    },
  );

  r.post(
    '/api/registration/send-code',
    {
      config: perAddress(5),
      schema: {
        tags,
        summary:
          '发送注册验证码（发往注册人本人手机，对任何手机号答复相同；每个手机号每分钟 1 次、每天 10 次，每个信用代码每天 20 次，每个地址每小时 30 次）',
        body: sendCodeBody,
        response: { 200: sentCode, ...limited },
      },
    },
    async (req) => sendRegisterCode(db, codes, req.body, req.ip),
  );

  r.post(
    '/api/registration',
    {
      config: perAddress(10),
      schema: {
        tags,
        summary: '验证码注册：手机号为企业库登记号码的立即开通并登录；否则返回凭据，须上传授权委托书',
        body: registerBody,
        response: { 200: registerResult, ...limited },
      },
    },
    async (req, reply) => {
      const result = await register(db, req.body, actorOf(req));
      if (result.outcome === 'letter_required') return result;
      return {
        outcome: 'created' as const,
        enterpriseRole: result.enterpriseRole,
        user: await logIn(req, reply, result.userId, result.displayName, 'registration'),
      };
    },
  );

  r.post(
    '/api/registration/letter',
    {
      config: perAddress(5),
      schema: {
        tags,
        summary:
          '上传授权委托书（multipart：proof、displayName、password 字段在前，一个 letter 文件在后；PDF 或图片，至多 5 MB），等待前台审核',
        response: { 201: z.object({ id: z.number() }), ...limited, 413: errorSchema, 415: errorSchema },
      },
    },
    async (req, reply) => {
      // One file of at most 5 MB; the proof (sent before the file, as the web page does) is checked
      // before the file is read, so strangers cannot make the server buffer uploads.
      const form = await readMultipart(req, {
        maxFiles: 1,
        maxFileBytes: LETTER_MAX_BYTES,
        beforeFirstFile: async (fields) => {
          const proof = fields.get('proof');
          if (proof) await liveProof(db, proof);
        },
      });
      const parsed = letterFields.safeParse(Object.fromEntries(form.fields));
      if (!parsed.success) {
        const fields = parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
        throw new AppError('VALIDATION_FAILED', fields.map((f) => f.message).join('；'), { fields });
      }
      return reply.status(201).send(await submitLetter(db, parsed.data, form.files[0], actorOf(req)));
    },
  );

  r.post(
    '/api/registration/enterprise-requests',
    {
      config: perAddress(5),
      schema: {
        tags,
        summary: '企业不在企业库：凭发往本人手机的验证码（send-code，同一信用代码）申请前台添加（处理结果短信通知）',
        body: enterpriseRequestBody,
        response: { 201: z.object({ id: z.number() }), ...limited },
      },
    },
    async (req, reply) => reply.status(201).send(await requestEnterprise(db, req.body, actorOf(req))),
  );

  r.post(
    '/api/join/send-code',
    {
      config: perAddress(5),
      schema: {
        tags,
        summary: '受邀加入：向手机号发送验证码（对任何手机号答复相同；是否受邀、受邀企业在验证码正确后才告知）',
        body: joinCodeBody,
        response: { 200: joinCodeResult, ...limited },
      },
    },
    async (req) => sendJoinCode(db, codes, req.body.mobile, req.ip),
  );

  r.post(
    '/api/join',
    {
      config: perAddress(10),
      schema: {
        tags,
        summary: '受邀加入：验证码 + 设置密码，开通账号并登录',
        body: joinBody,
        response: { 201: z.object({ user: meSchema }), ...limited },
      },
    },
    async (req, reply) => {
      const joined = await join(db, req.body, actorOf(req));
      return reply.status(201).send({ user: await logIn(req, reply, joined.userId, joined.displayName, 'invitation') });
    },
  );
}
