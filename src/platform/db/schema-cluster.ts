import type { ColumnType } from 'kysely';

/** Migration 0014: one row per background job and period, claimed by the process that runs it. */
export interface JobRunsTable {
  job: string;
  /** floor(epoch ms / the job's interval): the same period number in every process. */
  slot: ColumnType<number, number, number>;
  process: string;
  started_at: ColumnType<Date, Date | string | undefined, never>;
  finished_at: ColumnType<Date | null, never, Date | string>;
  failed: boolean | null;
}

/** Migration 0015: a request counter per rate-limit key, shared by every process. */
export interface RateLimitsTable {
  key: string;
  window_start: ColumnType<Date, Date | string | undefined, Date | string>;
  hits: number;
}

/** Migration 0016: login failures of a name that matches no account (real accounts count on their users row). */
export interface LoginAttemptsTable {
  /** sha256 of the normalised login name. */
  login_key: string;
  failures: number;
  locked_until: Date | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** Several processes on one database (README: Several processes behind nginx). */
export interface ClusterTables {
  job_runs: JobRunsTable;
  rate_limits: RateLimitsTable;
  login_attempts: LoginAttemptsTable;
}
