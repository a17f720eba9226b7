import { sql, type Kysely } from 'kysely';

// Open311 GeoReport v2 fidelity: where the requester says the problem is, the requester's e-mail
// and a picture link were only folded into the description; they are kept as given, and a service
// item can require a location (the standard's lat/long or address_string).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table appeals
    add column location_lat double precision check (location_lat between -90 and 90),
    add column location_long double precision check (location_long between -180 and 180),
    add column location_address text,
    add column contact_email text,
    add column media_url text,
    add constraint appeals_location_pair check ((location_lat is null) = (location_long is null))`.execute(db);
  await sql`alter table service_items add column location_required boolean not null default false`.execute(db);
  // The items of the shipped taxonomy whose problem is at a place (a pipe, a lamp, a road, a noise).
  await sql`update service_items set location_required = true
    where name in ('停水抢修', '停电抢修', '道路交通与停车', '噪声与污染投诉', '市政设施维修')`.execute(db);
}
