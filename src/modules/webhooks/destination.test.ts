import { describe, expect, it } from 'vitest';
import { destinationProblem } from './destination.ts';

describe('webhook destinations', () => {
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
