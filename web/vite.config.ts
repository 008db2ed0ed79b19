import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      // Libraries change less often than the app: a separate chunk stays cached across releases. ECharts gets its
      // own chunk, loaded only by the pages that draw charts.
      output: {
        manualChunks: (id) => (/node_modules\/(echarts|zrender)\//.test(id) ? 'charts' : id.includes('node_modules') ? 'vendor' : undefined),
      },
    },
  },
  server: {
    proxy: { '/api': 'http://localhost:8080' },
  },
});
