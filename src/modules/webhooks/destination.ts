import type { LookupAddress } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/**
 * Webhook endpoints must be on the public internet: a connected system must not be able to
 * make Qifu post into the government network (metadata services, databases, admin panels).
 * Checked when subscribing, and at every delivery on the very addresses the connection is made
 * to (connectLookup): a name may answer a public address when subscribed and 127.0.0.1 later
 * (DNS rebinding), so a check before the request alone would not hold.
 */
const privateRanges = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  privateRanges.addSubnet(net, prefix, 'ipv4');
// IPv6 ranges that are not the public internet. The forms that carry an IPv4 address inside
// (mapped, NAT64, 6to4, Teredo…) are judged by that address as well: see embeddedIPv4.
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b:1::', 48], // local-use NAT64 (RFC 8215): the network's own translator, any IPv4 behind it
  ['100::', 64], // discard-only
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated, still routed by some networks)
  ['ff00::', 8], // multicast
] as const)
  privateRanges.addSubnet(net, prefix, 'ipv6');

/** The eight 16-bit groups of an IPv6 address (which isIP has accepted), the zone dropped. */
function ipv6Groups(address: string): number[] {
  let text = address.replace(/%.*$/, '');
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const middle = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...middle, ...right].map((g) => parseInt(g, 16));
}

const ipv4Of = (high: number, low: number) => `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;

/**
 * The IPv4 addresses an IPv6 address reaches through: ::a.b.c.d (compatible), ::ffff:a.b.c.d
 * (mapped), ::ffff:0:a.b.c.d (translated), 64:ff9b::a.b.c.d (NAT64), 2002:AABB:CCDD:: (6to4),
 * 2001:0:server:…:client (Teredo: the client's address is the last 32 bits inverted).
 */
function embeddedIPv4(g: number[]): string[] {
  const zero = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = g;
  if (zero(0, 6) || (zero(0, 5) && g5 === 0xffff) || (zero(0, 4) && g4 === 0xffff && g5 === 0)) return [ipv4Of(g6, g7)];
  if (g0 === 0x64 && g1 === 0xff9b && zero(2, 6)) return [ipv4Of(g6, g7)];
  if (g0 === 0x2002) return [ipv4Of(g1, g2)];
  if (g0 === 0x2001 && g1 === 0) return [ipv4Of(g2, g3), ipv4Of(g6 ^ 0xffff, g7 ^ 0xffff)];
  return [];
}

/** Whether an address (IPv4 or IPv6, as resolved or written in a URL) is off-limits for webhooks. */
export function isForbiddenAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return privateRanges.check(address, 'ipv4');
  if (family !== 6) return true;
  const bare = address.replace(/%.*$/, '');
  return privateRanges.check(bare, 'ipv6') || embeddedIPv4(ipv6Groups(bare)).some((v4) => privateRanges.check(v4, 'ipv4'));
}

const refusal = (address: string) => `不允许推送到内网或本机地址（${address}）`;

/** Which addresses a host name has: the system resolver, or the test's own answers. */
export type Resolve = (hostname: string) => Promise<LookupAddress[]>;
export const systemResolve: Resolve = (hostname) => lookup(hostname, { all: true });

/** The host of a URL as an address or name, without the brackets of an IPv6 literal. */
export const hostOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, '');

/**
 * Why this address may not receive webhooks, or null. For a URL whose host is an IP literal:
 * the connection does not look such a host up, so it is checked here.
 * (The URL parser has already turned 2130706433, 0x7f.1 and 017700000001 into 127.0.0.1.)
 */
export function addressProblem(address: string, allowPrivate: boolean): string | null {
  return !allowPrivate && isForbiddenAddress(address) ? refusal(address) : null;
}

/**
 * The ports fetch() refuses (WHATWG Fetch "bad port"): mail, shell, DNS, X11… A POST to them
 * from Qifu's address is a cross-protocol attack on someone else, public or not.
 */
const BAD_PORTS = new Set([
  1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109, 110, 111, 113, 115, 117,
  119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636,
  989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
]);

/** Why the URL's port may not receive webhooks, or null (checked whatever QIFU_WEBHOOK_ALLOW_PRIVATE says). */
export function portProblem(url: URL): string | null {
  return url.port && BAD_PORTS.has(Number(url.port)) ? `不允许推送到端口 ${url.port}` : null;
}

/** Why this URL may not receive webhooks, or null when it may (checked when subscribing). */
export async function destinationProblem(url: string, allowPrivate: boolean, resolve: Resolve = systemResolve): Promise<string | null> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return '地址格式不正确';
  }
  const port = portProblem(parsed);
  if (port || allowPrivate) return port;
  const host = hostOf(parsed);
  if (isIP(host)) return addressProblem(host, false);
  let addresses: LookupAddress[];
  try {
    addresses = await resolve(host);
  } catch {
    return `无法解析域名 ${host}`;
  }
  if (!addresses.length) return `无法解析域名 ${host}`;
  const blocked = addresses.find((a) => isForbiddenAddress(a.address));
  return blocked ? refusal(blocked.address) : null;
}

/**
 * The `lookup` of a delivery's connection: every address the name resolves to is checked, and
 * the connection can only go to one of them. One forbidden address refuses the whole answer
 * (a rebinding name may mix a public address with 127.0.0.1).
 */
export function connectLookup(allowPrivate: boolean, resolve: Resolve = systemResolve): LookupFunction {
  return (hostname, options, callback) => {
    const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family || 0;
    resolve(hostname).then(
      (answer) => {
        const blocked = allowPrivate ? undefined : answer.find((a) => isForbiddenAddress(a.address));
        const usable = answer.filter((a) => !family || a.family === family);
        if (blocked) return callback(Object.assign(new Error(refusal(blocked.address)), { code: 'EQIFUPRIVATE' }), []);
        if (!usable.length) return callback(Object.assign(new Error(`无法解析域名 ${hostname}`), { code: 'ENOTFOUND' }), []);
        if (options.all) return callback(null, usable);
        callback(null, usable[0]!.address, usable[0]!.family);
      },
      (err: NodeJS.ErrnoException) => callback(err, []),
    );
  };
}
