#!/usr/bin/env node
// `npm start` (after `npm run build`): runs the built app with Electron, or explains what to do when the
// Electron binary is missing instead of Electron's download stack trace. Builds the local store's native
// module for Electron first when it is missing (store-native.mjs).
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureElectronBinary } from './electron-binary.mjs';
import { ensureStoreBindingForElectron } from './store-native.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { binary, line } = await ensureElectronBinary();
if (!binary) {
  console.error(line);
  process.exit(1);
}
// The local store's native module for Electron (built once into dist/native/; one line if it cannot be).
await ensureStoreBindingForElectron();
const child = spawn(binary, [root, ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
