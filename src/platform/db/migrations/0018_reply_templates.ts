import { sql, type Kysely } from 'kysely';

// A lighter handler flow: a reply carries files, and each department keeps reply templates
// (答复模板) for the service items it answers for.
export async function up(db: Kysely<unknown>): Promise<void> {
  // The timeline step a file was sent with (a reply): set once, when the step is taken. A file
  // a handler attached but has not sent yet has none, and the enterprise does not see it.
  await sql`alter table appeal_attachments add column event_id bigint references appeal_events(id) on delete set null`.execute(db);
  await sql`create table reply_templates (
    id serial primary key,
    department_id integer not null references departments(id),
    service_item_id integer not null references service_items(id),
    title text not null,
    body text not null,
    created_by integer not null references users(id),
    updated_at timestamptz not null default now(),
    unique (department_id, service_item_id, title)
  )`.execute(db);
  await sql`create index reply_templates_item on reply_templates (service_item_id)`.execute(db);
}
