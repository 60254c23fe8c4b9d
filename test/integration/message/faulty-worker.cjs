/* eslint-disable @typescript-eslint/no-require-imports */
// Test worker: wraps the real parse worker (workerData.realWorker). A content job for a message with id
// "hang" spins forever; "crash" throws out of the thread. Its listener runs before the real worker's.
const { parentPort, workerData } = require('node:worker_threads');

parentPort.on('message', (job) => {
  const id = job && job.message && job.message.id;
  if (id === 'hang') for (;;);
  if (id === 'crash') throw new Error('the parse worker crashed (test)');
});
require(workerData.realWorker);
