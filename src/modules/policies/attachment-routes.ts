import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../platform/db/index.ts';
import { recordAudit } from '../../platform/audit.ts';
import { actorOf, requireUser } from '../../platform/http/access.ts';
import { AppError } from '../../platform/errors.ts';
import { errorResponses, idParams } from '../../platform/http/schemas.ts';
import { MAX_FILE_BYTES } from '../appeals/attachments.ts';
import { safeFileName, sniffFileType } from '../appeals/file-types.ts';
import { READERS, WRITERS, visiblePolicy } from './routes.ts';
import { attachmentItem } from './schemas.ts';

const MAX_FILES_PER_POLICY = 30;
const fileParams = z.object({ id: z.coerce.number().int().positive(), fileId: z.coerce.number().int().positive() });
const tags = ['policies'];

/** A policy's attachments (政策原文 PDF, 申报指南, 表格): typed by content as appeal attachments are. */
export function policyAttachmentRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/policies/:id/attachments', {
    config: { access: WRITERS },
    schema: {
      tags, summary: '上传政策附件（multipart/form-data；图片、PDF、Office 文件，单个不超过 10 MB，按文件内容判断类型）', params: idParams,
      response: { 201: z.object({ items: z.array(attachmentItem) }), ...errorResponses },
    },
  }, async (req, reply) => {
    const user = requireUser(req);
    const policyId = req.params.id;
    await visiblePolicy(db, user, policyId);
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
    const rows = await db.transaction().execute(async (tx) => {
      const { n } = await tx.selectFrom('policy_attachments').select((eb) => eb.fn.countAll<number>().as('n')).where('policy_id', '=', policyId).executeTakeFirstOrThrow();
      if (Number(n) + typed.length > MAX_FILES_PER_POLICY) throw AppError.validation('file', `每项政策最多 ${MAX_FILES_PER_POLICY} 个附件`);
      const inserted = await tx.insertInto('policy_attachments').values(typed.map((f) => ({
        policy_id: policyId, file_name: safeFileName(f.name, f.type), mime: f.type.mime, size: f.data.length,
        sha256: createHash('sha256').update(f.data).digest('hex'), content: f.data, uploaded_by: user.id,
      }))).returning(['id', 'file_name', 'mime', 'size', 'created_at']).execute();
      await recordAudit(tx, actorOf(req), { action: 'policy.attach', entityType: 'policy', entityId: policyId, after: inserted.map((x) => ({ id: x.id, fileName: x.file_name, size: x.size })) });
      return inserted;
    });
    return reply.status(201).send({ items: rows.map((x) => ({ id: x.id, fileName: x.file_name, mime: x.mime, size: x.size, createdAt: new Date(x.created_at).toISOString() })) });
  });

  r.get('/api/policies/:id/attachments/:fileId', {
    config: { access: READERS },
    schema: { tags, summary: '下载政策附件', params: fileParams },
  }, async (req, reply) => {
    await visiblePolicy(db, requireUser(req), req.params.id);
    const file = await db.selectFrom('policy_attachments').select(['file_name', 'mime', 'content'])
      .where('policy_id', '=', req.params.id).where('id', '=', req.params.fileId).executeTakeFirst();
    if (!file) throw AppError.notFound('附件');
    return reply
      .header('content-type', file.mime)
      .header('x-content-type-options', 'nosniff')
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.file_name)}`)
      .send(Buffer.from(file.content));
  });

  r.delete('/api/policies/:id/attachments/:fileId', {
    config: { access: WRITERS },
    schema: { tags, summary: '删除政策附件', params: fileParams, response: { 204: z.null(), ...errorResponses } },
  }, async (req, reply) => {
    await db.transaction().execute(async (tx) => {
      const row = await tx.deleteFrom('policy_attachments').where('policy_id', '=', req.params.id).where('id', '=', req.params.fileId).returning(['file_name']).executeTakeFirst();
      if (!row) throw AppError.notFound('附件');
      await recordAudit(tx, actorOf(req), { action: 'policy.detach', entityType: 'policy', entityId: req.params.id, before: { id: req.params.fileId, fileName: row.file_name } });
    });
    return reply.status(204).send(null);
  });
}
