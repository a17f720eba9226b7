import nodemailer from 'nodemailer';
import type { MailConfig } from '../../../platform/config.ts';
import { DeliveryError, networkError, type ChannelAdapter } from './types.ts';

export interface SmtpTimeouts {
  connectionTimeout: number;
  greetingTimeout: number;
  socketTimeout: number;
}
/** Milliseconds: the longest one send can take is about their sum (see SEND_TIMEOUT_MS in outbox.ts). */
export const SMTP_TIMEOUTS: SmtpTimeouts = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 30_000 };

/**
 * E-mail through an SMTP server with nodemailer. The server's acceptance is the hand-over; SMTP
 * gives no delivery receipt, so e-mail stays "handed". A 5xx reply (unknown mailbox, refused
 * sender) and failed authentication are permanent; 4xx replies and lost connections are retried.
 */
export function smtpChannel(config: MailConfig, timeouts: SmtpTimeouts = SMTP_TIMEOUTS): ChannelAdapter {
  // nodemailer's defaults (2 min to connect, 10 min of socket silence) would let a hung server
  // hold a send past the outbox claim, and another dispatcher would send it again.
  const transport = nodemailer.createTransport({ url: config.url, ...timeouts });
  return {
    provider: 'smtp',
    real: true,
    async send(m) {
      try {
        const info = await transport.sendMail({ from: config.from, to: m.recipient, subject: m.subject || '企服通通知', text: m.body });
        return { providerId: info.messageId ?? null };
      } catch (err) {
        const e = err as { code?: unknown; responseCode?: unknown; message?: unknown };
        const reply = typeof e.responseCode === 'number' ? e.responseCode : undefined;
        const code = reply !== undefined ? `SMTP_${reply}` : String(e.code ?? 'SMTP');
        if (reply !== undefined || e.code === 'EAUTH') {
          throw new DeliveryError(
            String(e.message ?? code).slice(0, 300),
            code,
            e.code === 'EAUTH' || (reply !== undefined && reply >= 500),
          );
        }
        throw networkError(err);
      }
    },
  };
}
