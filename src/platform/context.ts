import type { Config } from './config.ts';
import type { Db } from './db/index.ts';

/** What every module's routes receive: the database and the settings. */
export interface AppContext {
  db: Db;
  config: Config;
}
