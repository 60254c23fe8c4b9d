/* eslint-disable @typescript-eslint/no-require-imports */
// Test worker: wraps the real parse worker (workerData.realWorker). A content job for a message with id
// "hang" spins forever; "crash" throws out of the thread. Its listener runs before the real worker's.
// workerData.control (an Int32Array over a SharedArrayBuffer, shared by every worker of a test; see
// WorkerControl in worker-bundle.ts) lets a test hold things up:
// - workers are numbered 1, 2, … as they start; one whose number is in workerData.heldStarts loads the real
//   worker (and so says it is ready) only once the test opens the start gate: never, if the test never does;
// - a content job for "busy" marks its worker busy and holds it until the test opens the job gate.
const { parentPort, workerData } = require('node:worker_threads');

const control = workerData.control;
const COUNT = 0;
const START_GATE = 1;
const JOB_GATE = 2;
const BUSY = 3;

parentPort.on('message', (job) => {
  const id = job && job.message && job.message.id;
  if (id === 'hang') for (;;);
  if (id === 'crash') throw new Error('the parse worker crashed (test)');
  if (id === 'busy') {
    Atomics.store(control, BUSY, 1);
    Atomics.wait(control, JOB_GATE, 0);
  }
});

const number = control ? Atomics.add(control, COUNT, 1) + 1 : 0;
if ((workerData.heldStarts || []).includes(number)) {
  // The message listener above keeps the thread alive while it waits.
  const poll = setInterval(() => {
    if (Atomics.load(control, START_GATE) === 0) return;
    clearInterval(poll);
    require(workerData.realWorker);
  }, 10);
} else require(workerData.realWorker);
