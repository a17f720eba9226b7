/** Table types of migration 0013. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface FollowUpTables {}
