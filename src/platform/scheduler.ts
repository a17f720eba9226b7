import type { FastifyBaseLogger } from 'fastify';
import type { Db } from './db/index.ts';
import { claimRun, finishRun } from './db/job-runs.ts';

/** `cluster`: once per period among every process on the database; `process`: in each process (its own memory). */
export type JobScope = 'cluster' | 'process';

interface Job {
  name: string;
  everyMs: number;
  scope: JobScope;
  run: () => Promise<unknown>;
  timer?: NodeJS.Timeout;
  running?: Promise<void>;
}

/**
 * Periodic background jobs in the server process. A job never overlaps itself; a failing run is
 * logged and the next one happens on time. Several processes may share one database (behind
 * nginx), so a `cluster` job's periods are wall-clock slots (floor(now / interval)) and each slot
 * is claimed in `job_runs` by the first process whose timer fires in it: the job runs once per
 * period in the cluster, never while another process's run of it is unfinished. A `process` job
 * keeps this process's own memory current (a warm store, a classifier) and runs in every process.
 */
export class Scheduler {
  private readonly jobs: Job[] = [];
  private stopped = true;

  constructor(
    private readonly log: FastifyBaseLogger,
    private readonly db: Db,
    /** Names this process in `job_runs` and the logs. */
    private readonly processName: string,
  ) {}

  every(name: string, everyMs: number, run: () => Promise<unknown>, scope: JobScope = 'cluster'): void {
    this.jobs.push({ name, everyMs, scope, run });
  }

  start(): void {
    this.stopped = false;
    for (const job of this.jobs) this.schedule(job, Math.min(job.everyMs, 5_000));
  }

  private schedule(job: Job, delay: number): void {
    if (this.stopped) return;
    job.timer = setTimeout(() => {
      job.running = this.tick(job).finally(() => {
        job.running = undefined;
        // A cluster job wakes at the start of the next slot, when every process wakes too.
        this.schedule(job, job.scope === 'cluster' ? job.everyMs - (Date.now() % job.everyMs) : job.everyMs);
      });
    }, delay);
    job.timer.unref();
  }

  private async tick(job: Job): Promise<void> {
    const slot = Math.floor(Date.now() / job.everyMs);
    try {
      if (job.scope === 'cluster' && !(await claimRun(this.db, job.name, slot, job.everyMs, this.processName))) return;
    } catch (err) {
      this.log.error({ err, job: job.name }, 'job not claimed');
      return;
    }
    const started = performance.now();
    let failed = false;
    try {
      const result = await job.run();
      this.log.debug({ job: job.name, slot, scope: job.scope, ms: Math.round(performance.now() - started), result }, 'job done');
    } catch (err) {
      failed = true;
      this.log.error({ err, job: job.name, slot }, 'job failed');
    }
    if (job.scope === 'cluster')
      await finishRun(this.db, job.name, slot, failed).catch((err: unknown) =>
        this.log.error({ err, job: job.name }, 'job run not recorded'),
      );
  }

  /** Stops scheduling and waits for running jobs, so the database can close under none. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const job of this.jobs) clearTimeout(job.timer);
    await Promise.all(this.jobs.map((j) => j.running));
  }
}
