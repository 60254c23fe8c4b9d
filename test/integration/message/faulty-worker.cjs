/* eslint-disable @typescript-eslint/no-require-imports */
// Test worker: wraps the real parse worker (workerData.realWorker). A content job for a message with id
// "hang" spins forever; "crash" throws out of the thread. Its listener runs before the real worker's.
// With workerData.stalledStarts (an Int32Array over a SharedArrayBuffer, shared by every worker of a test), that
// many workers start but never load the real one, so they never say they are ready.
const { parentPort, workerData } = require('node:worker_threads');

parentPort.on('message', (job) => {
  const id = job && job.message && job.message.id;
  if (id === 'hang') for (;;);
  if (id === 'crash') throw new Error('the parse worker crashed (test)');
});
const stalled = workerData.stalledStarts && Atomics.sub(workerData.stalledStarts, 0, 1) > 0;
// The message listener above keeps a stalled thread alive.
if (!stalled) require(workerData.realWorker);
