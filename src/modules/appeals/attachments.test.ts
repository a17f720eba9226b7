import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginChangingPassword, type TestApp } from '../../../tests/support/app.ts';
import { sniffFileType } from '../../platform/http/file-types.ts';

let t: TestApp;
let enterprise: string;
let appealId: number;
beforeAll(async () => {
  t = await createTestApp({ enterprises: 20 });
  enterprise = await t.login('enterprise');
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/appeals',
    headers: { cookie: enterprise },
    payload: { title: '厂房漏水维修', description: '租赁的产业用房屋顶漏水，业主迟迟不维修，影响生产。' },
  });
  appealId = res.json().id;
});
afterAll(() => t.close());

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);

function multipart(files: { name: string; data: Buffer }[]) {
  const boundary = '----qifu' + Math.random().toString(16).slice(2);
  const parts = files.map((f) =>
    Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${f.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      f.data,
      Buffer.from('\r\n'),
    ]),
  );
  return {
    payload: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

describe('attachments', () => {
  it('accepts an image by its content and gives the same bytes back', async () => {
    const body = multipart([{ name: '../../现场照片.png', data: PNG }]);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/appeals/${appealId}/attachments`,
      headers: { cookie: enterprise, 'content-type': body.contentType },
      payload: body.payload,
    });
    expect(res.statusCode).toBe(201);
    const item = res.json().items[0];
    expect(item).toMatchObject({ fileName: '现场照片.png', mime: 'image/png', size: PNG.length });
    const down = await t.app.inject({ url: `/api/appeals/${appealId}/attachments/${item.id}`, headers: { cookie: enterprise } });
    expect(down.statusCode).toBe(200);
    expect(down.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(down.rawPayload, PNG)).toBe(0);
    const detail = await t.app.inject({ url: `/api/appeals/${appealId}`, headers: { cookie: enterprise } });
    expect(detail.json().appeal.attachments).toHaveLength(1);
  });

  it('refuses a program renamed to .pdf, naming the file', async () => {
    const body = multipart([{ name: '合同.pdf', data: Buffer.from('MZ\x90\x00this is not a pdf', 'latin1') }]);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/appeals/${appealId}/attachments`,
      headers: { cookie: enterprise, 'content-type': body.contentType },
      payload: body.payload,
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().error.message).toMatch(/合同\.pdf/);
  });

  it('keeps other enterprises out', async () => {
    const other = await t.database.db.selectFrom('enterprises').select('uscc').orderBy('id', 'desc').executeTakeFirstOrThrow();
    const admin = await t.login('admin');
    await t.app.inject({
      method: 'POST',
      url: '/api/admin/users',
      headers: { cookie: admin },
      payload: { username: 'other_ent', displayName: '李四', role: 'enterprise', password: 'Other2026', enterpriseUscc: other.uscc },
    });
    const cookie = await loginChangingPassword(t, 'other_ent', 'Other2026');
    const res = await t.app.inject({ url: `/api/appeals/${appealId}/attachments/1`, headers: { cookie } });
    expect(res.statusCode).toBe(403);
  });
});

describe('the attachment limit', () => {
  it('holds when uploads arrive at once: one under the appeal lock fills the last place', async () => {
    const count = async () =>
      Number(
        (
          await t.database.db
            .selectFrom('appeal_attachments')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('appeal_id', '=', appealId)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const uploader = await t.database.db.selectFrom('users').select('id').where('username', '=', 'enterprise').executeTakeFirstOrThrow();
    // One place left of the 20.
    await t.database.db
      .insertInto('appeal_attachments')
      .values(
        Array.from({ length: 19 - (await count()) }, (_, i) => ({
          appeal_id: appealId,
          file_name: `既有${i}.png`,
          mime: 'image/png',
          size: PNG.length,
          sha256: '0'.repeat(64),
          content: PNG,
          uploaded_by: uploader.id,
        })),
      )
      .execute();
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) => {
        const body = multipart([{ name: `并发${i}.png`, data: PNG }]);
        return t.app.inject({
          method: 'POST',
          url: `/api/appeals/${appealId}/attachments`,
          headers: { cookie: enterprise, 'content-type': body.contentType },
          payload: body.payload,
        });
      }),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 400, 400, 400, 400]);
    for (const r of results.filter((x) => x.statusCode === 400)) expect(r.json().error.message).toBe('每件诉求最多 20 个附件');
    expect(await count()).toBe(20);
  });
});

describe('file type sniffing', () => {
  it('recognises PDF, JPEG and OOXML, and nothing else', () => {
    expect(sniffFileType(Buffer.from('%PDF-1.7\n'))?.mime).toBe('application/pdf');
    expect(sniffFileType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))?.mime).toBe('image/jpeg');
    const docx = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('....[Content_Types].xml....word/document.xml')]);
    expect(sniffFileType(docx)?.ext).toBe('docx');
    expect(sniffFileType(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00]))).toBeUndefined();
    expect(sniffFileType(Buffer.from('<html>'))).toBeUndefined();
  });
});
