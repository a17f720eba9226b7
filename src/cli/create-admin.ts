import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline/promises';
import { loadConfig } from '../platform/config.ts';
import { openDatabase } from '../platform/db/index.ts';
import { migrateToLatest } from '../platform/db/migrate.ts';
import { passwordProblem } from '../platform/auth/password.ts';
import { AppError, type FieldIssue } from '../platform/errors.ts';
import { createAdministrator, type AdminInput } from '../modules/users/first-admin.ts';

// `npm run create-admin`: the first administrator of an installation (or another one).
//   interactive: prompts for the username, name, mobile and the password twice (not echoed);
//   scripts:     QIFU_ADMIN_USERNAME and QIFU_ADMIN_PASSWORD (+ QIFU_ADMIN_NAME, QIFU_ADMIN_MOBILE).
// Exit status: 0 created, or the username is already an active administrator (safe to run twice);
// 1 refused (weak password, taken by another role …); 2 nothing to go on.
const USAGE = `用法 / usage: npm run create-admin            (interactive)
       QIFU_ADMIN_USERNAME=… QIFU_ADMIN_PASSWORD=… [QIFU_ADMIN_NAME=…] [QIFU_ADMIN_MOBILE=…] npm run create-admin`;
const DEFAULT_NAME = '系统管理员';

class Cancelled extends Error {}

/** Reads one line from the terminal without echoing it (Ctrl-C cancels: raw mode turns it into a character). */
async function askHidden(prompt: string): Promise<string> {
  const input = process.stdin;
  process.stdout.write(prompt);
  input.setRawMode(true);
  input.resume();
  input.setEncoding('utf8');
  try {
    return await new Promise<string>((resolve, reject) => {
      let typed = '';
      const onData = (chunk: string): void => {
        for (const ch of chunk) {
          if (ch === '\r' || ch === '\n' || ch === '\u0004') {
            input.off('data', onData);
            process.stdout.write('\n');
            resolve(typed);
            return;
          }
          if (ch === '\u0003') {
            input.off('data', onData);
            process.stdout.write('\n');
            reject(new Cancelled('cancelled'));
            return;
          }
          typed = ch === '\u007f' || ch === '\b' ? typed.slice(0, -1) : typed + ch;
        }
      };
      input.on('data', onData);
    });
  } finally {
    input.setRawMode(false);
    input.pause();
  }
}

async function ask(prompt: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return (await rl.question(prompt)).trim();
  } finally {
    rl.close();
  }
}

async function prompted(): Promise<AdminInput> {
  const username = await ask('用户名 / username: ');
  const displayName = (await ask(`姓名 / name [${DEFAULT_NAME}]: `)) || DEFAULT_NAME;
  const mobile = (await ask('手机号 / mobile (可不填 / optional): ')) || undefined;
  for (let attempt = 1; ; attempt++) {
    const password = await askHidden('密码 / password (8+ letters and digits): ');
    const problem = passwordProblem(password);
    if (!problem && (await askHidden('再输入一次 / again: ')) === password) return { username, displayName, mobile, password };
    console.error(problem ?? '两次输入的密码不一致 / the two passwords differ');
    if (attempt === 3) throw new AppError('VALIDATION_FAILED', '密码未设置 / no password set');
  }
}

function fromEnvironment(env: NodeJS.ProcessEnv): AdminInput | undefined {
  const { QIFU_ADMIN_USERNAME: username, QIFU_ADMIN_PASSWORD: password } = env;
  if (!username && !password) return undefined;
  if (!username || !password) {
    console.error('QIFU_ADMIN_USERNAME and QIFU_ADMIN_PASSWORD go together');
    process.exit(2);
  }
  return { username, password, displayName: env.QIFU_ADMIN_NAME || DEFAULT_NAME, mobile: env.QIFU_ADMIN_MOBILE || undefined };
}

function explain(err: AppError): string {
  const fields = (err.details as { fields?: FieldIssue[] } | undefined)?.fields ?? [];
  return fields.length ? fields.map((f) => `${f.field}: ${f.message}`).join('\n') : err.message;
}

const config = loadConfig();
const given = fromEnvironment(process.env);
if (!given && !process.stdin.isTTY) {
  console.error(USAGE);
  process.exit(2);
}
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  // The first command on a new database may be this one, before the server ever started.
  await migrateToLatest(database.db);
  console.log(`数据库 / database: ${database.location}`);
  const input = given ?? (await prompted());
  const actor = { id: null, name: 'npm run create-admin', role: 'system', ip: '127.0.0.1', requestId: `cli-${randomUUID()}` };
  const outcome = await createAdministrator(database.db, input, actor);
  if (outcome.created) {
    console.log(
      `已创建管理员 / administrator created: ${input.username} (id ${outcome.id}); 首次登录须修改密码 / a new password is asked at the first login`,
    );
  } else if (outcome.role === 'admin' && outcome.active) {
    console.log(`管理员已存在，未作改动 / ${input.username} is already an administrator; nothing changed`);
  } else {
    console.error(`用户名已被占用 / ${input.username} exists as ${outcome.role}${outcome.active ? '' : ' (inactive)'}; nothing changed`);
    process.exitCode = 1;
  }
} catch (err) {
  if (err instanceof Cancelled) process.exitCode = 130;
  else if (err instanceof AppError) {
    console.error(explain(err));
    process.exitCode = 1;
  } else throw err;
} finally {
  await database.close();
}
