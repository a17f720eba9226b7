import type { Db } from '../../platform/db/index.ts';
import type { ContactChannel, MessageKind } from '../../platform/db/schema-delivery.ts';
import { preferenceRows } from './repository.ts';

/** An enterprise's contact preferences (消息设置); an enterprise without a row has the defaults. */
export interface Preferences {
  /** Channels its promotional pushes may use. */
  channels: ContactChannel[];
  /** false = no promotional pushes at all (kind 'policy'). */
  promotions: boolean;
  /** SMS quiet hours, 'HH:MM' in Asia/Shanghai (may span midnight); null = none. */
  quiet: { start: string; end: string } | null;
}

export const ALL_CHANNELS: readonly ContactChannel[] = ['in_app', 'sms', 'email'];
export const DEFAULT_PREFERENCES: Preferences = { channels: [...ALL_CHANNELS], promotions: true, quiet: null };

/** Someone is waiting for these right now: quiet hours never hold them back. */
export const QUIET_EXEMPT: ReadonlySet<MessageKind> = new Set(['verification_code', 'invitation']);
/** The one promotional kind: the only one an enterprise may opt out of or restrict to some channels. */
export const PROMOTIONAL: ReadonlySet<MessageKind> = new Set(['policy']);

const SHANGHAI_OFFSET_MIN = 8 * 60;
const DAY_MIN = 24 * 60;
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * When an SMS due at `at` may go out: `at` itself outside the quiet hours, else after their end
 * by as long as it was due after they began (or after `from`, when it was queued inside them).
 * Messages spread over minutes (a campaign's rate) stay spread after the end rather than all
 * becoming due the same minute. Asia/Shanghai has no daylight saving, so a fixed +08:00 is exact.
 */
export function quietEnd(at: Date, quiet: { start: string; end: string }, from: Date = at): Date {
  const local = at.getTime() + SHANGHAI_OFFSET_MIN * 60_000;
  const m = Math.floor(local / 60_000);
  const minute = ((m % DAY_MIN) + DAY_MIN) % DAY_MIN;
  const s = minutes(quiet.start);
  const e = minutes(quiet.end);
  const inside = s < e ? minute >= s && minute < e : minute >= s || minute < e;
  if (!inside) return at;
  const began = (m - ((minute - s + DAY_MIN) % DAY_MIN) - SHANGHAI_OFFSET_MIN) * 60_000;
  const length = ((e - s + DAY_MIN) % DAY_MIN) * 60_000;
  return new Date(began + length + Math.max(0, at.getTime() - Math.max(began, from.getTime())));
}

export async function loadPreferences(db: Db, enterpriseIds: readonly number[]): Promise<Map<number, Preferences>> {
  const out = new Map<number, Preferences>();
  if (enterpriseIds.length === 0) return out;
  for (const r of await preferenceRows(db, enterpriseIds)) out.set(r.enterprise_id, toPreferences(r));
  return out;
}

export function toPreferences(r: {
  channels: ContactChannel[];
  promotions: boolean;
  quiet_start: string | null;
  quiet_end: string | null;
}): Preferences {
  return {
    channels: ALL_CHANNELS.filter((c) => r.channels.includes(c)),
    promotions: r.promotions,
    quiet: r.quiet_start && r.quiet_end ? { start: r.quiet_start.slice(0, 5), end: r.quiet_end.slice(0, 5) } : null,
  };
}
