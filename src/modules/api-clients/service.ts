import { randomBytes } from 'node:crypto';
import type { Db } from '../../platform/db/index.ts';
import type { ClientChannel } from '../../platform/db/schema-open.ts';
import { AppError } from '../../platform/errors.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Actor, ApiKeyResolver, SessionUser } from '../../platform/http/access.ts';
import { hashKey, newKey, parseScopes, type Scope } from './keys.ts';
import * as repo from './repository.ts';
import { cancelDeliveriesOfRevokedClient } from '../webhooks/service.ts';

export interface ClientInput {
  name: string;
  description: string;
  channel: ClientChannel;
  scopes: Scope[];
  ratePerMinute: number;
}

/** A client by id, for the Open311 routes (which need its channel). */
export const findClient = repo.findClient;

type ClientRow = NonNullable<Awaited<ReturnType<typeof repo.findClient>>>;

export function clientView(c: ClientRow & { last_call_at?: Date | null }) {
  return {
    id: c.id,
    name: c.name,
    description: c.description,
    channel: c.channel,
    scopes: parseScopes(c.scopes),
    ratePerMinute: c.rate_per_minute,
    keyPrefix: c.key_prefix,
    active: c.active,
    createdAt: c.created_at.toISOString(),
    keyRotatedAt: c.key_rotated_at.toISOString(),
    revokedAt: c.revoked_at?.toISOString() ?? null,
    lastCallAt: c.last_call_at ? new Date(c.last_call_at).toISOString() : null,
  };
}

export async function listClients(db: Db) {
  return (await repo.listClients(db)).map(clientView);
}

async function loadClient(db: Db, id: number): Promise<ClientRow> {
  const c = await repo.findClient(db, id);
  if (!c) throw AppError.notFound('API 客户端');
  return c;
}

/** Registers a connected system with a service user of its own; the key is returned once. */
export async function createClient(db: Db, admin: SessionUser, actor: Actor, input: ClientInput) {
  const k = newKey();
  const id = await db.transaction().execute(async (tx) => {
    const userId = await repo.insertServiceUser(tx, `api-client-${randomBytes(5).toString('hex')}`, `接口：${input.name}`);
    const clientId = await repo.insertClient(tx, {
      name: input.name,
      description: input.description,
      userId,
      channel: input.channel,
      scopes: input.scopes.join(' '),
      rate: input.ratePerMinute,
      prefix: k.prefix,
      hash: k.hash,
      createdBy: admin.id,
    });
    await recordAudit(tx, actor, {
      action: 'api_client.create',
      entityType: 'api_client',
      entityId: clientId,
      after: { ...input, keyPrefix: k.prefix },
    });
    return clientId;
  });
  return { client: clientView(await loadClient(db, id)), key: k.key };
}

export async function updateClient(db: Db, actor: Actor, id: number, input: Partial<ClientInput>) {
  const before = await loadClient(db, id);
  const patch = {
    name: input.name,
    description: input.description,
    channel: input.channel,
    scopes: input.scopes?.join(' '),
    rate_per_minute: input.ratePerMinute,
  };
  // An empty patch changes nothing (as on every other PATCH route): the client as it is, no audit row.
  if (Object.values(patch).every((v) => v === undefined)) return clientView(before);
  await db.transaction().execute(async (tx) => {
    await repo.updateClient(tx, id, patch);
    await recordAudit(tx, actor, {
      action: 'api_client.update',
      entityType: 'api_client',
      entityId: id,
      before: clientView(before),
      after: input,
    });
  });
  return clientView(await loadClient(db, id));
}

/** A new key replaces the old one at once: the old key stops working with this call. */
export async function rotateKey(db: Db, actor: Actor, id: number) {
  const c = await loadClient(db, id);
  if (!c.active) throw new AppError('INVALID_STATE', '已吊销的客户端不能更换密钥');
  const k = newKey();
  await db.transaction().execute(async (tx) => {
    await repo.setKey(tx, id, k.prefix, k.hash, new Date());
    await recordAudit(tx, actor, {
      action: 'api_client.rotate_key',
      entityType: 'api_client',
      entityId: id,
      before: { keyPrefix: c.key_prefix },
      after: { keyPrefix: k.prefix },
    });
  });
  return { client: clientView(await loadClient(db, id)), key: k.key };
}

export async function revokeClient(db: Db, actor: Actor, id: number) {
  const c = await loadClient(db, id);
  if (c.active) {
    await db.transaction().execute(async (tx) => {
      await repo.revoke(tx, id, new Date());
      await cancelDeliveriesOfRevokedClient(tx);
      await recordAudit(tx, actor, { action: 'api_client.revoke', entityType: 'api_client', entityId: id });
    });
  }
  return clientView(await loadClient(db, id));
}

export async function listCalls(db: Db, id: number, page: number, pageSize: number) {
  await loadClient(db, id);
  const r = await repo.listCalls(db, id, page, pageSize);
  return {
    total: r.total,
    items: r.items.map((c) => ({
      id: c.id,
      at: c.at.toISOString(),
      method: c.method,
      path: c.path,
      status: c.status,
      ms: c.ms,
      requestId: c.request_id,
    })),
  };
}

/** For the access plugin and Open311: an active client's key → its service user and scopes. */
export function apiKeyResolver(db: Db): ApiKeyResolver {
  return async (key) => {
    if (!key.startsWith('qf_') || key.length > 100) return null;
    const row = await repo.findByKeyHash(db, hashKey(key));
    if (!row) return null;
    return {
      user: {
        id: row.userId,
        sessionId: `api-client:${row.id}`,
        username: row.username,
        displayName: row.display_name,
        role: row.role,
        departmentId: row.department_id,
        streetId: row.street_id,
        enterpriseId: row.enterprise_id,
      },
      client: { id: row.id, scopes: parseScopes(row.scopes), ratePerMinute: row.rate_per_minute },
    };
  };
}
