/** Table types of migration 0011 (enterprise accounts). Columns it adds to existing tables are in schema.ts. */
export type EnterpriseRole = 'admin' | 'agent';

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface AccountTables {}
