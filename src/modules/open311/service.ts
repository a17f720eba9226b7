import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db/index.ts';
import type { Actor, SessionUser } from '../../platform/http/access.ts';
import { AppError } from '../../platform/errors.ts';
import { submit } from '../appeals/intake.ts';
import type { AppealDeps } from '../appeals/service.ts';
import type { ClientChannel } from '../../platform/db/schema-open.ts';
import type { AppealType } from '../../platform/db/schema-appeals.ts';
import { Open311Error } from './error.ts';
import * as repo from './repository.ts';
import { requesterDetails, type RequestPlace } from './request-input.ts';

/** The appeal types as the standard's list values: the key is what a client sends, the name is shown. */
const TYPE_VALUES: { key: AppealType; name: string }[] = [
  { key: 'consultation', name: '咨询' },
  { key: 'help', name: '求助' },
  { key: 'complaint', name: '投诉' },
  { key: 'suggestion', name: '建议' },
];

/** Every service item takes the enterprise (when account_id does not name it) and the appeal type as attributes. */
export const ATTRIBUTES = [
  {
    variable: true,
    code: 'uscc',
    datatype: 'string',
    // Declared as enforced: a request needs its enterprise. account_id (the same code) stands in for it.
    required: true,
    datatype_description: '18 位统一社会信用代码（也可用 account_id 传入）',
    order: 1,
    description: '诉求企业的统一社会信用代码（或以 account_id 传入）',
  },
  {
    variable: true,
    code: 'external_ref',
    datatype: 'string',
    required: false,
    datatype_description: '不超过 100 个字符',
    order: 2,
    description: '来源系统的单号',
  },
  {
    variable: true,
    code: 'appeal_type',
    datatype: 'singlevaluelist',
    required: false,
    order: 3,
    datatype_description: 'consultation 咨询、help 求助、complaint 投诉、suggestion 建议（也接受中文名称）；缺省为 help',
    description: '诉求类型',
    values: TYPE_VALUES,
  },
];

/** The appeal type from a key or its Chinese name; help (求助) when none is given. */
export function appealTypeOf(value: string | undefined): AppealType {
  if (value === undefined) return 'help';
  const v = value.trim();
  const found = TYPE_VALUES.find((t) => t.key === v.toLowerCase() || t.name === v);
  if (!found)
    throw new Open311Error(400, `attribute[appeal_type] must be one of ${TYPE_VALUES.map((t) => `${t.key} (${t.name})`).join(', ')}`);
  return found.key;
}

const LOCATION_NOTE = '（须提供位置：lat 与 long，或 address_string）';

export async function listServices(db: Db) {
  return (await repo.services(db)).map((s) => ({
    service_code: s.code,
    service_name: s.name,
    // The standard has no field for it: a client reads that the item needs a location here.
    description: s.location_required ? [s.description, LOCATION_NOTE].filter(Boolean).join(' ') : s.description,
    metadata: true,
    type: 'realtime',
    keywords: s.keywords
      .split(/[\s,，、]+/)
      .filter(Boolean)
      .join(','),
    group: s.group,
  }));
}

export async function serviceDefinition(db: Db, code: string) {
  const [s] = await repo.services(db, code);
  if (!s) throw new Open311Error(404, `service_code ${code} not found`);
  return { service_code: s.code, attributes: ATTRIBUTES };
}

type RequestRow = Awaited<ReturnType<typeof repo.requests>>[number];

function requestView(r: RequestRow) {
  const closed = r.state === 'closed' || r.state === 'declined';
  return {
    service_request_id: r.number,
    status: closed ? 'closed' : 'open',
    status_notes: r.status_notes,
    service_name: r.service_name,
    service_code: r.service_code,
    description: r.description,
    agency_responsible: r.agency,
    service_notice: closed || !r.deadline_at ? null : `办理时限：${r.deadline_at.toISOString()}`,
    requested_datetime: r.submitted_at.toISOString(),
    updated_datetime: r.updated_at.toISOString(),
    expected_datetime: r.deadline_at?.toISOString() ?? null,
    address: r.location_address,
    address_id: null,
    zipcode: null,
    lat: r.location_lat,
    long: r.location_long,
    media_url: r.media_url,
    // Not in the standard's response: the client only ever reads its own requests, so it gets its e-mail back.
    email: r.contact_email,
  };
}

/** A comma-separated parameter; one that lists nothing (`,`) is as if not given (an empty IN () is not SQL). */
function list(v: string | undefined): string[] | undefined {
  const items = v
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return items?.length ? items : undefined;
}

function date(v: string | undefined, name: string): Date | undefined {
  if (v === undefined) return undefined;
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) throw new Open311Error(400, `${name} must be a W3C datetime`);
  return d;
}

export async function findRequests(db: Db, user: SessionUser, q: Record<string, string | undefined>) {
  const numbers = list(q.service_request_id);
  // GeoReport v2: "if this parameter is present, all other parameters are ignored".
  if (numbers) return (await repo.requests(db, user.id, { numbers }, 1000)).map(requestView);
  const statuses = list(q.status);
  if (statuses?.some((s) => s !== 'open' && s !== 'closed')) throw new Open311Error(400, 'status must be open or closed');
  let start = date(q.start_date, 'start_date');
  const end = date(q.end_date, 'end_date');
  // The standard's default window: the last 90 days, unless dates are given.
  if (!start && !end) start = new Date(Date.now() - 90 * 86_400_000);
  const filter: repo.RequestFilter = {
    serviceCodes: list(q.service_code),
    start,
    end,
    states: statuses?.length === 1 ? { closed: statuses[0] === 'closed' } : undefined,
  };
  return (await repo.requests(db, user.id, filter, 1000)).map(requestView);
}

export async function findRequest(db: Db, user: SessionUser, number: string) {
  const [r] = await repo.requests(db, user.id, { numbers: [number] }, 1);
  if (!r) throw new Open311Error(404, `service_request_id ${number} not found`);
  return requestView(r);
}

export async function findToken(db: Db, user: SessionUser, token: string) {
  const [r] = await repo.requests(db, user.id, { idempotencyKey: token }, 1);
  if (!r) throw new Open311Error(404, `token ${token} not found`);
  return { service_request_id: r.number, token };
}

export interface NewRequest extends RequestPlace {
  service_code?: string;
  description?: string;
  account_id?: string;
  uscc?: string;
  external_ref?: string;
  appeal_type?: string;
  first_name?: string;
  last_name?: string;
  phone?: string;
}

/**
 * Files an appeal through the one intake (`submit()`); the token is the idempotency key, so the
 * same `Idempotency-Key` twice gives the same request, and tokens/{token} finds it.
 */
export async function createRequest(
  deps: AppealDeps,
  user: SessionUser,
  actor: Actor,
  channel: ClientChannel,
  input: NewRequest,
  idempotencyKey: string | undefined,
) {
  if (!input.service_code) throw new Open311Error(400, 'service_code is required');
  const [item] = await repo.services(deps.db, input.service_code);
  if (!item) throw new Open311Error(404, `service_code ${input.service_code} not found`);
  const uscc = (input.uscc ?? input.account_id)?.trim();
  if (!uscc) throw new Open311Error(400, 'attribute[uscc] or account_id (the enterprise credit code) is required');
  const text = input.description?.trim() ?? '';
  if (text.length < 10) throw new Open311Error(400, 'description is required (at least 10 characters)');
  const details = requesterDetails(input, item.location_required, item.code);
  const contactName = [input.last_name, input.first_name].filter(Boolean).join('') || undefined;
  const phone = input.phone?.replace(/[\s-]/g, '');
  const appealType = appealTypeOf(input.appeal_type);
  const token = idempotencyKey ?? `open311:${randomUUID()}`;
  try {
    const res = await submit(
      deps,
      user,
      actor,
      {
        title: `${item.name}：${text.slice(0, 40)}`.slice(0, 100),
        description: text.slice(0, 5000),
        serviceItemId: item.id,
        contactName: contactName?.slice(0, 30),
        contactPhone: phone && /^1\d{10}$/.test(phone) ? phone : undefined,
        urgency: 'normal',
        channel,
        enterpriseUscc: uscc,
        externalRef: input.external_ref?.slice(0, 100),
        appealType,
      },
      token,
      details,
    );
    return {
      created: res.created,
      body: { service_request_id: res.number, token, service_notice: '诉求已收到，将由企业服务专员受理', account_id: uscc },
    };
  } catch (err) {
    if (err instanceof AppError && err.code === 'VALIDATION_FAILED') throw new Open311Error(400, err.message);
    throw err;
  }
}
