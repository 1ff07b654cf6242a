import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer is a plain web page: built here, served from app://totalplace/ in the app and from
// the test harness's origin in the browser tests. Relative paths work under both.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome140',
    sourcemap: true,
    chunkSizeWarningLimit: 4000,
  },
});
