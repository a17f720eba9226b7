import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { MultipartFile } from '@fastify/multipart';
import type { Db } from '../../platform/db/index.ts';
import type { Actor } from '../../platform/http/access.ts';
import { AppError } from '../../platform/errors.ts';
import { refuseBadText } from '../../platform/http/uploads.ts';
import { importFile, type ImportReport } from './import.ts';

/**
 * An uploaded import file: streamed to a temporary file first (so a slow upload does not hold the
 * import's transaction open, and memory stays flat), then imported as a stream from there.
 */
export async function importUpload(db: Db, part: MultipartFile, maxBytes: number, actor: Actor): Promise<ImportReport> {
  // Read with req.file(), past readMultipart: the name goes into the audit row, which cannot hold U+0000.
  refuseBadText('file', part.filename, '文件名');
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'qifu-import-'));
  const file = path.join(dir, 'upload');
  try {
    await pipeline(part.file, fs.createWriteStream(file));
    if (part.file.truncated)
      throw new AppError('PAYLOAD_TOO_LARGE', `文件超过 ${Math.round(maxBytes / 1024 / 1024)} MB`, {
        fields: [{ field: 'file', message: '文件过大' }],
      });
    return await importFile(db, part.filename, fs.createReadStream(file, { highWaterMark: 256 * 1024 }), actor);
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}
