import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../platform/db/index.ts';
import { recordAudit } from '../../platform/audit.ts';
import { actorOf, requireUser } from '../../platform/http/access.ts';
import { AppError } from '../../platform/errors.ts';
import { errorResponses, fileParams, idParams } from '../../platform/http/schemas.ts';
import { readUploadedFiles, sendUpload } from '../../platform/http/uploads.ts';
import { READERS, WRITERS, visiblePolicy } from './routes.ts';
import { attachmentCount, attachmentFile, deleteAttachment, insertAttachments } from './repository.ts';
import { lockPolicy } from './repository-writes.ts';
import { attachmentItem } from './schemas.ts';

const MAX_FILES_PER_POLICY = 30;
const tags = ['policies'];

/** A policy's attachments (政策原文 PDF, 申报指南, 表格): typed by content as appeal attachments are. */
export function policyAttachmentRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/policies/:id/attachments',
    {
      config: { access: WRITERS },
      schema: {
        tags,
        summary: '上传政策附件（multipart/form-data；图片、PDF、Office 文件，单个不超过 10 MB，按文件内容判断类型）',
        params: idParams,
        response: { 201: z.object({ items: z.array(attachmentItem) }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const policyId = req.params.id;
      await visiblePolicy(db, user, policyId);
      const files = await readUploadedFiles(req);
      const rows = await db.transaction().execute(async (tx) => {
        // Counted under the policy's row lock: uploads arriving at once take turns, so they
        // cannot all see the last free place (without it, three or four of five did on PostgreSQL).
        if (!(await lockPolicy(tx, policyId))) throw AppError.notFound('政策');
        if ((await attachmentCount(tx, policyId)) + files.length > MAX_FILES_PER_POLICY)
          throw AppError.validation('file', `每项政策最多 ${MAX_FILES_PER_POLICY} 个附件`);
        const inserted = await insertAttachments(
          tx,
          files.map((f) => ({
            policy_id: policyId,
            file_name: f.fileName,
            mime: f.mime,
            size: f.size,
            sha256: f.sha256,
            content: f.content,
            uploaded_by: user.id,
          })),
        );
        await recordAudit(tx, actorOf(req), {
          action: 'policy.attach',
          entityType: 'policy',
          entityId: policyId,
          after: inserted.map((x) => ({ id: x.id, fileName: x.file_name, size: x.size })),
        });
        return inserted;
      });
      return reply.status(201).send({
        items: rows.map((x) => ({
          id: x.id,
          fileName: x.file_name,
          mime: x.mime,
          size: x.size,
          createdAt: new Date(x.created_at).toISOString(),
        })),
      });
    },
  );

  r.get(
    '/api/policies/:id/attachments/:fileId',
    {
      config: { access: READERS },
      schema: { tags, summary: '下载政策附件', params: fileParams },
    },
    async (req, reply) => {
      await visiblePolicy(db, requireUser(req), req.params.id);
      const file = await attachmentFile(db, req.params.id, req.params.fileId);
      if (!file) throw AppError.notFound('附件');
      return sendUpload(reply, file);
    },
  );

  r.delete(
    '/api/policies/:id/attachments/:fileId',
    {
      config: { access: WRITERS },
      schema: { tags, summary: '删除政策附件', params: fileParams, response: { 204: z.null(), ...errorResponses } },
    },
    async (req, reply) => {
      await db.transaction().execute(async (tx) => {
        const fileName = await deleteAttachment(tx, req.params.id, req.params.fileId);
        if (fileName === undefined) throw AppError.notFound('附件');
        await recordAudit(tx, actorOf(req), {
          action: 'policy.detach',
          entityType: 'policy',
          entityId: req.params.id,
          before: { id: req.params.fileId, fileName },
        });
      });
      return reply.status(204).send(null);
    },
  );
}
