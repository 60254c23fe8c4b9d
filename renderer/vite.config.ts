import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const CSP_META = /<meta\s+http-equiv="Content-Security-Policy"[^>]*>\s*/i;

/**
 * In `npm run dev` the strict meta policy would block Vite's inline React-refresh preamble; the Electron
 * main process sends the development policy as a header instead. Built pages keep the meta tag.
 */
function devServerWithoutMetaCsp(): Plugin {
  return {
    name: 'glance-dev-csp',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace(CSP_META, ''),
  };
}

// The renderer is loaded from glance://app/ in the app and from 127.0.0.1 in tests, so every
// asset URL is relative (`base: './'`).
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [react(), devServerWithoutMetaCsp()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // No inline <script> or data: module preloads: the page's CSP allows scripts from 'self' only.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
  },
});
