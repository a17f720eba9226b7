import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './server.ts';

export const NGINX = '/usr/sbin/nginx';
const checkedIn = fileURLToPath(new URL('../../deploy/nginx/qifu.conf', import.meta.url));

export interface Nginx {
  url: string;
  stop(): Promise<void>;
}

/**
 * Runs Debian's nginx unprivileged-style in a temporary prefix with the checked-in
 * deploy/nginx/qifu.conf, its upstream servers replaced by `ports` and its listener by a free
 * loopback port: the configuration under test is the one the README tells people to install.
 */
export async function startNginx(ports: number[]): Promise<Nginx> {
  const prefix = fs.mkdtempSync(path.join(os.tmpdir(), 'qifu-nginx-'));
  // nginx's workers (nobody, when the master runs as root) must reach the temp paths.
  fs.chmodSync(prefix, 0o755);
  const port = await freePort();
  const site = fs.readFileSync(checkedIn, 'utf8');
  const servers = ports.map((p) => `    server 127.0.0.1:${p} max_fails=3 fail_timeout=10s;`).join('\n');
  const upstreamLines = /^\s*server 127\.0\.0\.1:\d+[^;]*;\n/gm;
  const first = site.search(upstreamLines);
  if (first < 0 || !/listen 127\.0\.0\.1:\d+;/.test(site)) throw new Error(`${checkedIn}: no upstream server or listen line to replace`);
  const conf = (site.slice(0, first) + servers + '\n' + site.slice(first).replace(upstreamLines, '')).replace(
    /listen 127\.0\.0\.1:\d+;/,
    `listen 127.0.0.1:${port};`,
  );
  fs.writeFileSync(path.join(prefix, 'qifu.conf'), conf);
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((k) => `  ${k}_temp_path ${prefix}/${k};`).join('\n');
  fs.writeFileSync(
    path.join(prefix, 'nginx.conf'),
    `worker_processes 1;
error_log ${prefix}/error.log warn;
events { worker_connections 512; }
http {
  access_log off;
${temp}
  include ${prefix}/qifu.conf;
}
`,
  );
  const child = spawn(NGINX, ['-p', prefix, '-c', path.join(prefix, 'nginx.conf'), '-g', `daemon off; pid ${prefix}/nginx.pid;`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`nginx exited: ${stderr}`);
    // Any answer from nginx itself (even a 502 before the upstreams are up) means it listens.
    if (
      await fetch(`${url}/healthz`).then(
        () => true,
        () => false,
      )
    )
      break;
    if (i > 100) throw new Error(`nginx did not listen: ${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    async stop() {
      child.kill('SIGQUIT');
      await exited;
      fs.rmSync(prefix, { recursive: true, force: true });
    },
  };
}
