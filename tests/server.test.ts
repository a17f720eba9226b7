import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The real server process on the embedded database: start, lock, serve, stop.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qifu-server-'));
const port = 31000 + Math.floor(Math.random() * 2000);
const env = { ...process.env, QIFU_DATA_DIR: dir, PORT: String(port), QIFU_DEMO_ENTERPRISES: '20', LOG_LEVEL: 'info', DATABASE_URL: '' };
const children: ChildProcess[] = [];

function start(): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

async function waitFor(check: () => boolean, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('server process', () => {
  it('starts, refuses a second process on the same data directory, and stops cleanly on SIGTERM', async () => {
    const first = start();
    await waitFor(() => first.output().includes('Qifu is ready'), 120_000);

    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'admin', password: 'qifu@2026' }),
    });
    expect(login.status).toBe(200);
    expect(login.headers.get('set-cookie')).toMatch(/HttpOnly/i);

    const second = start();
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(/正被进程 \d+ 使用/);

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.output()).toMatch(/stopped/);
    expect(fs.existsSync(path.join(dir, 'qifu.lock'))).toBe(false);

    // Data persists: the second start finds the district and does not seed again.
    const again = start();
    await waitFor(() => again.output().includes('Qifu is ready'), 120_000);
    expect(again.output()).not.toMatch(/seeding the demo district/);
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
  }, 240_000);
});
