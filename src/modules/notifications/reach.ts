import type { Db } from '../../platform/db/index.ts';
import type { ContactChannel } from '../../platform/db/schema-delivery.ts';
import { addressBook } from './contacts.ts';
import { candidatesFor } from './repository-contacts.ts';
import { enterprisesWithUsers } from './repository.ts';
import { DEFAULT_PREFERENCES, loadPreferences, PROMOTIONAL, type Preferences } from './preferences.ts';
import type { MessageKind } from './queue.ts';

/** How one enterprise is reached by one send: in-app to its users, SMS and e-mail to these addresses. */
export interface Reach {
  inApp: boolean;
  sms: string[];
  email: string[];
  reachable: boolean;
  /** Why not: it opted out (of this kind, or of every chosen channel), or nothing is held. */
  reason: 'opted_out' | 'no_contact' | null;
}

export interface Held {
  hasUser: boolean;
  sms: string[];
  email: string[];
}

/**
 * The rule, pure: the channels chosen for the send, narrowed for a promotional kind to those the
 * enterprise accepts (none when it opted out of pushes); on each, what it holds.
 */
export function decideReach(chosen: ReadonlySet<ContactChannel>, kind: MessageKind, prefs: Preferences, held: Held): Reach {
  const usable = PROMOTIONAL.has(kind) ? (prefs.promotions ? prefs.channels.filter((c) => chosen.has(c)) : []) : [...chosen];
  const inApp = usable.includes('in_app') && held.hasUser;
  const sms = usable.includes('sms') ? held.sms : [];
  const email = usable.includes('email') ? held.email : [];
  const reachable = inApp || sms.length > 0 || email.length > 0;
  return { inApp, sms, email, reachable, reason: reachable ? null : usable.length === 0 ? 'opted_out' : 'no_contact' };
}

/** decideReach for many enterprises, with what the database holds about them (a few set-based queries). */
export async function reachEnterprises(
  db: Db,
  enterpriseIds: readonly number[],
  chosen: readonly ContactChannel[],
  kind: MessageKind,
): Promise<Map<number, Reach>> {
  const out = new Map<number, Reach>();
  if (enterpriseIds.length === 0) return out;
  const ids = [...enterpriseIds];
  const [withUser, book, prefs] = await Promise.all([
    enterprisesWithUsers(db, ids),
    chosen.includes('sms') || chosen.includes('email')
      ? candidatesFor(db, ids).then(addressBook)
      : Promise.resolve(new Map<number, { sms: string[]; email: string[] }>()),
    loadPreferences(db, ids),
  ]);
  const set = new Set(chosen);
  for (const id of ids) {
    const addresses = book.get(id);
    out.set(
      id,
      decideReach(set, kind, prefs.get(id) ?? DEFAULT_PREFERENCES, {
        hasUser: withUser.has(id),
        sms: addresses?.sms ?? [],
        email: addresses?.email ?? [],
      }),
    );
  }
  return out;
}
