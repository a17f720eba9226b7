import boundaries from './boundaries.js';

/** Where SQL may be written (docs/ARCHITECTURE.md, "Where SQL lives"). */
export const SQL_ALLOWED = [
  'src/modules/*/repository.ts',
  'src/modules/*/repository-*.ts',
  'src/modules/*/repository/**',
  'src/platform/db/**',
  'src/platform/audit.ts',
  'src/seed/**',
  'src/cli/**',
  '**/*.test.ts',
  'src/modules/*/test-fixture*.ts',
  'src/modules/*/testdata.ts',
];

export const boundaryConfigs = [
  {
    files: ['src/modules/**/*.ts'],
    ignores: ['**/*.test.ts'],
    plugins: { qifu: boundaries },
    rules: { 'qifu/no-foreign-repository': 'error' },
  },
  {
    files: ['src/**/*.ts'],
    ignores: SQL_ALLOWED,
    plugins: { qifu: boundaries },
    rules: { 'qifu/sql-in-repository': 'error' },
  },
];
