import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// This file runs in Node (Vite's config loader keeps import.meta.url pointing here), but it lives in
// renderer/, whose lint boundary forbids Node imports — so the file URL becomes a path by hand.
const rendererUrlPath = decodeURIComponent(new URL('.', import.meta.url).pathname);
const rendererRoot = /^\/[A-Za-z]:\//.test(rendererUrlPath) ? rendererUrlPath.slice(1) : rendererUrlPath;

// The renderer is loaded from file:// in the packaged app and from 127.0.0.1 in tests, so every
// asset URL is relative (`base: './'`).
export default defineConfig({
  root: rendererRoot,
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // No inline <script> or data: module preloads: the page's CSP allows scripts from 'self' only.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
  },
});
