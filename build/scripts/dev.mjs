#!/usr/bin/env node
// `npm run dev`: Vite's dev server for the renderer (hot reload) + esbuild watching the main process and
// preload + Electron pointed at the dev server. Restarts Electron when the main process or preload
// changes. Needs the Electron binary (see start.mjs for what to do when it is missing).
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import { watchElectron } from './build-electron.mjs';
import { ensureElectronBinary } from './electron-binary.mjs';
import { ensureStoreBindingForElectron } from './store-native.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { binary, line } = await ensureElectronBinary();
if (!binary) {
  console.error(line);
  console.error('\nTo work on the renderer without Electron: npx vite --config renderer/vite.config.ts');
  process.exit(1);
}
// The local store's native module for Electron (built once into dist/native/; one line if it cannot be).
await ensureStoreBindingForElectron();

const server = await createServer({
  configFile: join(root, 'renderer', 'vite.config.ts'),
  server: { host: '127.0.0.1', port: 5173, strictPort: false },
});
await server.listen();
const devUrl = server.resolvedUrls?.local[0];
if (!devUrl) throw new Error('Vite did not report its URL.');
console.log(`Renderer dev server: ${devUrl}`);

let electron = null;
let restarting = false;
function startElectron() {
  electron = spawn(binary, [root], { stdio: 'inherit', env: { ...process.env, GLANCE_DEV_SERVER_URL: devUrl } });
  electron.on('exit', (code) => {
    if (restarting) return;
    // The person closed the app: stop everything.
    void shutdown(code ?? 0);
  });
}

let timer = null;
const stopWatching = await watchElectron(() => {
  // Both bundles report; restart once they are both done.
  clearTimeout(timer);
  timer = setTimeout(() => {
    if (!electron) return startElectron();
    restarting = true;
    electron.once('exit', () => {
      restarting = false;
      startElectron();
    });
    electron.kill();
  }, 200);
});

async function shutdown(code) {
  await stopWatching();
  await server.close();
  process.exit(code);
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => void shutdown(0));
