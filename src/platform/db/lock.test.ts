import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from './lock.ts';

// The data-directory lock between real processes. Each child imports lock.ts and takes orders on
// stdin; for a race, both children spin until one agreed instant and then lock, so they collide
// far more tightly than two server starts would (a process start jitters by tens of ms).
const lockUrl = new URL('./lock.ts', import.meta.url).href;
const childCode = `
import readline from 'node:readline';
const { lockDataDir } = await import(${JSON.stringify(lockUrl)});
const held = new Map();
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const cmd = JSON.parse(line);
  if (cmd.op === 'exit') process.exit(0);
  let reply = { ok: true };
  if (cmd.op === 'lock') {
    while (performance.timeOrigin + performance.now() < cmd.at);
    try {
      held.set(cmd.dir, lockDataDir(cmd.dir));
    } catch (err) {
      reply = { ok: false, name: err.name, pid: err.pid, message: err.message };
    }
  }
  if (cmd.op === 'release') held.get(cmd.dir)();
  process.stdout.write(JSON.stringify(reply) + '\\n');
});
`;

interface Reply {
  ok: boolean;
  name?: string;
  pid?: number;
  message?: string;
}

const children: ChildProcess[] = [];

class Child {
  readonly proc: ChildProcess;
  readonly exited: Promise<number | null>;
  private readonly waiting: ((r: Reply) => void)[] = [];
  constructor() {
    this.proc = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', childCode], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    children.push(this.proc);
    readline.createInterface({ input: this.proc.stdout! }).on('line', (line) => this.waiting.shift()?.(JSON.parse(line) as Reply));
    this.exited = new Promise((resolve) => this.proc.on('exit', (code) => resolve(code)));
  }
  get pid(): number {
    return this.proc.pid!;
  }
  send(cmd: { op: 'lock' | 'release'; dir: string; at?: number }): Promise<Reply> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.proc.stdin!.write(JSON.stringify(cmd) + '\n');
    });
  }
  /** process.exit(0) in the child: a clean exit that does not call release. */
  exit(): Promise<number | null> {
    this.proc.stdin!.write(JSON.stringify({ op: 'exit' }) + '\n');
    return this.exited;
  }
  /** Lock at a wall-clock instant far enough ahead that every child is spinning when it comes. */
  lock(dir: string, at = performance.timeOrigin + performance.now()): Promise<Reply> {
    return this.send({ op: 'lock', dir, at });
  }
}

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'qifu-lock-'));
let n = 0;
const freshDir = (): string => path.join(root, `d${n++}`);
const lockFile = (dir: string): string => path.join(dir, 'qifu.lock');

afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  fs.rmSync(root, { recursive: true, force: true });
});

function lockedBy(fn: () => unknown): DataDirLockedError {
  try {
    fn();
  } catch (err) {
    if (err instanceof DataDirLockedError) return err;
    throw err;
  }
  throw new Error('the directory was not refused');
}

// Files and processes only, no database: once is enough when the suite also runs on PostgreSQL.
describe.skipIf(process.env.QIFU_TEST_DB === 'postgres')('data-directory lock', () => {
  it('two processes taking over one stale lock at the same instant: exactly one wins, 40 trials out of 40', async () => {
    const a = new Child();
    const b = new Child();
    // A process that has exited: its PID is free (the lock a kill -9 leaves behind).
    const dead = spawnSync('true').pid;
    const started = Date.now();
    const outcomes: string[] = [];
    for (let trial = 0; trial < 40; trial++) {
      const dir = freshDir();
      fs.mkdirSync(dir);
      fs.writeFileSync(lockFile(dir), String(dead));
      const at = performance.timeOrigin + performance.now() + 40;
      const [ra, rb] = await Promise.all([a.lock(dir, at), b.lock(dir, at)]);
      const winners = [ra, rb].filter((r) => r.ok).length;
      const loser = ra.ok ? rb : ra;
      const winner = ra.ok ? a : b;
      const one = winners === 1 && loser.name === 'DataDirLockedError' && loser.pid === winner.pid;
      outcomes.push(one ? 'one' : `${winners} won${winners === 1 ? `, the other: ${loser.message}` : ''}`);
    }
    console.log(`lock race: ${outcomes.filter((o) => o === 'one').length}/40 trials with exactly one winner in ${Date.now() - started} ms`);
    expect(outcomes.filter((o) => o !== 'one')).toEqual([]);
    await Promise.all([a.exit(), b.exit()]);
  });

  it('takes over a lock whose PID now belongs to an unrelated live process', async () => {
    const sleep = spawn('sleep', ['30'], { stdio: 'ignore' });
    children.push(sleep);
    await new Promise((resolve) => sleep.on('spawn', resolve));
    const pid = sleep.pid!;

    // A lock from an older Qifu (the PID alone): left by a crash, so written before `sleep` started.
    const legacy = freshDir();
    fs.mkdirSync(legacy);
    fs.writeFileSync(lockFile(legacy), String(pid));
    const hourAgo = new Date(Date.now() - 3_600_000);
    fs.utimesSync(lockFile(legacy), hourAgo, hourAgo);
    lockDataDir(legacy)();
    expect(fs.existsSync(lockFile(legacy))).toBe(false);

    // A lock this version wrote, its PID since given to `sleep`: the recorded start time differs.
    const dir = freshDir();
    const stale = lockDataDir(dir);
    const record = JSON.parse(fs.readFileSync(lockFile(dir), 'utf8')) as { pid: number };
    fs.writeFileSync(lockFile(dir), JSON.stringify({ ...record, pid }));
    const release = lockDataDir(dir);
    stale(); // the old holder's release must not remove the new holder's lock
    expect(fs.existsSync(lockFile(dir))).toBe(true);
    expect(lockedBy(() => lockDataDir(dir)).pid).toBe(process.pid);
    release();
    expect(fs.existsSync(lockFile(dir))).toBe(false);
    sleep.kill('SIGKILL');
  });

  it('refuses a live holder and names its PID, another process or this one', async () => {
    const holder = new Child();
    const dir = freshDir();
    expect(await holder.lock(dir)).toEqual({ ok: true });
    const err = lockedBy(() => lockDataDir(dir));
    expect(err.pid).toBe(holder.pid);
    expect(err.message).toMatch(new RegExp(`数据目录 .* 正被进程 ${holder.pid} 使用`));
    expect((await holder.lock(dir)).pid).toBe(holder.pid);

    // Two PGlite instances in one process corrupt the directory just the same.
    const own = freshDir();
    const release = lockDataDir(own);
    expect(lockedBy(() => lockDataDir(own)).pid).toBe(process.pid);
    release();
    await holder.exit();
  });

  it('in another PID namespace (a container) a holder is live while it touches the lock, stale a minute after', async () => {
    const dir = freshDir();
    const release = lockDataDir(dir, { heartbeatMs: 20 });
    const record = JSON.parse(fs.readFileSync(lockFile(dir), 'utf8')) as Record<string, unknown>;
    const longAgo = new Date(Date.now() - 120_000);
    fs.utimesSync(lockFile(dir), longAgo, longAgo);
    await new Promise((r) => setTimeout(r, 200));
    expect(Date.now() - fs.statSync(lockFile(dir)).mtimeMs).toBeLessThan(5_000); // the heartbeat
    release();

    // Its PID (1 here) names a process of that namespace, not of this one.
    fs.writeFileSync(lockFile(dir), JSON.stringify({ ...record, pid: 1, start: 5, ns: 'pid:[1]', id: 'container' }));
    expect(lockedBy(() => lockDataDir(dir)).pid).toBe(1);
    fs.utimesSync(lockFile(dir), longAgo, longAgo);
    lockDataDir(dir)();
    expect(fs.existsSync(lockFile(dir))).toBe(false);
  });

  it('releases on a clean exit and after release; a killed holder leaves a lock the next process takes', async () => {
    const clean = new Child();
    const dir = freshDir();
    expect(await clean.lock(dir)).toEqual({ ok: true });
    expect(await clean.exit()).toBe(0); // without calling release: the exit hook removes the lock
    expect(fs.existsSync(lockFile(dir))).toBe(false);
    lockDataDir(dir)();
    expect(fs.existsSync(lockFile(dir))).toBe(false);

    const killed = new Child();
    expect(await killed.lock(dir)).toEqual({ ok: true });
    killed.proc.kill('SIGKILL');
    await killed.exited;
    expect(fs.existsSync(lockFile(dir))).toBe(true);
    const release = lockDataDir(dir);
    expect(JSON.parse(fs.readFileSync(lockFile(dir), 'utf8'))).toMatchObject({ pid: process.pid });
    release();
    expect(fs.readdirSync(dir)).toEqual([]);

    // A process killed in the middle of a takeover leaves its claim: the next process steps over it.
    const dead = spawnSync('true').pid;
    const record = (id: string): string => JSON.stringify({ pid: dead, start: 1, boot: null, ns: null, id });
    fs.writeFileSync(lockFile(dir), record('crashed'));
    fs.writeFileSync(`${lockFile(dir)}.crashed.1.claim`, record('claimant'));
    const again = lockDataDir(dir);
    expect(fs.readdirSync(dir)).toEqual(['qifu.lock']);
    again();
  });
});
