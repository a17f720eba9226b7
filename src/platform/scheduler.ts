import type { FastifyBaseLogger } from 'fastify';

interface Job {
  name: string;
  everyMs: number;
  run: () => Promise<unknown>;
  timer?: NodeJS.Timeout;
  running?: Promise<void>;
}

/**
 * Periodic background jobs in the server process. A job never overlaps itself; a failing
 * run is logged and the next one happens on time. Jobs must be safe to run in several
 * processes at once (each one guards itself in the database), so no leader election.
 */
export class Scheduler {
  private readonly jobs: Job[] = [];
  private stopped = true;

  constructor(private readonly log: FastifyBaseLogger) {}

  every(name: string, everyMs: number, run: () => Promise<unknown>): void {
    this.jobs.push({ name, everyMs, run });
  }

  start(): void {
    this.stopped = false;
    for (const job of this.jobs) this.schedule(job, Math.min(job.everyMs, 5_000));
  }

  private schedule(job: Job, delay: number): void {
    if (this.stopped) return;
    job.timer = setTimeout(() => {
      job.running = (async () => {
        const started = performance.now();
        try {
          const result = await job.run();
          this.log.debug({ job: job.name, ms: Math.round(performance.now() - started), result }, 'job done');
        } catch (err) {
          this.log.error({ err, job: job.name }, 'job failed');
        }
      })().finally(() => {
        job.running = undefined;
        this.schedule(job, job.everyMs);
      });
    }, delay);
    job.timer.unref();
  }

  /** Stops scheduling and waits for running jobs, so the database can close under none. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const job of this.jobs) clearTimeout(job.timer);
    await Promise.all(this.jobs.map((j) => j.running));
  }
}
