import type { ChannelAdapter } from './types.ts';

/**
 * The default channel: writes each message to the log, so that nothing is sent by accident. On a
 * development machine the text is what lets someone register without a gateway (the SMS code is in
 * it); in production a code or an invitation link in a log is a credential anyone reading logs could
 * use, so only who, what kind and which channel are written.
 */
export function logChannel(log: (obj: object, msg: string) => void, withText = true): ChannelAdapter {
  return {
    provider: 'log',
    real: false,
    async send(m) {
      const what = { channel: m.channel, kind: m.kind, to: m.recipient, subject: m.subject };
      log(withText ? { ...what, body: m.body, params: m.params } : what, 'outbox message (no channel configured: logged only)');
      return { providerId: null };
    },
  };
}
