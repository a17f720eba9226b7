import type { Db } from '../../platform/db/index.ts';

export function services(db: Db, code?: string) {
  let q = db
    .selectFrom('service_items as i')
    .innerJoin('taxonomy_categories as c', 'c.id', 'i.category_id')
    .select(['i.code', 'i.name', 'i.description', 'i.keywords', 'i.id', 'i.location_required', 'c.name as group'])
    .where('i.active', '=', true)
    .where('c.active', '=', true)
    .orderBy('c.sort_order')
    .orderBy('c.id')
    .orderBy('i.sort_order')
    .orderBy('i.id');
  if (code !== undefined) q = q.where('i.code', '=', code);
  return q.execute();
}

export interface RequestFilter {
  numbers?: string[];
  serviceCodes?: string[];
  start?: Date;
  end?: Date;
  /** Our states that count as the asked-for Open311 status. */
  states?: { closed: boolean };
  idempotencyKey?: string;
}

const CLOSED = ['closed', 'declined'];

/** Requests the client's service user filed, newest first. */
export function requests(db: Db, submittedBy: number, f: RequestFilter, limit: number) {
  let q = db
    .selectFrom('appeals as a')
    .leftJoin('service_items as i', 'i.id', 'a.service_item_id')
    .leftJoin('departments as d', (j) => j.on((eb) => eb('d.id', '=', eb.fn.coalesce('a.lead_department_id', 'i.department_id'))))
    .select((eb) => [
      'a.number',
      'a.state',
      'a.description',
      'a.submitted_at',
      'a.updated_at',
      'a.deadline_at',
      'a.idempotency_key',
      'a.location_lat',
      'a.location_long',
      'a.location_address',
      'a.contact_email',
      'a.media_url',
      'i.code as service_code',
      'i.name as service_name',
      'd.name as agency',
      eb
        .selectFrom('appeal_events as ev')
        .select('ev.note')
        .whereRef('ev.appeal_id', '=', 'a.id')
        .where('ev.public', '=', true)
        .where('ev.note', 'is not', null)
        .orderBy('ev.id', 'desc')
        .limit(1)
        .as('status_notes'),
    ])
    .where('a.submitted_by', '=', submittedBy)
    .orderBy('a.id', 'desc')
    .limit(limit);
  if (f.numbers) q = q.where('a.number', 'in', f.numbers);
  if (f.serviceCodes) q = q.where('i.code', 'in', f.serviceCodes);
  if (f.start) q = q.where('a.submitted_at', '>=', f.start);
  if (f.end) q = q.where('a.submitted_at', '<=', f.end);
  if (f.states) q = q.where('a.state', f.states.closed ? 'in' : 'not in', CLOSED);
  if (f.idempotencyKey) q = q.where('a.idempotency_key', '=', f.idempotencyKey);
  return q.execute();
}
