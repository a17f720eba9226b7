/** Table types of migration 0011. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface AccountTables {}
