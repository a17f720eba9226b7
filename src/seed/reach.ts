/**
 * How far the demo district's enterprises can be reached: about a third with portal users (some
 * with two or three: the 企业管理员 and 经办人), a primary contact with a mobile for most, the
 * legal representative's mobile for many, and a few with nothing a message could go to (no user,
 * no contact, a landline as the registered phone). Campaigns, ratings and figures then show the
 * reach a real district has, not the one portal account the demo had before.
 */
import type { Insertable } from 'kysely';
import type { EnterpriseContactsTable } from '../platform/db/schema-enterprise-file.ts';
import type { NewUser } from '../platform/db/schema.ts';
import { personName } from './names.ts';
import { mixSeed, Rng } from './random.ts';

export interface ReachPlan {
  users: NewUser[];
  contacts: Insertable<EnterpriseContactsTable>[];
  /** enterprise id → the legal representative's mobile. */
  legalRepMobiles: Map<number, string>;
  /** Enterprises with nothing to reach them by: their registered phone becomes a landline. */
  unreachable: number[];
}

const CONTACT_TITLES = ['行政经理', '财务经理', '办公室主任', '总经理助理', '人事主管', '董事会秘书'] as const;
const MAIL_DOMAINS = ['163.com', 'qq.com', '126.com', 'sina.com', 'foxmail.com'] as const;

/** Portal user k (1–3) of the enterprise at index i: `qy00002` / `qy00002_2`, mobile 171 + i + k. */
export function portalUsername(index: number, k: number): string {
  return `qy${String(index + 1).padStart(5, '0')}${k > 1 ? `_${k}` : ''}`;
}

export function portalMobile(index: number, k: number): string {
  return `171${String(index + 1).padStart(7, '0')}${k}`;
}

function mobile(rng: Rng): string {
  return `1${rng.pick(['35', '36', '37', '38', '39', '50', '58', '59', '86', '88', '89'])}${rng.chars('0123456789', 8)}`;
}

/**
 * `ids[i]` is the id of generated enterprise i. Enterprise 0 already has the demo `enterprise`
 * account (its administrator); it gets a 经办人 besides. Drawn from a stream per enterprise, so the
 * first N enterprises reach the same people whatever the total.
 */
export function planReach(ids: readonly number[], randomSeed: number, passwordHash: string): ReachPlan {
  const plan: ReachPlan = { users: [], contacts: [], legalRepMobiles: new Map(), unreachable: [] };
  ids.forEach((id, i) => {
    const rng = new Rng(mixSeed(randomSeed, i, 11));
    // A few enterprises leave nothing to reach them by (the first one always has its account).
    if (i > 0 && rng.chance(0.06)) {
      plan.unreachable.push(id);
      return;
    }
    const portalUsers =
      i === 0
        ? 1
        : rng.chance(0.34)
          ? rng.weighted([
              [1, 6],
              [2, 3],
              [3, 1],
            ] as const)
          : 0;
    for (let k = 1; k <= portalUsers; k++) {
      const name = personName(rng);
      plan.users.push({
        username: portalUsername(i, k),
        mobile: portalMobile(i, k),
        email: rng.chance(0.4) ? `${portalUsername(i, k)}@${rng.pick(MAIL_DOMAINS)}` : null,
        display_name: name,
        password_hash: passwordHash,
        must_change_password: false,
        role: 'enterprise',
        enterprise_id: id,
        enterprise_role: k === 1 ? 'admin' : 'agent',
      });
    }
    if (i === 0) {
      plan.users.push({
        username: 'enterprise_agent',
        mobile: '13800000009',
        display_name: personName(rng),
        password_hash: passwordHash,
        must_change_password: false,
        role: 'enterprise',
        enterprise_id: id,
        enterprise_role: 'agent',
        email: null,
      });
      // The demo account `enterprise` is the first enterprise's administrator: drop the generated one.
      plan.users.splice(
        plan.users.findIndex((u) => u.username === portalUsername(0, 1)),
        1,
      );
    }
    if (rng.chance(0.88)) {
      plan.contacts.push({
        enterprise_id: id,
        name: personName(rng),
        title: rng.pick(CONTACT_TITLES),
        mobile: mobile(rng),
        email: rng.chance(0.5) ? `contact${i + 1}@${rng.pick(MAIL_DOMAINS)}` : null,
        is_primary: true,
      });
      if (rng.chance(0.3))
        plan.contacts.push({
          enterprise_id: id,
          name: personName(rng),
          title: rng.pick(CONTACT_TITLES),
          mobile: rng.chance(0.8) ? mobile(rng) : null,
          email: null,
          is_primary: false,
        });
    }
    if (rng.chance(0.6)) plan.legalRepMobiles.set(id, mobile(rng));
  });
  return plan;
}
