import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.ts';
import { recordAudit } from '../../platform/audit.ts';
import { actorOf, requireUser } from '../../platform/http/access.ts';
import { errorResponses } from '../../platform/http/schemas.ts';
import { safeFileName, sniffFileType } from './file-types.ts';
import * as queries from './queries.ts';
import type { AppealDeps } from './service.ts';

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_FILES_PER_APPEAL = 20;
const READERS = ['enterprise', 'specialist', 'coordinator', 'handler', 'cadre', 'leader', 'admin'] as const;
const params = z.object({ id: z.coerce.number().int().positive(), fileId: z.coerce.number().int().positive() });

/** Attachments of an appeal: images, PDF and Office files, typed by content and stored in the database. */
export function attachmentRoutes(app: FastifyInstance, { db }: AppealDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['appeals'];

  r.post('/api/appeals/:id/attachments', {
    config: { access: READERS },
    schema: {
      tags,
      summary: '上传附件（multipart/form-data；图片、PDF、Office 文件，单个不超过 10 MB，按文件内容判断类型）',
      params: z.object({ id: z.coerce.number().int().positive() }),
      response: { 201: z.object({ items: z.array(z.object({ id: z.number(), fileName: z.string(), mime: z.string(), size: z.number() })) }), ...errorResponses },
    },
  }, async (req, reply) => {
    const user = requireUser(req);
    const appealId = req.params.id;
    if (!(await queries.isVisible(db, user, appealId))) throw AppError.forbidden('无权为该诉求上传附件');
    if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传文件');
    const files: { name: string; data: Buffer }[] = [];
    for await (const part of req.files({ limits: { fileSize: MAX_FILE_BYTES, files: 10 } })) {
      const data = await part.toBuffer().catch(() => {
        throw new AppError('PAYLOAD_TOO_LARGE', `文件「${part.filename}」超过 10 MB`, { fields: [{ field: 'file', message: '文件过大' }] });
      });
      files.push({ name: part.filename, data });
    }
    if (files.length === 0) throw AppError.validation('file', '请选择要上传的文件');
    const typed = files.map((f) => {
      const type = sniffFileType(f.data);
      if (!type) throw new AppError('UNSUPPORTED_MEDIA_TYPE', `文件「${f.name}」不是图片、PDF 或 Office 文档`, { fields: [{ field: 'file', message: '文件类型不支持' }] });
      return { ...f, type };
    });
    const existing = await queries.attachmentsOf(db, appealId);
    if (existing.length + typed.length > MAX_FILES_PER_APPEAL) throw AppError.validation('file', `每件诉求最多 ${MAX_FILES_PER_APPEAL} 个附件`);
    const items = await db.transaction().execute(async (tx) => {
      const rows = await tx
        .insertInto('appeal_attachments')
        .values(typed.map((f) => ({
          appeal_id: appealId,
          file_name: safeFileName(f.name, f.type),
          mime: f.type.mime,
          size: f.data.length,
          sha256: createHash('sha256').update(f.data).digest('hex'),
          content: f.data,
          uploaded_by: user.id,
        })))
        .returning(['id', 'file_name', 'mime', 'size'])
        .execute();
      await recordAudit(tx, actorOf(req), { action: 'appeal.attach', entityType: 'appeal', entityId: appealId, after: rows.map((x) => ({ id: x.id, fileName: x.file_name, mime: x.mime, size: x.size })) });
      return rows;
    });
    return reply.status(201).send({ items: items.map((x) => ({ id: x.id, fileName: x.file_name, mime: x.mime, size: x.size })) });
  });

  r.get('/api/appeals/:id/attachments/:fileId', {
    config: { access: READERS },
    schema: { tags, summary: '下载附件', params },
  }, async (req, reply) => {
    const user = requireUser(req);
    if (!(await queries.isVisible(db, user, req.params.id))) throw AppError.forbidden('无权查看该诉求的附件');
    const file = await queries.attachment(db, req.params.id, req.params.fileId);
    if (!file) throw AppError.notFound('附件');
    return reply
      .header('content-type', file.mime)
      .header('x-content-type-options', 'nosniff')
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.file_name)}`)
      .send(Buffer.from(file.content));
  });
}
