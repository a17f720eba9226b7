/** Helpers the enterprise-account tests share (API and browser): enterprises with known numbers, codes read back from the outbox. */
import type { Db } from '../../src/platform/db/index.ts';

let serial = 0;

/** A mobile nobody in the demo has (199 numbers are not seeded), unique within the run. */
export function newMobile(): string {
  serial += 1;
  return `199${String(process.pid % 10_000).padStart(4, '0')}${String(serial).padStart(4, '0')}`;
}

/**
 * An active enterprise without users, its numbers set by the test: a landline as registered
 * phone, the legal representative's mobile and one contact's mobile.
 */
export async function enterpriseWithNumbers(db: Db, skip: readonly number[] = []) {
  const e = await db
    .selectFrom('enterprises as e')
    .select(['e.id', 'e.uscc', 'e.name'])
    .where('e.status', '=', 'active')
    .where((eb) => eb.not(eb.exists(eb.selectFrom('users as u').select('u.id').whereRef('u.enterprise_id', '=', 'e.id'))))
    // Nor codes sent for it yet: the per-enterprise daily cap stays clear for the test.
    .where((eb) => eb.not(eb.exists(eb.selectFrom('verification_codes as v').select('v.id').whereRef('v.context', '=', 'e.uscc'))))
    .$if(skip.length > 0, (q) => q.where('e.id', 'not in', skip))
    .orderBy('e.id')
    .executeTakeFirstOrThrow();
  const legalRep = newMobile();
  const contact = newMobile();
  await db.updateTable('enterprises').set({ phone: '0755-23456789', legal_rep_mobile: legalRep }).where('id', '=', e.id).execute();
  await db.deleteFrom('enterprise_contacts').where('enterprise_id', '=', e.id).execute();
  await db.insertInto('enterprise_contacts').values({ enterprise_id: e.id, name: '联系人', mobile: contact, is_primary: true }).execute();
  return { ...e, legalRep, contact };
}

/** The last message queued for a mobile. */
export async function lastMessage(db: Db, mobile: string): Promise<string> {
  const row = await db.selectFrom('outbox').select('body').where('recipient', '=', mobile).orderBy('id', 'desc').executeTakeFirstOrThrow();
  return row.body;
}

/** The code of the last verification SMS to a mobile, as the registrant reads it. */
export async function codeSentTo(db: Db, mobile: string): Promise<string> {
  const code = /验证码为(\d{6})/.exec(await lastMessage(db, mobile))?.[1];
  if (!code) throw new Error(`no code sent to ${mobile}`);
  return code;
}

export function multipart(fields: Record<string, string>, file?: { field: string; name: string; data: Buffer }) {
  const boundary = `----qifu${Math.random().toString(16).slice(2)}`;
  const parts = Object.entries(fields).map(([k, v]) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
  );
  if (file) {
    parts.push(
      Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
        ),
        file.data,
        Buffer.from('\r\n'),
      ]),
    );
  }
  return {
    payload: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'latin1');
