import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../platform/db/index.ts';
import { DEMO_PASSWORD, passwordProblem, verifyPassword } from '../platform/auth/password.ts';

// `npm run create-admin` as a script runs it: a process of its own, its input from the
// environment, on an empty database (PGlite in a directory, or a new PostgreSQL database).
const root = fileURLToPath(new URL('../../', import.meta.url));
const onPostgres = process.env.QIFU_TEST_DB === 'postgres' && Boolean(process.env.TEST_DATABASE_URL);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qifu-create-admin-'));
const dbName = `qifu_create_admin_${process.pid}_${Date.now().toString(36)}`;
let databaseUrl = '';

function serverUrl(database: string): string {
  const url = new URL(process.env.TEST_DATABASE_URL ?? '');
  url.pathname = `/${database}`;
  return url.toString();
}

async function onServer(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

function createAdmin(env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/create-admin.ts'], {
    cwd: root,
    env: { ...process.env, QIFU_DATA_DIR: dataDir, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, out })));
}

beforeAll(async () => {
  if (!onPostgres) return;
  await onServer(`create database ${dbName}`);
  databaseUrl = serverUrl(dbName);
});

afterAll(async () => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (onPostgres) await onServer(`drop database if exists ${dbName} with (force)`);
});

describe('npm run create-admin (from the environment)', () => {
  it("never accepts the demo accounts' published password for a real account", () => {
    expect(passwordProblem(DEMO_PASSWORD)).toMatch(/演示账号的公开密码/);
  });

  it('refuses a weak password, creates the administrator once with an audit row, and says so when run again', async () => {
    const admin = { QIFU_ADMIN_USERNAME: 'chief', QIFU_ADMIN_NAME: '王主任', QIFU_ADMIN_MOBILE: '13912340000' };

    const weak = await createAdmin({ ...admin, QIFU_ADMIN_PASSWORD: 'password' });
    expect(weak.code).toBe(1);
    expect(weak.out).toMatch(/密码须同时包含字母和数字/);
    const half = await createAdmin({ QIFU_ADMIN_USERNAME: 'chief' });
    expect(half.code).toBe(2);

    const created = await createAdmin({ ...admin, QIFU_ADMIN_PASSWORD: 'Harbour2026' });
    expect(created.out).toMatch(/administrator created: chief/);
    expect(created.code).toBe(0);
    const again = await createAdmin({ ...admin, QIFU_ADMIN_PASSWORD: 'Another2026' });
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/already an administrator; nothing changed/);

    const database = await openDatabase({ databaseUrl: databaseUrl || undefined, dataDir });
    try {
      const users = await database.db.selectFrom('users').selectAll().execute();
      expect(users).toHaveLength(1);
      const user = users[0]!;
      expect(user).toMatchObject({
        username: 'chief',
        display_name: '王主任',
        mobile: '13912340000',
        role: 'admin',
        active: true,
        must_change_password: true,
      });
      expect(user.password_hash).toMatch(/^\$argon2id\$/);
      expect(await verifyPassword(user.password_hash, 'Harbour2026')).toBe(true);
      expect(await verifyPassword(user.password_hash, 'Another2026')).toBe(false);
      const audit = await database.db.selectFrom('audit_log').selectAll().where('action', '=', 'user.create').execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actor_name: 'npm run create-admin', actor_role: 'system', entity_id: String(user.id) });
      expect(JSON.stringify(audit[0]?.after)).not.toMatch(/Harbour2026/);
    } finally {
      await database.close();
    }
  }, 240_000);
});
