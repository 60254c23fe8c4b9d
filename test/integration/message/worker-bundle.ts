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
 * as long on every machine. With `workerControl`, it also starts late or holds a message until the test says.
 */
export const FAULTY_WORKER = resolve('test/integration/message/faulty-worker.cjs');

/**
 * What a test shares with every FAULTY_WORKER it starts (pass `control` and `heldStarts` in workerData): which
 * workers wait to start until `openStartGate`, and a "busy" message that holds its worker until `openJobGate`.
 */
export function workerControl(heldStarts: number[] = []) {
  const control = new Int32Array(new SharedArrayBuffer(4 * Int32Array.BYTES_PER_ELEMENT));
  const open = (gate: number) => {
    Atomics.store(control, gate, 1);
    Atomics.notify(control, gate);
  };
  return {
    workerData: { control, heldStarts },
    openStartGate: () => open(1),
    openJobGate: () => open(2),
    /** A worker is holding a "busy" message. */
    busy: () => Atomics.load(control, 3) === 1,
  };
}
