/**
 * The Google emulator in a worker thread, for the bench row that weighs the core's heap: a worker has a V8
 * heap of its own, so the emulator's 30,000 generated messages do not count as Glance's memory. The main
 * thread gets the endpoints and asks for the request log by message.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { startGoogleEmulator, type EmulatorOptions } from '../../electron/google-emulator/index.js';

export type WorkerRequest = { type: 'log' } | { type: 'resetLog' } | { type: 'close' };

const emulator = await startGoogleEmulator(workerData as EmulatorOptions);
parentPort!.postMessage({
  type: 'ready',
  origin: emulator.origin,
  endpoints: emulator.endpoints,
  defaultClient: emulator.defaultClient,
  users: emulator.users(),
});
parentPort!.on('message', (request: WorkerRequest) => {
  if (request.type === 'log') parentPort!.postMessage({ type: 'log', log: emulator.requestLog });
  else if (request.type === 'resetLog') {
    emulator.resetLog();
    parentPort!.postMessage({ type: 'resetLog' });
  } else {
    void emulator.close().then(() => parentPort!.postMessage({ type: 'closed' }));
  }
});
