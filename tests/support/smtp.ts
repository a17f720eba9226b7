import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One e-mail as the SMTP server received it, decoded (single-part text, as Qifu sends). */
export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  headers: Record<string, string>;
  raw: string;
}

export interface SmtpSink {
  /** smtp://user:password@127.0.0.1:<port> — for QIFU_SMTP_URL. */
  url: string;
  mails: ReceivedMail[];
  /** Addresses the server refuses with a permanent 550 (unknown mailbox). */
  refuse: Set<string>;
  /** The next this many messages are refused with a transient 451. */
  deferNext(times?: number): void;
  /** Settings for createTestApp({ env }). */
  env(): Record<string, string>;
  waitFor(predicate: (m: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

/** RFC 2047 encoded words (=?UTF-8?B?…?= / =?UTF-8?Q?…?=) → text. */
function decodeWords(s: string): string {
  return s.replace(/\?=\s+=\?/g, '?==?').replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_m, _cs: string, enc: string, data: string) =>
    enc.toUpperCase() === 'B'
      ? Buffer.from(data, 'base64').toString('utf8')
      : Buffer.from(
          data.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
          'latin1',
        ).toString('utf8'),
  );
}

function decodeBody(body: string, encoding: string): string {
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_x, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return Buffer.from(body, 'latin1').toString('utf8');
}

export function parseMail(raw: string, from: string, to: string[]): ReceivedMail {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n')) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  const body = raw.slice(split + 4).replace(/\r\n$/, '');
  return {
    from,
    to,
    subject: decodeWords(headers.subject ?? ''),
    text: decodeBody(body, (headers['content-transfer-encoding'] ?? '7bit').toLowerCase()).replace(/\r\n/g, '\n'),
    headers,
    raw,
  };
}

/**
 * A real SMTP server (smtp-server) on a free local port, with login, keeping what it receives.
 * The app's nodemailer channel sends to it exactly as to a relay.
 */
export async function startSmtpSink(opts: { user?: string; password?: string; from?: string } = {}): Promise<SmtpSink> {
  const user = opts.user ?? 'qifu';
  const password = opts.password ?? 'smtp-secret';
  const mails: ReceivedMail[] = [];
  const refuse = new Set<string>();
  let defer = 0;
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: false,
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === user && auth.password === password) cb(null, { user });
      else cb(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onRcptTo(address, _session, cb) {
      if (refuse.has(address.address.toLowerCase())) cb(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
      else cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (defer > 0) {
          defer--;
          cb(Object.assign(new Error('Try again later'), { responseCode: 451 }));
          return;
        }
        const fromAddr = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        mails.push(
          parseMail(
            Buffer.concat(chunks).toString('latin1'),
            fromAddr,
            session.envelope.rcptTo.map((r) => r.address),
          ),
        );
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  const url = `smtp://${user}:${password}@127.0.0.1:${port}`;
  return {
    url,
    mails,
    refuse,
    deferNext(times = 1) {
      defer = times;
    },
    env: () => ({ QIFU_SMTP_URL: url, QIFU_MAIL_FROM: opts.from ?? '企服通 <noreply@qifu.example.gov.cn>' }),
    async waitFor(predicate, timeoutMs = 5_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const found = mails.find(predicate);
        if (found) return found;
        if (Date.now() > until) throw new Error('no such e-mail arrived');
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
