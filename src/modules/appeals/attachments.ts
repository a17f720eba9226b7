import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.ts';
import { recordAudit } from '../../platform/audit.ts';
import { actorOf, requireUser } from '../../platform/http/access.ts';
import { errorResponses, fileParams } from '../../platform/http/schemas.ts';
import { readUploadedFiles, sendUpload } from '../../platform/http/uploads.ts';
import * as queries from './repository-lists.ts';
import * as repo from './repository.ts';
import type { AppealDeps } from './service.ts';

export const MAX_FILES_PER_APPEAL = 20;
const READERS = ['enterprise', 'specialist', 'coordinator', 'handler', 'cadre', 'leader', 'admin'] as const;

/** Attachments of an appeal: images, PDF and Office files, typed by content and stored in the database. */
export function attachmentRoutes(app: FastifyInstance, { db }: AppealDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['appeals'];

  r.post(
    '/api/appeals/:id/attachments',
    {
      config: { access: READERS },
      schema: {
        tags,
        summary: '上传附件（multipart/form-data；图片、PDF、Office 文件，单个不超过 10 MB，按文件内容判断类型）',
        params: z.object({ id: z.coerce.number().int().positive() }),
        response: {
          201: z.object({ items: z.array(z.object({ id: z.number(), fileName: z.string(), mime: z.string(), size: z.number() })) }),
          ...errorResponses,
        },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const appealId = req.params.id;
      if (!(await queries.isVisible(db, user, appealId))) throw AppError.forbidden('无权为该诉求上传附件');
      const files = await readUploadedFiles(req);
      const items = await db.transaction().execute(async (tx) => {
        // Counted under the appeal's row lock: uploads arriving at once take turns, so they
        // cannot all see the last free place (counted before the transaction, five of five passed).
        if (!(await repo.lockAppeal(tx, appealId))) throw AppError.notFound('诉求');
        const existing = await queries.attachmentsOf(tx, appealId);
        if (existing.length + files.length > MAX_FILES_PER_APPEAL)
          throw AppError.validation('file', `每件诉求最多 ${MAX_FILES_PER_APPEAL} 个附件`);
        const rows = await repo.insertAttachments(
          tx,
          files.map((f) => ({
            appeal_id: appealId,
            file_name: f.fileName,
            mime: f.mime,
            size: f.size,
            sha256: f.sha256,
            content: f.content,
            uploaded_by: user.id,
          })),
        );
        await recordAudit(tx, actorOf(req), {
          action: 'appeal.attach',
          entityType: 'appeal',
          entityId: appealId,
          after: rows.map((x) => ({ id: x.id, fileName: x.file_name, mime: x.mime, size: x.size })),
        });
        return rows;
      });
      return reply.status(201).send({ items: items.map((x) => ({ id: x.id, fileName: x.file_name, mime: x.mime, size: x.size })) });
    },
  );

  r.get(
    '/api/appeals/:id/attachments/:fileId',
    {
      config: { access: READERS },
      schema: { tags, summary: '下载附件', params: fileParams },
    },
    async (req, reply) => {
      const user = requireUser(req);
      if (!(await queries.isVisible(db, user, req.params.id))) throw AppError.forbidden('无权查看该诉求的附件');
      const file = await queries.attachment(db, req.params.id, req.params.fileId, user.role === 'enterprise');
      if (!file) throw AppError.notFound('附件');
      return sendUpload(reply, file);
    },
  );
}
