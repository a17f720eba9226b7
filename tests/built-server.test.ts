import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, serverCommand } from './cluster/server.ts';

/**
 * What `npm start` runs: the bundle in dist/server (scripts/build-server.mjs), on the embedded
 * database. It must start on its own files (PGlite worker, jieba dictionary, web/dist), and a
 * production start must never leave the demo's published password usable.
 */
const root = fileURLToPath(new URL('../', import.meta.url));
const bundle = path.join(root, 'dist/server/main.js');
const dirs: string[] = [];
const children: ChildProcess[] = [];

interface Server {
  base: string;
  output: () => string;
  exited: Promise<number | null>;
  stop(): Promise<number | null>;
}

function dataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qifu-built-'));
  dirs.push(dir);
  return dir;
}

function run(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, DATABASE_URL: '', HOST: '127.0.0.1', QIFU_DEMO_ENTERPRISES: '20', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

/** Starts the bundle and waits for /readyz; fails at once with its output if the process ends. */
async function start(env: Record<string, string>): Promise<Server> {
  const port = await freePort();
  const p = run([bundle], { ...env, PORT: String(port) });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 240_000;
  for (;;) {
    if (p.child.exitCode !== null) throw new Error(`the built server exited with ${p.child.exitCode}:\n${p.output().slice(-3000)}`);
    if (Date.now() > deadline) throw new Error(`the built server was not ready in time:\n${p.output().slice(-3000)}`);
    if (
      await fetch(`${base}/readyz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    base,
    output: p.output,
    exited: p.exited,
    stop: () => {
      p.child.kill('SIGTERM');
      return p.exited;
    },
  };
}

function login(base: string, user: string, password: string): Promise<Response> {
  return fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: user, password }),
  });
}

// The bundle as `npm start` would run it: rebuilt first when its sources changed.
beforeAll(() => serverCommand(), 120_000);

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('the built server (npm start)', () => {
  const demoDir = dataDir();

  it('seeds the demo on first start, serves the web app and the API contract, and stops cleanly on SIGTERM', async () => {
    expect(fs.existsSync(bundle)).toBe(true);
    const server = await start({ QIFU_DATA_DIR: demoDir });
    expect(server.output()).toMatch(/seeding the demo district/);

    const page = await fetch(`${server.base}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toMatch(/<div id="root">/);
    const contract = await fetch(`${server.base}/api/openapi.json`);
    expect(contract.status).toBe(200);
    const spec = (await contract.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(spec.openapi).toMatch(/^3\./);
    expect(spec.paths).toHaveProperty('/api/auth/login');
    const specialist = await login(server.base, 'specialist', 'qifu@2026');
    expect(specialist.status).toBe(200);
    // Service-item suggestion segments with the jieba domain dictionary copied beside the bundle:
    // without it 专精特新 would come out as 专精/特/新.
    const suggest = await fetch(`${server.base}/api/appeals/suggest`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: specialist.headers.get('set-cookie')!.split(';')[0]! },
      body: JSON.stringify({ text: '我司想申报专精特新中小企业认定，请问需要什么材料' }),
    });
    expect(suggest.status).toBe(200);
    const items = ((await suggest.json()) as { items: { terms: string[] }[] }).items;
    expect(items.flatMap((i) => i.terms)).toContain('专精特新');

    expect(await server.stop()).toBe(0);
    expect(server.output()).toMatch(/"msg":"stopped"/);
    expect(fs.existsSync(path.join(demoDir, 'qifu.lock'))).toBe(false);
  }, 300_000);

  it('in production: refuses to seed the demo, refuses the demo password, and says how to create the first administrator', async () => {
    const production = { NODE_ENV: 'production' };
    const emptyDir = dataDir();

    const refused = run([bundle], { ...production, QIFU_SEED: 'demo', QIFU_DATA_DIR: emptyDir });
    expect(await refused.exited).toBe(1);
    expect(refused.output()).toMatch(/QIFU_SEED=demo is refused when NODE_ENV=production/);

    // A demo district left behind: its accounts' published password opens nothing.
    const leftover = await start({ ...production, QIFU_DATA_DIR: demoDir });
    const demoLogin = await login(leftover.base, 'admin', 'qifu@2026');
    expect(demoLogin.status).toBe(403);
    expect(((await demoLogin.json()) as { error: { code: string } }).error.code).toBe('DEMO_PASSWORD_REFUSED');
    expect((await login(leftover.base, 'admin', 'Wrong2026x')).status).toBe(401);
    // The published password on an account that does not exist answers as any wrong password: the refusal names no account.
    expect((await login(leftover.base, 'nobody_here', 'qifu@2026')).status).toBe(401);
    expect(await leftover.stop()).toBe(0);

    // An empty database: no demo, and the log says how to make the first administrator.
    const first = await start({ ...production, QIFU_DATA_DIR: emptyDir });
    expect(first.output()).not.toMatch(/seeding the demo district/);
    expect(first.output()).toMatch(/no active administrator yet: create the first one with `npm run create-admin`/);
    expect(await first.stop()).toBe(0);

    const cli = run(['--import', 'tsx', 'src/cli/create-admin.ts'], {
      QIFU_DATA_DIR: emptyDir,
      QIFU_ADMIN_USERNAME: 'chief',
      QIFU_ADMIN_PASSWORD: 'Harbour2026',
    });
    expect(await cli.exited).toBe(0);

    const second = await start({ ...production, QIFU_DATA_DIR: emptyDir });
    expect(second.output()).not.toMatch(/no active administrator/);
    const chief = await login(second.base, 'chief', 'Harbour2026');
    expect(chief.status).toBe(200);
    expect(((await chief.json()) as { user: { role: string; mustChangePassword: boolean } }).user).toMatchObject({
      role: 'admin',
      mustChangePassword: true,
    });
    expect(await second.stop()).toBe(0);
  }, 300_000);
});
