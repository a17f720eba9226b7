import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

const nodeModule = (names: string): RegExp => new RegExp(`[\\\\/]node_modules[\\\\/](${names})[\\\\/]`);

/**
 * Vendor chunks. Higher priority wins, so react never lands inside antd's chunk and
 * echarts (only the staff overview imports it) stays out of everything an enterprise user loads.
 */
const vendorChunks = [
  {
    name: 'vendor-react',
    test: nodeModule('react|react-dom|react-router|react-router-dom|scheduler|cookie|set-cookie-parser'),
    priority: 30,
  },
  { name: 'vendor-echarts', test: nodeModule('echarts|zrender'), priority: 20 },
  {
    name: 'vendor-antd',
    test: nodeModule(
      'antd|@ant-design|@rc-component|@babel|dayjs|@emotion|clsx|compute-scroll-into-view|scroll-into-view-if-needed|throttle-debounce|stylis|json2mq|string-convert|is-mobile',
    ),
    priority: 10,
  },
];

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  // The server's pure modules (workflow rules and constants) shared with the web app instead of copied.
  resolve: { alias: { '@server': fileURLToPath(new URL('../src', import.meta.url)) } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    manifest: true,
    // The antd vendor chunk is ~1 MB minified (~310 KB gzip); everything else is far smaller.
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        codeSplitting: { groups: vendorChunks },
      },
    },
  },
  server: {
    proxy: {
      '/api': 'http://localhost:3000',
    },
  },
});
