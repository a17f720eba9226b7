import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import pg from 'pg';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const built = path.join(root, 'dist/server/main.js');

let current = false;

/**
 * How to start a server process: the built bundle, what `npm start` runs — rebuilt first when its
 * sources changed, by the build's own source hash (scripts/build-server.mjs --if-stale), once per run.
 */
export function serverCommand(): { args: string[] } {
  if (!current) {
    execFileSync(process.execPath, [path.join(root, 'scripts/build-server.mjs'), '--if-stale'], { cwd: root, stdio: 'pipe' });
    current = true;
  }
  return { args: [built] };
}

/** A free TCP port on loopback (closed again at once; the caller binds it next). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  name: string;
  port: number;
  /** Every JSON log line the process wrote so far. */
  logs: Record<string, unknown>[];
  child: ChildProcess;
  /** SIGTERM, then waits for the exit; resolves with its code. */
  stop(): Promise<number | null>;
}

/** Starts one server process on a free loopback port and waits until it answers /readyz. */
export async function startServer(name: string, env: Record<string, string>, timeoutMs = 300_000): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, serverCommand().args, {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', QIFU_PROCESS_NAME: name, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  let rest = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) {
      try {
        logs.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        logs.push({ msg: line });
      }
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(
        `${name} exited with ${child.exitCode}:\n${stderr}\n${logs
          .slice(-5)
          .map((l) => JSON.stringify(l))
          .join('\n')}`,
      );
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${name} not ready after ${timeoutMs} ms:\n${stderr}`);
    }
    const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    name,
    port,
    logs,
    child,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** A database of its own on the test server, for a test that starts server processes on it; drop() removes it. */
export interface ScratchDatabase {
  url: string;
  /** A connection to it, for checking what the processes wrote. */
  db: pg.Client;
  drop(): Promise<void>;
}

export async function scratchDatabase(serverUrl: string, prefix: string): Promise<ScratchDatabase> {
  const name = `${prefix}_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = new pg.Client({ connectionString: url.toString() });
  await db.connect();
  return {
    url: url.toString(),
    db,
    async drop() {
      await db.end();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
