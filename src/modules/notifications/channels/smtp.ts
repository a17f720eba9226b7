import nodemailer from 'nodemailer';
import type { MailConfig } from '../../../platform/config.ts';
import { DeliveryError, networkError, type ChannelAdapter } from './types.ts';

/**
 * E-mail through an SMTP server with nodemailer. The server's acceptance is the hand-over; SMTP
 * gives no delivery receipt, so e-mail stays "handed". A 5xx reply (unknown mailbox, refused
 * sender) and failed authentication are permanent; 4xx replies and lost connections are retried.
 */
export function smtpChannel(config: MailConfig): ChannelAdapter {
  const transport = nodemailer.createTransport(config.url);
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
          throw new DeliveryError(String(e.message ?? code).slice(0, 300), code, e.code === 'EAUTH' || (reply !== undefined && reply >= 500));
        }
        throw networkError(err);
      }
    },
  };
}
