import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, fromDatabaseError, type ErrorCode } from '../errors.ts';
import { fieldIssues, messageLang, type ZodIssueLike } from './validation-messages.ts';

/** Fastify's own 4xx errors, by their codes, as ours. */
const fastifyCodes: Record<string, { code: ErrorCode; message: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'VALIDATION_FAILED', message: '请求体不是合法的 JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'VALIDATION_FAILED', message: '请求体为空' },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'PAYLOAD_TOO_LARGE', message: '请求体过大' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'UNSUPPORTED_MEDIA_TYPE', message: '不支持的内容类型' },
  FST_ERR_VALIDATION: { code: 'VALIDATION_FAILED', message: '请求参数不合法' },
};

/** A plugin's own 4xx by its status, when it carries no code of ours. */
const pluginErrors: Record<number, { code: ErrorCode; message: string }> = {
  400: { code: 'VALIDATION_FAILED', message: '请求不合法' },
  401: { code: 'UNAUTHENTICATED', message: '请先登录' },
  403: { code: 'FORBIDDEN', message: '无权访问' },
  404: { code: 'NOT_FOUND', message: '资源不存在' },
  405: { code: 'METHOD_NOT_ALLOWED', message: '不支持该请求方法' },
  406: { code: 'NOT_ACCEPTABLE', message: '无法提供所要求的格式' },
  409: { code: 'CONFLICT', message: '请求与当前状态冲突' },
  413: { code: 'PAYLOAD_TOO_LARGE', message: '请求体过大' },
  415: { code: 'UNSUPPORTED_MEDIA_TYPE', message: '不支持的内容类型' },
  416: { code: 'RANGE_NOT_SATISFIABLE', message: '请求的范围无效' },
};

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    let appErr: AppError | undefined;
    if (err instanceof AppError) appErr = err;
    else if (hasZodFastifySchemaValidationErrors(err)) {
      const lang = messageLang(req.headers['accept-language']);
      const fields = fieldIssues(err.validation as unknown as ZodIssueLike[], err.validationContext, lang);
      // Each message names its field already ("标题不能超过 200 个字"): the first one is the whole answer's.
      const fallback = lang === 'zh' ? '请求参数不合法' : 'The request is not valid';
      appErr = new AppError('VALIDATION_FAILED', fields[0]?.message ?? fallback, { fields });
    } else if (isResponseSerializationError(err)) appErr = undefined;
    else if (err.statusCode === 429) appErr = new AppError('RATE_LIMITED', '请求过于频繁，请稍后再试');
    else if (err.code && fastifyCodes[err.code]) {
      const m = fastifyCodes[err.code]!;
      appErr = new AppError(m.code, m.message);
    } else appErr = fromDatabaseError(err);

    if (!appErr && err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      // Another plugin's refusal (the static files' 403 and 404, a 405 …) keeps its own status and code.
      const byStatus = pluginErrors[err.statusCode];
      if (!byStatus) {
        return reply.status(err.statusCode).send({ error: { code: 'CLIENT_ERROR', message: '请求不合法', details: null } });
      }
      appErr = new AppError(byStatus.code, byStatus.message);
    }
    if (!appErr) {
      req.log.error({ err }, 'unexpected error');
      return reply.status(500).send({ error: { code: 'INTERNAL', message: '服务器内部错误，请稍后重试', details: { requestId: req.id } } });
    }
    if (appErr.status >= 500) req.log.error({ err }, appErr.message);
    return reply.status(appErr.status).send({ error: { code: appErr.code, message: appErr.message, details: appErr.details ?? null } });
  });
}
