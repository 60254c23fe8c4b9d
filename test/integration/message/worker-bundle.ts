/**
 * The parse worker as the app ships it: built with the app's own esbuild options (bundleOptions().messageWorker
 * in build/scripts/build-electron.mjs) into a temp folder, once per test process. Node tests and the e2e harness
 * run the real worker thread from it; `npm run build` is not needed first.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type BuildOptions } from 'esbuild';
import { MESSAGE_WORKER_FILE } from '../../../electron/core/message/worker-parser.js';

let built: Promise<string> | undefined;

/** The path of the built dist/main/message-worker.cjs equivalent. */
export function builtMessageWorker(): Promise<string> {
  built ??= (async () => {
    const { bundleOptions } = (await import(pathToFileURL(resolve('build/scripts/build-electron.mjs')).href)) as {
      bundleOptions: () => { messageWorker: BuildOptions };
    };
    const outfile = join(await mkdtemp(join(tmpdir(), 'glance-worker-')), MESSAGE_WORKER_FILE);
    await build({ ...bundleOptions().messageWorker, outfile });
    return outfile;
  })();
  return built;
}

/**
 * A worker that runs the real one but, for a message whose id says so, first hangs or crashes its thread:
 * how tests make a parse run past its time limit or a worker die, without a hostile message that would take
 * as long on every machine.
 */
export const FAULTY_WORKER = resolve('test/integration/message/faulty-worker.cjs');
