/**
 * What a file really is, from its first bytes: a renamed .exe stays an .exe. Only images,
 * PDF and Office documents are accepted as uploads (see uploads.ts).
 */
export interface FileType {
  mime: string;
  ext: string;
}

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0) => sig.every((v, i) => b[at + i] === v);

/** OOXML documents are ZIP archives; the first entries name the part that says which one. */
function officeOpenXml(b: Uint8Array): FileType | undefined {
  const head = Buffer.from(b.subarray(0, Math.min(b.length, 64 * 1024))).toString('latin1');
  if (!head.includes('[Content_Types].xml')) return undefined;
  if (head.includes('word/')) return { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ext: 'docx' };
  if (head.includes('xl/')) return { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ext: 'xlsx' };
  if (head.includes('ppt/')) return { mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', ext: 'pptx' };
  return undefined;
}

export function sniffFileType(b: Uint8Array): FileType | undefined {
  if (startsWith(b, [0xff, 0xd8, 0xff])) return { mime: 'image/jpeg', ext: 'jpg' };
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { mime: 'image/png', ext: 'png' };
  if (startsWith(b, [0x47, 0x49, 0x46, 0x38])) return { mime: 'image/gif', ext: 'gif' };
  if (startsWith(b, [0x52, 0x49, 0x46, 0x46]) && startsWith(b, [0x57, 0x45, 0x42, 0x50], 8)) return { mime: 'image/webp', ext: 'webp' };
  if (startsWith(b, [0x25, 0x50, 0x44, 0x46, 0x2d])) return { mime: 'application/pdf', ext: 'pdf' };
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04])) return officeOpenXml(b);
  // OLE2 compound file: the legacy .doc / .xls / .ppt formats.
  if (startsWith(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return { mime: 'application/vnd.ms-office', ext: 'doc' };
  return undefined;
}

/** A file name safe to store and to send back: no paths, no control characters, bounded. */
export function safeFileName(name: string, type: FileType): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '')
    .trim();
  // Cut by code point: a cut inside a surrogate pair (an emoji) would leave a lone surrogate to store.
  const clean = Array.from(cleaned).slice(0, 120).join('').trim();
  return clean.length > 0 ? clean : `附件.${type.ext}`;
}
