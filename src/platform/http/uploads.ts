/**
 * Files uploaded as multipart/form-data (appeal and policy attachments, application materials),
 * read here so that every upload route refuses the same files with the same codes and messages.
 * Files are held in memory: they are bounded in size and number, and go into the database whole.
 */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import { safeFileName, sniffFileType } from './file-types.ts';
import { attachment } from './download.ts';
import { textProblem } from './input-guard.ts';

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
const MAX_FILES_PER_REQUEST = 10;

export interface UploadedFile {
  /** The form field the file came in, named in the errors about it. */
  field: string;
  /** The client's name made safe to store and send back. */
  fileName: string;
  /** From the content, not from the client. */
  mime: string;
  size: number;
  sha256: string;
  content: Buffer;
}

export interface MultipartForm {
  files: UploadedFile[];
  /** The text fields by name. */
  fields: Map<string, string>;
}

export interface MultipartLimits {
  /** Files per request (default 10); a further file refuses the request. */
  maxFiles?: number;
  /** Bytes per file (default MAX_UPLOAD_BYTES). */
  maxFileBytes?: number;
  /**
   * Called once with the text fields sent before the first file, before that file is read: a
   * public route checks what it can (a proof) without buffering files for nobody.
   */
  beforeFirstFile?: (fields: Map<string, string>) => Promise<void>;
}

/** A text field (or a file's name) the database could not store as sent: 400 naming the form field. */
export function refuseBadText(field: string, value: string, what = ''): void {
  const problem = textProblem(value);
  if (problem)
    throw new AppError('VALIDATION_FAILED', `${field}：${what}${problem}`, { fields: [{ field, message: `${what}${problem}` }] });
}

/**
 * Reads a whole multipart form. A file over the size limit, or one whose content is not an
 * image, PDF or Office document (a renamed executable), refuses the request, naming the file
 * and its field.
 */
export async function readMultipart(req: FastifyRequest, limits: MultipartLimits = {}): Promise<MultipartForm> {
  if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传文件');
  const maxFiles = limits.maxFiles ?? MAX_FILES_PER_REQUEST;
  const maxBytes = limits.maxFileBytes ?? MAX_UPLOAD_BYTES;
  const raw: { field: string; name: string; data: Buffer }[] = [];
  const fields = new Map<string, string>();
  // One more than allowed is let through the parser so that it can be refused with our message.
  for await (const part of req.parts({ limits: { fileSize: maxBytes, files: maxFiles + 1 } })) {
    if (part.type === 'file') {
      // The name is checked, not cleaned: a NUL in it is a broken client, refused like one in a JSON body.
      refuseBadText(part.fieldname, part.filename, '文件名');
      if (raw.length === 0) await limits.beforeFirstFile?.(fields);
      if (raw.length >= maxFiles) {
        throw new AppError('PAYLOAD_TOO_LARGE', `每次最多上传 ${maxFiles} 个文件`, {
          fields: [{ field: part.fieldname, message: '文件过多' }],
        });
      }
      const data = await part.toBuffer().catch(() => {
        throw new AppError('PAYLOAD_TOO_LARGE', `文件「${part.filename}」超过 ${maxBytes / 1024 / 1024} MB`, {
          fields: [{ field: part.fieldname, message: '文件过大' }],
        });
      });
      raw.push({ field: part.fieldname, name: part.filename, data });
    } else {
      const value = String(part.value);
      refuseBadText(part.fieldname, value);
      fields.set(part.fieldname, value);
    }
  }
  const files = raw.map((f) => {
    const type = sniffFileType(f.data);
    if (!type)
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', `文件「${f.name}」不是图片、PDF 或 Office 文档`, {
        fields: [{ field: f.field, message: '文件类型不支持' }],
      });
    return {
      field: f.field,
      fileName: safeFileName(f.name, type),
      mime: type.mime,
      size: f.data.length,
      sha256: createHash('sha256').update(f.data).digest('hex'),
      content: f.data,
    };
  });
  return { files, fields };
}

/** The files of a form that is nothing but files (attachments): at least one. */
export async function readUploadedFiles(req: FastifyRequest): Promise<UploadedFile[]> {
  const { files } = await readMultipart(req);
  if (files.length === 0) throw AppError.validation('file', '请选择要上传的文件');
  return files;
}

/**
 * Sends a stored upload back as a download. nosniff: the browser keeps to the type found at upload
 * and never renders the file as a page; the name is percent-encoded because it is usually Chinese.
 */
export function sendUpload(reply: FastifyReply, file: { file_name: string; mime: string; content: Uint8Array }): FastifyReply {
  return reply
    .header('content-type', file.mime)
    .header('x-content-type-options', 'nosniff')
    .header('content-disposition', attachment(file.file_name))
    .send(Buffer.from(file.content));
}
