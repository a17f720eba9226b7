import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../platform/config.ts';
import { openDatabase } from '../platform/db/index.ts';
import { migrateToLatest } from '../platform/db/migrate.ts';
import { importFile, type ImportReport } from '../modules/enterprise-file/import.ts';
import { errorWorkbook } from '../modules/enterprise-file/import-report.ts';

// `npm run import -- FILE [FILE …] [--errors report.xlsx]`: the same import as the web page
// (enterprises with tags, or monthly indicators; .xlsx or .csv), read as a stream; the report on stdout.
const args = process.argv.slice(2);
const errorsAt = args.indexOf('--errors');
const errorsFile = errorsAt >= 0 ? args[errorsAt + 1] : undefined;
const files = args.filter((_, i) => errorsAt < 0 || (i !== errorsAt && i !== errorsAt + 1));
if (files.length === 0) {
  console.error('usage: npm run import -- FILE.xlsx|FILE.csv [FILE …] [--errors errors.xlsx]');
  process.exit(2);
}

const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
let failed = false;
const all: Pick<ImportReport, 'errors' | 'refusedRows' | 'headers'> = { errors: [], refusedRows: [], headers: [] };
try {
  await migrateToLatest(database.db);
  for (const file of files) {
    const started = Date.now();
    const report = await importFile(database.db, path.basename(file), fs.createReadStream(file, { highWaterMark: 256 * 1024 }));
    console.log(
      `${file}: ${report.rows} rows — inserted ${report.inserted}, updated ${report.updated}, unchanged ${report.unchanged}, refused ${report.refused} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
    for (const e of report.errors.slice(0, 50)) console.log(`  ${e.sheet} row ${e.row} · ${e.field}: ${e.reason}`);
    if (report.errors.length > 50) console.log(`  … ${report.errors.length - 50} more`);
    if (report.errors.length) failed = true;
    all.errors.push(...report.errors);
    all.refusedRows.push(...report.refusedRows);
    all.headers.push(...report.headers);
  }
  if (errorsFile && all.errors.length) {
    fs.writeFileSync(errorsFile, await errorWorkbook(all.errors, all.refusedRows, all.headers));
    console.log(`error report: ${errorsFile}`);
  }
} finally {
  await database.close();
}
process.exitCode = failed ? 1 : 0;
