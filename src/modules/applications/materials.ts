import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../platform/errors.ts';
import { safeFileName, sniffFileType } from '../appeals/file-types.ts';

export const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** A notice's materials list (policy_notices.materials); anything malformed is read as no list. */
const materialSpec = z.array(z.object({ name: z.string().min(1), required: z.boolean().default(false) }));
export type MaterialSpec = z.output<typeof materialSpec>;

export function materialsOfNotice(json: unknown): MaterialSpec {
  const r = materialSpec.safeParse(json);
  return r.success ? r.data : [];
}

export function declaredFieldsOfNotice(json: unknown): string[] {
  const r = z.array(z.string()).safeParse(json);
  return r.success ? r.data : [];
}

export interface UploadedMaterial {
  /** The material's name from the notice's list. */
  material: string;
  fileName: string;
  mime: string;
  size: number;
  sha256: string;
  content: Buffer;
}

export interface Submission {
  /** The JSON of the multipart field `data`, or the JSON body. */
  data: unknown;
  files: UploadedMaterial[];
}

/**
 * Reads a submission: JSON, or multipart/form-data with the form as JSON in the field `data`
 * and each file under `materials.<index in the notice's list>`. Files are typed by their content
 * like appeal attachments (images, PDF, Office), so a renamed executable is refused.
 */
export async function readSubmission(req: FastifyRequest, specs: (dataJson: unknown) => Promise<MaterialSpec> | MaterialSpec): Promise<Submission> {
  if (!req.isMultipart()) return { data: req.body ?? {}, files: [] };
  let data: unknown = {};
  const raw: { field: string; name: string; data: Buffer }[] = [];
  for await (const part of req.parts({ limits: { fileSize: MAX_FILE_BYTES } })) {
    if (part.type === 'file') {
      const content = await part.toBuffer().catch(() => {
        throw new AppError('PAYLOAD_TOO_LARGE', `文件「${part.filename}」超过 10 MB`, { fields: [{ field: part.fieldname, message: '文件过大' }] });
      });
      raw.push({ field: part.fieldname, name: part.filename, data: content });
    } else if (part.fieldname === 'data') {
      try {
        data = JSON.parse(String(part.value));
      } catch {
        throw AppError.validation('data', '表单数据不是有效的 JSON');
      }
    }
  }
  const list = await specs(data);
  const files = raw.map((f) => {
    const m = /^materials\.(\d+)$/.exec(f.field);
    const spec = m ? list[Number(m[1])] : undefined;
    if (!spec) throw AppError.validation(f.field, '材料不在申报通知的材料清单中');
    const type = sniffFileType(f.data);
    if (!type) throw new AppError('UNSUPPORTED_MEDIA_TYPE', `文件「${f.name}」不是图片、PDF 或 Office 文档`, { fields: [{ field: f.field, message: '文件类型不支持' }] });
    return { material: spec.name, fileName: safeFileName(f.name, type), mime: type.mime, size: f.data.length, sha256: createHash('sha256').update(f.data).digest('hex'), content: f.data };
  });
  return { data, files };
}

/** Every required material must have at least one file, counting those already uploaded. */
export function checkRequired(list: MaterialSpec, have: ReadonlyMap<string, number>): void {
  list.forEach((m, i) => {
    if (m.required && !(have.get(m.name) ?? 0)) throw AppError.validation(`materials.${i}`, `请上传「${m.name}」`);
  });
}
