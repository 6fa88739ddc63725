/**
 * Vite build of the renderer: from renderer/ into dist/renderer, with relative
 * asset paths (served from app:// in Electron and from the web host alike) and
 * nothing inline, since the CSP allows only scripts and styles from 'self'.
 */
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // The polyfill is only for browsers without modulepreload; Chromium has it.
    modulePreload: { polyfill: false },
    // Inlined assets would be data: URLs; keep every asset a file from 'self'.
    assetsInlineLimit: 0,
    sourcemap: true,
    target: 'chrome120',
  },
});
