import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Relative asset paths: the same build is served from app://mission-kit/ in Electron and from
// http://127.0.0.1 in the browser fallback and the end-to-end tests.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    target: 'chrome120',
    // Loaded from disk in the desktop app, not over a network: one bundle is fine.
    chunkSizeWarningLimit: 2048,
  },
});
