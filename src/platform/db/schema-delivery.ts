/** Table types of migration 0012. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DeliveryTables {}
