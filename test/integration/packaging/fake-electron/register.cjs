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
