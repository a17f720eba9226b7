import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarFor } from '../src/modules/calendar/store.ts';
import { appealClock } from '../src/modules/appeals/clock.ts';
import { matchAll } from '../src/modules/matching/index.ts';
import { evaluateSeededMonths } from '../src/modules/warnings/seed.ts';
import { seedDemoAppeals } from '../src/seed/appeals.ts';
import { seedDemoLiaisons } from '../src/seed/liaisons.ts';
import { seedDemoPolicies } from '../src/seed/policies.ts';
import { seedDemoPolicyApplications } from '../src/seed/policy-applications.ts';
import { multipart, PDF } from './support/accounts.ts';
import { createTestApp, type TestApp } from './support/app.ts';
import { findPairs, type Pair, type Party } from './support/isolation-pairs.ts';
import { fillPath, readDocument, sampleOf, type DocOperation, type Document } from './support/openapi.ts';

/**
 * Isolation between parties of the same role, generated from the OpenAPI document: enterprise A and
 * B, a handler of bureau X and bureau Y, a cadre and another cadre, API client A and B. For every
 * operation the intruder may call (its declared access) that names a record, the route is matched to
 * the owner's record it names — or marked shared by the product's rule; a route with no row fails —
 * and the intruder, with a valid body, gets 403 or 404 where the owner's GET gets 200, and changes
 * nothing (no audit row). Every list the intruder can read is searched for the owner's canary; the
 * appeal lists of the demo enterprise, handler and cadre hold exactly their scope; Open311 (not in
 * the document) keeps API clients apart too.
 */
let t: TestApp;
let doc: Document;
let pairs: Pair[];

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  // The demo as `npm start` seeds it, on the test's 40 enterprises: appeals, liaisons, warnings, policies, applications.
  await seedDemoAppeals(db, { count: 60, randomSeed: 7, clock: appealClock(await calendarFor(db), t.config.officeHours) });
  await seedDemoLiaisons(db, { randomSeed: 7 });
  await evaluateSeededMonths(db);
  await seedDemoPolicies(db, { match: false });
  await matchAll(db);
  await seedDemoPolicyApplications(db, { randomSeed: 7 });
  doc = readDocument(t.app);
  pairs = await findPairs(t);
});
afterAll(() => t?.close());

function callable(op: DocOperation, party: Party): boolean {
  if (!op.access) return false;
  if (party.role) return op.access.roles.includes(party.role);
  return op.access.apiClient !== null && (party.scopes ?? []).includes(op.access.apiClient);
}

function send(party: Party, method: string, url: string, body?: unknown) {
  return t.app.inject({ method: method as 'GET', url, headers: party.headers, ...(body === undefined ? {} : { payload: body as object }) });
}

/** Upload routes (multipart, not in the document's bodies) and the form field their file goes in. */
const UPLOADS: Record<string, string> = {
  'POST /api/appeals/{id}/attachments': 'file',
  'POST /api/applications/{id}/materials': 'materials.0',
};

function sendForm(party: Party, method: string, url: string, field: string) {
  const form = multipart({}, { field, name: '隔离.pdf', data: PDF });
  return t.app.inject({ method: method as 'POST', url, headers: { ...party.headers, ...form.headers }, payload: form.payload });
}

async function auditRows(): Promise<number> {
  const r = await t.database.db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

describe.each([
  'enterprise A vs enterprise B',
  'handler of bureau X vs bureau Y',
  'cadre vs another cadre',
  'API client A vs API client B',
])('%s', (name) => {
  const pair = () => pairs.find((p) => p.name === name)!;

  it("refuses every route naming the owner's records, and the owner is let in", async () => {
    const { intruder, owner, routes, records, untouched, noOwnerControl } = pair();
    const unclassified: string[] = [];
    const wrong: string[] = [];
    const byKind = new Map<string, Set<number>>();
    const controls: { key: string; url: string }[] = [];
    const audited = await auditRows();
    for (const op of doc.operations.filter((o) => o.path.includes('{') && callable(o, intruder))) {
      const key = `${op.method} ${op.path}`;
      const kind = routes.find(([re]) => re.test(key))?.[1];
      if (!kind) unclassified.push(key);
      if (!kind || kind === 'shared') continue;
      const url = fillPath(op.path, records[kind] ?? {});
      if (!url) {
        wrong.push(`${key}: the ${kind} record has no value for a parameter`);
        continue;
      }
      const upload = UPLOADS[key];
      const res = upload
        ? await sendForm(intruder, op.method, url, upload)
        : await send(intruder, op.method, url, op.body ? sampleOf(op.body, doc.components) : undefined);
      byKind.set(kind, (byKind.get(kind) ?? new Set()).add(res.statusCode));
      const check = untouched?.[kind];
      const refused = check ? res.statusCode < 300 && (await check()) : res.statusCode === 403 || res.statusCode === 404;
      if (!refused) wrong.push(`${key} as ${intruder.name}: ${res.statusCode} ${res.body.slice(0, 160)}`);
      if (op.method === 'GET' && !noOwnerControl?.includes(kind)) controls.push({ key, url });
    }
    expect(unclassified, 'routes with no isolation row').toEqual([]);
    expect(wrong).toEqual([]);
    // Refused before changing anything: not one audit row.
    expect(await auditRows()).toBe(audited);
    // The product answers one way per kind of record (403: it exists but is not yours; 404: not found for you).
    expect([...byKind].filter(([, s]) => s.size > 1).map(([k, s]) => `${k}: ${[...s].join(', ')}`)).toEqual([]);
    expect(byKind.size).toBeGreaterThan(0);
    for (const { key, url } of controls) expect((await send(owner, 'GET', url)).statusCode, `${key} as the owner`).toBe(200);
    console.log(`${name}: ${[...byKind].map(([k, s]) => `${k} ${[...s].join('/')}`).join(', ')}`);
  });

  it("shows none of the owner's records in any list the intruder can read", async () => {
    const { intruder, owner, canaries, ownerList } = pair();
    expect((await send(owner, 'GET', ownerList)).body).toContain(canaries[0]);
    const leaks: string[] = [];
    let read = 0;
    for (const op of doc.operations.filter((o) => o.method === 'GET' && !o.path.includes('{') && callable(o, intruder))) {
      const res = await send(intruder, 'GET', op.path);
      // Spreadsheets and images are compressed: their content is not searchable as text.
      if (!/json|text|xml|csv/.test(String(res.headers['content-type']))) continue;
      read += 1;
      for (const c of canaries) if (res.body.includes(c)) leaks.push(`${op.path} shows ${c}`);
    }
    expect(leaks).toEqual([]);
    expect(read).toBeGreaterThan(0);
  });
});

describe("appeal lists keep to the caller's scope", () => {
  /** Appeals each demo login may see, by the product's rule (appeals/repository-lists.ts visible()). */
  const scopes: Record<string, string> = {
    enterprise: `select a.id from appeals a join users u on u.username = 'enterprise' where a.enterprise_id = u.enterprise_id`,
    handler: `select a.id from appeals a join users u on u.username = 'handler'
      where exists (select 1 from appeal_departments ad where ad.appeal_id = a.id and ad.department_id = u.department_id)`,
    cadre: `select a.id from appeals a join users u on u.username = 'cadre'
      where a.submitted_by = u.id or exists (select 1 from liaisons l where l.enterprise_id = a.enterprise_id and l.user_id = u.id and l.ended_at is null)`,
  };

  it.each(Object.keys(scopes))('%s: every appeal listed is in scope, and every one in scope is listed', async (login) => {
    const res = await t.app.inject({ url: '/api/appeals?pageSize=200', headers: { cookie: await t.login(login) } });
    expect(res.statusCode).toBe(200);
    const listed = (res.json() as { items: { id: number }[] }).items.map((i) => i.id).sort((x, y) => x - y);
    const inScope = (await sql.raw<{ id: number }>(scopes[login]!).execute(t.database.db)).rows.map((r) => r.id).sort((x, y) => x - y);
    expect(listed).toEqual(inScope);
    expect(inScope.length).toBeGreaterThan(0);
  });
});

describe('Open311 (outside the OpenAPI document)', () => {
  it("answers API client A's questions about B's request with 404, and lists none of B's", async () => {
    const { intruder, owner, records } = pairs.find((p) => p.name === 'API client A vs API client B')!;
    const number = String(records.appeal!.number);
    const key = (p: Party) => p.headers.authorization!.slice('Bearer '.length);
    const ask = (p: Party, path: string) => t.app.inject({ url: `/open311/v2/${path}${path.includes('?') ? '&' : '?'}api_key=${key(p)}` });
    expect((await ask(owner, `requests/${number}.json`)).statusCode).toBe(200);
    expect((await ask(intruder, `requests/${number}.json`)).statusCode).toBe(404);
    expect((await ask(intruder, `requests.json?service_request_id=${number}`)).body).not.toContain(number);
    expect((await ask(intruder, 'requests.json')).body).not.toContain(number);
    expect((await ask(owner, 'requests.json')).body).toContain(number);
  });
});
