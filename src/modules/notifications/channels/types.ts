import type { MessageKind } from '../queue.ts';

/** One outbox message as a channel sees it. */
export interface OutboxMessage {
  id: number;
  channel: 'sms' | 'email';
  recipient: string;
  kind: MessageKind;
  subject: string;
  body: string;
  params: Record<string, string>;
}

/** A channel took the message: the provider's id for it (BizId, SerialNo, Message-ID). */
export interface Handed {
  providerId: string | null;
}

/** A receipt from the provider, matched to the message by its provider id. */
export interface Receipt {
  providerId: string;
  delivered: boolean;
  at: Date;
  /** The provider's failure code or description. */
  code?: string;
}

/** A message the provider is still to report on. */
export interface AwaitingReceipt {
  providerId: string;
  recipient: string;
  handedAt: Date;
}

/**
 * A channel adapter: `send` hands one message over or throws (a DeliveryError says whether
 * trying again can help); `receipts`, where the provider reports delivery, asks about messages
 * it took. `provider` names it in the outbox (aliyun, tencent, smtp, log).
 */
export interface ChannelAdapter {
  provider: string;
  /** false for the log channel: nothing leaves the server, so nothing counts as sent. */
  real: boolean;
  send(m: OutboxMessage): Promise<Handed>;
  receipts?(awaiting: readonly AwaitingReceipt[]): Promise<Receipt[]>;
}

export type Channels = Record<'sms' | 'email', ChannelAdapter>;

/**
 * A refusal or failure with the provider's code. Permanent ones (invalid number, template
 * refused, bad credentials) are not retried; transient ones (network, throttling, 5xx) are.
 */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

/** Connection-level failures (no answer from the provider): always worth another try. */
export function networkError(err: unknown): DeliveryError {
  const e = err as { code?: unknown; message?: unknown };
  const code = typeof e.code === 'string' ? e.code : 'NETWORK';
  return new DeliveryError(String(e.message ?? err).slice(0, 300), code, false);
}
