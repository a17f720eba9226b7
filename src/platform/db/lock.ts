import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * PGlite does not lock its data directory, and two processes writing one directory corrupt it.
 * `qifu.lock` names the process holding the directory; a second process is refused, and a lock
 * left by a process that no longer runs (a crash, a kill -9) is taken over.
 *
 * Why a lock file and not the other options: Node 20 has no flock(); a Linux abstract-namespace
 * socket is released by the kernel but exists only on Linux (macOS needs a second mechanism), is
 * seen only within one network namespace, and any local user can bind its predictable name first
 * and so keep Qifu from starting. A file in the data directory works on every platform and only
 * those who may write the data may touch it. What a file needs is what is done here:
 * - every change is atomic: a lock file appears complete (hard link of a written file, which fails
 *   if the name exists) and is replaced by rename, so nobody reads a half-written lock;
 * - the holder is identified by PID + start time (/proc/<pid>/stat field 22) + boot id, so a PID
 *   that now belongs to another process, or that came back after a reboot, does not block;
 * - a takeover is serialised: to replace a stale lock a process must first create the claim file
 *   named after that lock's unique id, then check the lock is still that one. Two processes that
 *   saw the same stale lock cannot both replace it (the old check-delete-create let both
 *   win in up to half of 40 trials). A claimant that dies mid-takeover leaves a claim a later one steps over
 *   (the next number), so no crash leaves a state that blocks for good.
 * The PID of a process in another PID namespace (a container) means nothing here; such a holder
 * counts as live while it touches the file (every 10 s), and as stale a minute after it stops.
 * Without /proc (macOS) a live PID counts as the holder: a reused PID refuses, with its number.
 */
export class DataDirLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(
      `数据目录 ${dir} 正被进程 ${pid} 使用；同一数据目录只能由一个 Qifu 进程打开。` +
        ` / The data directory ${dir} is in use by process ${pid}; stop it or set QIFU_DATA_DIR to another directory.`,
    );
    this.name = 'DataDirLockedError';
  }
}

const LOCK = 'qifu.lock';
/** A holder in another PID namespace is live while its lock's mtime is younger than this. */
const FOREIGN_STALE_MS = 60_000;

/** What a lock file records: enough to tell the process that wrote it from a later one with its PID. */
interface Holder {
  pid: number;
  /** Start time in clock ticks after boot; null without /proc. */
  start: number | null;
  /** Start times are comparable only within one boot. */
  boot: string | null;
  /** The PID namespace the PID belongs to ('pid:[4026531836]'). */
  ns: string | null;
  /** Unique per lock taken: names its takeover claims, and lets release remove only its own file. */
  id: string;
}

interface Found extends Holder {
  mtimeMs: number;
  /** An older Qifu's lock: the PID alone. */
  legacy: boolean;
}

function code(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException).code;
}

function readProc(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/** Start time in ticks after boot; 'exited' for a zombie; null where /proc cannot tell. */
function startTicks(pid: number): number | 'exited' | null {
  const stat = readProc(`/proc/${pid}/stat`);
  if (stat === null) return null;
  // Field 2, the command, is in parentheses and may hold spaces: count from the last ')' (field 3 on).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  if (fields[0] === 'Z' || fields[0] === 'X') return 'exited';
  const start = Number(fields[22 - 3]);
  return Number.isInteger(start) ? start : null;
}

const bootId = readProc('/proc/sys/kernel/random/boot_id')?.trim() ?? null;
const pidNamespace = ((): string | null => {
  try {
    return fs.readlinkSync('/proc/self/ns/pid');
  } catch {
    return null;
  }
})();

function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return code(err) === 'EPERM';
  }
}

/** The holder named by a lock or claim file; null if the file is gone. */
function readHolder(file: string): Found | null {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (err) {
    if (code(err) === 'ENOENT') return null;
    throw err;
  }
  try {
    const st = fs.fstatSync(fd);
    const text = fs.readFileSync(fd, 'utf8');
    let v: unknown = null;
    try {
      v = JSON.parse(text);
    } catch {
      // not JSON: an older Qifu's bare PID, or a damaged file
    }
    if (typeof v === 'object' && v !== null) {
      const r = v as Record<string, unknown>;
      const str = (x: unknown): string | null => (typeof x === 'string' ? x : null);
      if (Number.isInteger(r.pid) && typeof r.id === 'string' && /^[\w-]+$/.test(r.id)) {
        const start = Number.isInteger(r.start) ? (r.start as number) : null;
        return { pid: r.pid as number, start, boot: str(r.boot), ns: str(r.ns), id: r.id, mtimeMs: st.mtimeMs, legacy: false };
      }
    }
    const pid = Number(text.trim());
    // The file itself stands for its id: it never comes back once replaced (a new inode and time).
    const id = 'f' + createHash('sha256').update(`${st.ino}:${st.mtimeMs}:${text}`).digest('hex').slice(0, 32);
    return { pid: Number.isInteger(pid) && pid > 0 ? pid : 0, start: null, boot: null, ns: null, id, mtimeMs: st.mtimeMs, legacy: true };
  } finally {
    fs.closeSync(fd);
  }
}

function isLive(h: Found, self: Holder): boolean {
  if (h.pid <= 0) return false; // damaged: no process to wait for
  if (h.legacy && h.pid === self.pid) return false; // an older version's lock is not this process's
  if (h.boot !== null && self.boot !== null && h.boot !== self.boot) return false; // written before a reboot
  if (h.ns !== null && self.ns !== null && h.ns !== self.ns) return Date.now() - h.mtimeMs < FOREIGN_STALE_MS;
  if (!pidExists(h.pid)) return false;
  const now = startTicks(h.pid);
  if (now === 'exited') return false;
  if (now === null) return true; // cannot tell (no /proc, or hidden): the PID runs, so assume it holds
  if (h.start !== null) return now === h.start;
  // An older lock has no start time; a process started after the file was written did not write it.
  // Linux counts start in USER_HZ = 100 ticks a second; btime has whole seconds, hence the margin.
  const btime = Number(/^btime (\d+)$/m.exec(readProc('/proc/stat') ?? '')?.[1]);
  return !(btime > 0) || btime * 1000 + now * 10 <= h.mtimeMs + 2000;
}

/** Creates `to` as a hard link of the complete file `from`: atomic, and false if `to` exists. */
function tryLink(from: string, to: string): boolean {
  try {
    fs.linkSync(from, to);
    return true;
  } catch (err) {
    if (code(err) === 'EEXIST') return false;
    throw err;
  }
}

/**
 * Replaces the stale lock if no one else does. The claim `<lock>.<stale id>.<k>.claim` is created by
 * one process only; holding it, a process replaces the lock only if it is still the stale one. A claim
 * whose owner died is stepped over to k + 1: a dead owner cannot act any more, and a live one blocks.
 * Returns 'won', 'again' (the lock changed: look again), or the PID of a live claimant.
 */
function takeOver(file: string, tmp: string, stale: Found, self: Holder): 'won' | 'again' | number {
  for (let k = 1; k < 100; k++) {
    const claim = `${file}.${stale.id}.${k}.claim`;
    if (tryLink(tmp, claim)) {
      try {
        if (readHolder(file)?.id !== stale.id) return 'again';
        fs.renameSync(tmp, file);
        return 'won';
      } finally {
        // Safe once the lock is no longer the stale one: a later claimant rereads the lock first.
        fs.rmSync(claim, { force: true });
      }
    }
    const owner = readHolder(claim);
    if (owner === null) return 'again';
    if (isLive(owner, self)) return owner.pid;
  }
  return 'again';
}

/**
 * Removes claims and temporary files left by processes that died in the middle of locking. A
 * temporary file being written reads as damaged for a moment: such a file goes only once it is old.
 */
function sweep(dir: string, self: Holder): void {
  for (const name of fs.readdirSync(dir)) {
    if (!name.startsWith(`${LOCK}.`) || !/\.(claim|tmp)$/.test(name)) continue;
    const file = path.join(dir, name);
    try {
      const owner = readHolder(file);
      if (!owner || owner.id === self.id) continue;
      const dead = owner.legacy ? Date.now() - owner.mtimeMs > FOREIGN_STALE_MS : !isLive(owner, self);
      if (dead) fs.rmSync(file, { force: true });
    } catch {
      // tidying only: a file that cannot be read or removed is left for the operator
    }
  }
}

const held = new Set<() => void>();
let exitHooked = false;

export interface LockOptions {
  /** How often the holder touches the lock (for processes in other PID namespaces); tests shorten it. */
  heartbeatMs?: number;
}

/** Locks `dir` or throws DataDirLockedError; returns the release, which also runs at process exit. */
export function lockDataDir(dir: string, opts: LockOptions = {}): () => void {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, LOCK);
  const own = startTicks(process.pid);
  const self: Holder = { pid: process.pid, start: typeof own === 'number' ? own : null, boot: bootId, ns: pidNamespace, id: randomUUID() };
  const tmp = `${file}.${self.id}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(self) + '\n', { flag: 'wx' });
  let claimant = 0;
  try {
    for (let attempt = 0; attempt < 200; attempt++) {
      if (tryLink(tmp, file)) return hold(dir, file, self, opts.heartbeatMs ?? 10_000);
      const holder = readHolder(file);
      if (holder === null) continue; // released in between
      if (isLive(holder, self)) throw new DataDirLockedError(dir, holder.pid);
      const outcome = takeOver(file, tmp, holder, self);
      if (outcome === 'won') return hold(dir, file, self, opts.heartbeatMs ?? 10_000);
      if (typeof outcome === 'number') {
        // Another process is replacing the same stale lock right now: its lock appears in a moment.
        claimant = outcome;
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
      }
    }
    if (claimant) throw new DataDirLockedError(dir, claimant);
    throw new Error(`could not lock ${dir}`);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

function hold(dir: string, file: string, self: Holder, heartbeatMs: number): () => void {
  sweep(dir, self);
  // The touch tells processes in other PID namespaces this holder still runs; it must not keep
  // the process alive, and a failure (the directory removed) only loses that signal.
  const heartbeat = setInterval(() => {
    const now = new Date();
    fs.utimes(file, now, now, () => undefined);
  }, heartbeatMs).unref();
  const release = (): void => {
    if (!held.delete(release)) return;
    clearInterval(heartbeat);
    try {
      // No one replaces a live holder's lock, so the file read here is still the one unlinked.
      if (readHolder(file)?.id === self.id) fs.unlinkSync(file);
    } catch {
      // the directory is gone: nothing to release
    }
  };
  if (!exitHooked) process.once('exit', releaseAll);
  exitHooked = true;
  held.add(release);
  return release;
}

// A clean exit that skipped close() (process.exit after a failed start) does not leave a lock behind.
function releaseAll(): void {
  for (const release of [...held]) release();
}
