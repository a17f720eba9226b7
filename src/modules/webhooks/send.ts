import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { addressProblem, connectLookup, hostOf, portProblem, type Resolve } from './destination.ts';
import { SIGNATURE_HEADER, sign } from './events.ts';

/** How long one delivery may take, from connecting to the answer's status line. */
export const TIMEOUT_MS = 10_000;

export interface SendOptions {
  /** Deliver to private and loopback addresses too (QIFU_WEBHOOK_ALLOW_PRIVATE). */
  allowPrivate?: boolean;
  /** Answers host names instead of the system resolver (tests: a name that turns into 127.0.0.1). */
  resolve?: Resolve;
  /** Instead of TIMEOUT_MS (tests of a receiver that hangs). */
  timeoutMs?: number;
}

/**
 * One POST with node:http, whose `lookup` hook sees and checks each address the socket is about
 * to connect to (fetch has no such hook). A redirect is not followed: it is an answer like any
 * non-2xx, so a public endpoint cannot bounce the delivery to an internal one.
 */
function post(
  url: URL,
  headers: Record<string, string>,
  body: string,
  lookup: ReturnType<typeof connectLookup>,
  timeoutMs: number,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = (url.protocol === 'https:' ? https : http).request(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup,
        // A connection of its own: a pooled socket would skip the lookup (and its check).
        agent: false,
        signal: AbortSignal.timeout(timeoutMs),
      },
      (res) => {
        resolve(res.statusCode ?? 0);
        res.destroy();
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export async function send(
  target: string,
  secret: string,
  id: number,
  event: string,
  body: string,
  opts: SendOptions,
): Promise<{ status: number | null; error: string | null }> {
  try {
    const url = new URL(target);
    // An IP literal is connected to without a lookup: checked here, the lookup checks names.
    const refused = portProblem(url) ?? (isIP(hostOf(url)) ? addressProblem(hostOf(url), opts.allowPrivate ?? false) : null);
    if (refused) return { status: null, error: refused };
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'Qifu-Webhooks/1',
      [SIGNATURE_HEADER]: sign(secret, body),
      'Qifu-Event': event,
      'Qifu-Delivery': String(id),
    };
    const lookup = connectLookup(opts.allowPrivate ?? false, opts.resolve);
    const status = await post(url, headers, body, lookup, opts.timeoutMs ?? TIMEOUT_MS);
    return status >= 200 && status < 300 ? { status, error: null } : { status, error: `HTTP ${status}` };
  } catch (err) {
    return { status: null, error: reason(err).slice(0, 500) };
  }
}

/** What went wrong, for the delivery list. A name with several addresses fails with one error per address. */
function reason(err: unknown): string {
  if (err instanceof AggregateError && !err.message) return err.errors.map(reason).join('; ');
  if (!(err instanceof Error)) return String(err);
  return err.cause instanceof Error ? `${err.message}: ${err.cause.message}` : err.message;
}
