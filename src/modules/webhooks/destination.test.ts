import { describe, expect, it } from 'vitest';
import type { LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { connectLookup, destinationProblem, isForbiddenAddress, type Resolve } from './destination.ts';

/** A resolver that answers from a table: no real DNS in tests. */
const names: Record<string, LookupAddress[]> = {
  localhost: [
    { address: '::1', family: 6 },
    { address: '127.0.0.1', family: 4 },
  ],
  'public.example': [{ address: '203.0.113.7', family: 4 }],
  'mixed.example': [
    { address: '203.0.113.7', family: 4 },
    { address: '10.0.0.1', family: 4 },
  ],
  'mapped.example': [{ address: '::ffff:127.0.0.1', family: 6 }],
  'nat64.example': [{ address: '64:ff9b::7f00:1', family: 6 }],
};
const resolve: Resolve = async (host) => names[host] ?? Promise.reject(Object.assign(new Error(host), { code: 'ENOTFOUND' }));

/**
 * Address forms that reach the machine itself or an internal network. The two marked "before"
 * were accepted by the first guard; the spelled IPv4 forms are normalised by the URL parser.
 */
const refused = [
  // IPv4: loopback, private, link-local (metadata), CGNAT, 0.0.0.0, multicast, reserved, broadcast
  'http://127.0.0.1:8080/h',
  'http://127.255.255.254/h',
  'https://10.1.2.3/h',
  'http://172.16.5.4/h',
  'http://172.31.255.255/h',
  'http://192.168.1.10/h',
  'http://169.254.169.254/latest',
  'http://100.64.0.1/h',
  'http://0.0.0.0/h',
  'http://0/h',
  'http://224.0.0.1/h',
  'http://240.0.0.1/h',
  'http://255.255.255.255/h',
  'http://192.0.0.8/h',
  'http://198.18.0.1/h',
  // IPv4 spelled in decimal, octal, hex, short
  'http://2130706433/h',
  'http://0x7f.1/h',
  'http://017700000001/h',
  'http://0x7f000001/h',
  'http://0177.0.0.1/h',
  'http://127.1/h',
  'http://127.0.0.1./h',
  // IPv6: loopback, unspecified, ULA, link-local, site-local, multicast, discard
  'http://[::1]/h',
  'http://[::]/h',
  'http://[fd00::1]/h',
  'http://[fc00::1]/h',
  'http://[fe80::1]/h',
  'http://[fec0::1]/h',
  'http://[ff02::1]/h',
  'http://[100::1]/h',
  // IPv6 carrying an IPv4 address
  'http://[::ffff:10.0.0.1]/h',
  'http://[::ffff:127.0.0.1]/h',
  'http://[0:0:0:0:0:ffff:7f00:1]/h',
  'http://[::ffff:0:127.0.0.1]/h',
  'http://[::127.0.0.1]/h',
  'http://[::a9fe:a9fe]/h',
  'http://[64:ff9b::7f00:1]/h', // NAT64 — accepted before
  'http://[64:ff9b::10.0.0.1]/h',
  'http://[64:ff9b:1::a00:1]/h', // local-use NAT64
  'http://[2002:7f00:1::]/h', // 6to4 — accepted before
  'http://[2002:c0a8:101::1]/h',
  'http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/h', // Teredo, client 127.0.0.1
  // names
  'http://localhost/h',
  'http://mixed.example/h',
  'http://mapped.example/h',
  'http://nat64.example/h',
];

const accepted = [
  'https://203.0.113.7/hooks/qifu',
  'https://8.8.8.8/h',
  'http://172.32.0.1/h',
  'https://[2001:db8::1]/h',
  'http://[::ffff:203.0.113.7]/h',
  'http://[64:ff9b::203.0.113.7]/h',
  'http://[2002:cb00:7107::1]/h',
  'http://[2001:0:4136:e378:8000:63bf:34ff:8ef8]/h', // Teredo, client 203.0.113.7
  'https://public.example/h',
];

describe('webhook destinations', () => {
  it.each(refused)('refuses %s', async (url) => {
    expect(await destinationProblem(url, false, resolve)).toMatch(/^不允许推送到内网或本机地址（.+）$/);
    expect(await destinationProblem(url, true, resolve)).toBeNull();
  });

  it.each(accepted)('accepts %s', async (url) => {
    expect(await destinationProblem(url, false, resolve)).toBeNull();
  });

  it('refuses the ports fetch() refuses (mail, shell…), even where private addresses are allowed', async () => {
    for (const url of ['http://203.0.113.7:25/h', 'https://public.example:22/h', 'http://127.0.0.1:6379x/h'])
      expect(await destinationProblem(url, true, resolve), url).toMatch(/端口|格式/);
    expect(await destinationProblem('https://public.example:8443/h', false, resolve)).toBeNull();
  });

  it('judges resolved addresses as written by a resolver, not only as a URL would spell them', () => {
    for (const a of ['::ffff:127.0.0.1', '::FFFF:7F00:1', 'fe80::1%eth0', '0:0:0:0:0:0:0:1', '64:ff9b::127.0.0.1', 'not an address'])
      expect(isForbiddenAddress(a), a).toBe(true);
    for (const a of ['203.0.113.7', '2606:4700::1111', '2002:cb00:7107::1']) expect(isForbiddenAddress(a), a).toBe(false);
  });

  it('checks every address at connect time, in both lookup forms a socket uses', async () => {
    const ask = (lookup: LookupFunction, host: string, all: boolean) =>
      new Promise<{ err: string | null; answer: unknown }>((done) =>
        lookup(host, { all, family: 0 }, (err, address) => done({ err: err?.message ?? null, answer: address })),
      );
    const guarded = connectLookup(false, resolve);
    expect(await ask(guarded, 'public.example', false)).toEqual({ err: null, answer: '203.0.113.7' });
    expect(await ask(guarded, 'public.example', true)).toEqual({ err: null, answer: [{ address: '203.0.113.7', family: 4 }] });
    expect((await ask(guarded, 'mixed.example', true)).err).toBe('不允许推送到内网或本机地址（10.0.0.1）');
    expect((await ask(guarded, 'nat64.example', false)).err).toBe('不允许推送到内网或本机地址（64:ff9b::7f00:1）');
    expect((await ask(connectLookup(true, resolve), 'mixed.example', true)).err).toBeNull();
  });

  it('refuses loopback, private, link-local and metadata addresses unless allowed', async () => {
    for (const url of [
      'http://127.0.0.1:8080/h',
      'http://localhost/h',
      'https://10.1.2.3/h',
      'http://192.168.1.10/h',
      'http://169.254.169.254/latest',
      'http://[::1]/h',
      'http://[fd00::1]/h',
      'http://[::ffff:10.0.0.1]/h',
    ]) {
      expect(await destinationProblem(url, false), url).toMatch(/内网或本机|无法解析/);
      expect(await destinationProblem(url, true)).toBeNull();
    }
  });

  it('accepts a public address', async () => {
    expect(await destinationProblem('https://203.0.113.7/hooks/qifu', false)).toBeNull();
    expect(await destinationProblem('https://[2001:db8::1]/h', false)).toBeNull();
  });
});
