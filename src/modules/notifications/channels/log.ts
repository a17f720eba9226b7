import type { ChannelAdapter } from './types.ts';

/** The default channel: writes each message to the log, so that nothing is sent by accident. */
export function logChannel(log: (obj: object, msg: string) => void): ChannelAdapter {
  return {
    provider: 'log',
    real: false,
    async send(m) {
      log(
        { channel: m.channel, kind: m.kind, to: m.recipient, subject: m.subject, body: m.body, params: m.params },
        'outbox message (no channel configured: logged only)',
      );
      return { providerId: null };
    },
  };
}
