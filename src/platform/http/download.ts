import type { FastifyReply } from 'fastify';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Content-Disposition for a download whose name is usually Chinese: the UTF-8 name for browsers
 * (RFC 5987 / 6266) and an ASCII fallback for the rest. The fallback is reduced to safe characters,
 * so no name can break out of the quoted string or the header.
 */
export function attachment(name: string, asciiName?: string): string {
  const utf8 = `filename*=UTF-8''${encodeURIComponent(name)}`;
  if (asciiName === undefined) return `attachment; ${utf8}`;
  return `attachment; filename="${asciiName.replace(/[^\w.-]/g, '_')}"; ${utf8}`;
}

/** Sends a workbook as a download named `name` (ASCII fallback `asciiName`). */
export function sendXlsx(reply: FastifyReply, data: Buffer, name: string, asciiName: string): FastifyReply {
  return reply.type(XLSX_TYPE).header('content-disposition', attachment(name, asciiName)).send(data);
}
