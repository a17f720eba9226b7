import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../platform/config.ts';
import { openDatabase } from '../platform/db/index.ts';
import { migrateToLatest } from '../platform/db/migrate.ts';
import { errorWorkbook, importFile, type RowError } from '../modules/enterprise-file/import.ts';

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
const allErrors: RowError[] = [];
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
    allErrors.push(...report.errors);
  }
  if (errorsFile && allErrors.length) {
    fs.writeFileSync(errorsFile, await errorWorkbook(allErrors));
    console.log(`error report: ${errorsFile}`);
  }
} finally {
  await database.close();
}
process.exitCode = failed ? 1 : 0;
