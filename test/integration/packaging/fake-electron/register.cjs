/* eslint-disable @typescript-eslint/no-require-imports */
// Preloaded with `node --require` before dist/main/main.cjs: makes require('electron') return the fake
// Electron next to this file and require('keytar') an in-memory keychain (the OS keychain has its own
// tests). Everything else — the bundled main process, the core, the demo Google — is the real code.
const Module = require('node:module');
const path = require('node:path');

const fakes = {
  electron: path.join(__dirname, 'electron.cjs'),
  keytar: path.join(__dirname, 'keytar.cjs'),
};
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (Object.hasOwn(fakes, request)) return fakes[request];
  return resolve.call(this, request, ...rest);
};

// FAKE_ELECTRON_PLATFORM=darwin|win32 runs the macOS or Windows branches of the main process (Node's path
// module keeps this machine's separators; the main process only joins paths it got from the fake).
if (process.env.FAKE_ELECTRON_PLATFORM)
  Object.defineProperty(process, 'platform', { value: process.env.FAKE_ELECTRON_PLATFORM, configurable: true });
