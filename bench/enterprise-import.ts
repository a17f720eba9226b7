import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openDatabase, type Database } from '../src/platform/db/index.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';
import { importFile } from '../src/modules/enterprise-file/import.ts';
import { makeUscc, USCC_CHARSET } from '../src/modules/enterprises/uscc.ts';

/**
 * Import of 100,000 enterprises and 1,200,000 monthly indicator rows (12 months each) from CSV
 * files on disk, read as streams like `npm run import`, on the embedded database: the full path
 * (parse, validate every row, look up what exists, upsert, report), then the same files again
 * (everything unchanged). Baseline: bare multi-row INSERTs of the same, already-built rows into
 * a fresh database. Prints time and peak RSS.
 * BENCH_IMPORT_ENTERPRISES scales it down (the indicators follow: 12 per enterprise).
 */
const N = Number(process.env.BENCH_IMPORT_ENTERPRISES ?? 100_000);
const MONTHS = 12;
const INDUSTRIES = ['C39', 'C38', 'C34', 'I65', 'F51', 'M73', 'C26', 'E48'];
const SCALES = ['大型', '中型', '小型', '微型'];

function uscc(i: number): string {
  let body = '';
  let n = i;
  for (let k = 0; k < 8; k++) {
    body = USCC_CHARSET[n % 31]! + body;
    n = Math.floor(n / 31);
  }
  return makeUscc(`914403069${body}`);
}

/** Writes the two CSV files to disk as a stream (the import reads them as the CLI does); returns their size. */
async function writeFiles(dir: string): Promise<number> {
  const write = async (file: string, header: string, lines: (i: number) => string) => {
    const out = fs.createWriteStream(path.join(dir, file));
    out.write(header);
    for (let i = 0; i < N; i++) if (!out.write(lines(i))) await once(out, 'drain');
    out.end();
    await once(out, 'finish');
    return out.bytesWritten;
  };
  const e = await write(
    'enterprises.csv',
    '统一社会信用代码,企业名称,行业代码,规模,成立日期,注册资本（万元）,标签',
    (i) =>
      `\n${uscc(i)},基准测试企业${i}有限公司,${INDUSTRIES[i % INDUSTRIES.length]},${SCALES[i % 4]},20${String(10 + (i % 14))}-0${1 + (i % 9)}-1${i % 10},${100 + (i % 900)},${i % 3 === 0 ? '四上' : ''}`,
  );
  const ind = await write('indicators.csv', '统一社会信用代码,月份,产值（万元）,增加值,税收,从业人员,用电量（kWh）', (i) => {
    const code = uscc(i);
    let s = '';
    for (let m = 1; m <= MONTHS; m++)
      s += `\n${code},2025-${String(m).padStart(2, '0')},${(i % 500) + m},${(i % 100) + m / 10},${i % 50},${10 + (i % 300)},${1000 * m + i}`;
    return s;
  });
  return e + ind;
}

/** Runs `fn`, sampling the process's resident memory; returns seconds and peak RSS in MB. */
async function measure(fn: () => Promise<unknown>): Promise<{ seconds: number; peakMb: number }> {
  global.gc?.();
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  const t = performance.now();
  try {
    await fn();
  } finally {
    clearInterval(timer);
  }
  peak = Math.max(peak, process.memoryUsage().rss);
  return { seconds: (performance.now() - t) / 1000, peakMb: peak / 1024 / 1024 };
}

async function fresh(): Promise<Database> {
  const d = await openDatabase({ dataDir: 'memory://' });
  await migrateToLatest(d.db);
  return d;
}

const fmt = (label: string, r: { seconds: number; peakMb: number }, rows: number) =>
  console.log(
    `${label.padEnd(34)} ${r.seconds.toFixed(1).padStart(7)} s  ${Math.round(rows / r.seconds)
      .toLocaleString('en')
      .padStart(9)} rows/s  peak RSS ${Math.round(r.peakMb)} MB`,
  );

export async function run(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qifu-bench-import-'));
  try {
    const bytes = await writeFiles(dir);
    const rows = N + N * MONTHS;
    console.log(
      `${N.toLocaleString('en')} enterprises + ${(N * MONTHS).toLocaleString('en')} indicator rows (CSV ${(bytes / 1e6).toFixed(0)} MB on disk, read as streams), PGlite`,
    );
    const both = async (db: Database['db']) => {
      const a = await importFile(
        db,
        'enterprises.csv',
        fs.createReadStream(path.join(dir, 'enterprises.csv'), { highWaterMark: 256 * 1024 }),
      );
      const b = await importFile(
        db,
        'indicators.csv',
        fs.createReadStream(path.join(dir, 'indicators.csv'), { highWaterMark: 256 * 1024 }),
      );
      return { refused: a.refused + b.refused, inserted: a.inserted + b.inserted, unchanged: a.unchanged + b.unchanged };
    };
    // The import first, while the process is small: peak RSS is the process's, and a heap once grown is not given back.
    const d = await fresh();
    let report = { refused: 0, inserted: 0, unchanged: 0 };
    fmt(
      'import (validate + upsert)',
      await measure(async () => {
        report = await both(d.db);
      }),
      rows,
    );
    if (report.refused !== 0 || report.inserted !== rows) throw new Error(`unexpected report ${JSON.stringify(report)}`);
    fmt(
      'same files again (all unchanged)',
      await measure(async () => {
        report = await both(d.db);
      }),
      rows,
    );
    if (report.unchanged !== rows) throw new Error(`re-import changed something: ${JSON.stringify(report)}`);
    await d.close();

    // Baseline: the same rows, built in memory outside the timing, inserted with bare multi-row INSERTs.
    const base = await fresh();
    const eRows = Array.from({ length: N }, (_, i) => ({
      uscc: uscc(i),
      name: `基准测试企业${i}有限公司`,
      industry_code: INDUSTRIES[i % INDUSTRIES.length]!,
      scale: 'small' as const,
    }));
    fmt(
      'baseline: bare INSERT',
      await measure(async () => {
        const ids: number[] = [];
        for (let i = 0; i < N; i += 1000) {
          const r = await base.db
            .insertInto('enterprises')
            .values(eRows.slice(i, i + 1000))
            .returning('id')
            .execute();
          ids.push(...r.map((x) => x.id));
        }
        for (let i = 0; i < N; i += 500) {
          const batch = ids.slice(i, i + 500).flatMap((id, k) =>
            Array.from({ length: MONTHS }, (_, m) => ({
              enterprise_id: id,
              month: `2025-${String(m + 1).padStart(2, '0')}-01`,
              output: i + k + m,
              employees: 10,
            })),
          );
          await base.db.insertInto('enterprise_indicators').values(batch).execute();
        }
      }),
      rows,
    );
    const counted = await sql<{ n: number }>`select count(*)::int as n from enterprise_indicators`.execute(base.db);
    if (counted.rows[0]?.n !== N * MONTHS) throw new Error('baseline row count');
    await base.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
