/**
 * The parse worker (bundled on its own as dist/main/message-worker.cjs): parses one message at a time with
 * message-content.ts, off the main process's thread. The source arrives as a transferred buffer; an
 * attachment's bytes go back the same way, so no whole copy of either is made on the main thread.
 */
import { parentPort } from 'node:worker_threads';
import { attachmentPart, messageContent, type AttachmentPart } from './message-content.js';
import type { ParseJob, ParseReply } from './message-parser.js';

const port = parentPort;
if (!port) throw new Error('message-worker must run as a worker thread');

async function run(job: ParseJob): Promise<{ reply: ParseReply; transfer: ArrayBuffer[] }> {
  if (job.kind === 'content') {
    const value = await messageContent(job.message, job.options);
    return { reply: { kind: 'done', id: job.id, value }, transfer: [] };
  }
  const part = await attachmentPart(job.raw, job.index);
  if (part === null) return { reply: { kind: 'done', id: job.id, value: null }, transfer: [] };
  const bytes = ownBuffer(part.bytes);
  const value: AttachmentPart = { ...part, bytes };
  return { reply: { kind: 'done', id: job.id, value }, transfer: [bytes.buffer as ArrayBuffer] };
}

/** The bytes in an ArrayBuffer holding nothing else, so transferring it moves exactly the part. */
function ownBuffer(bytes: Uint8Array): Uint8Array {
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer)
    return bytes;
  return bytes.slice();
}

port.on('message', (job: ParseJob) => {
  run(job).then(
    ({ reply, transfer }) => port.postMessage(reply, transfer),
    (error: unknown) => {
      // Only the error's name and postal-mime's own sentence: never the message's content.
      const failure =
        error instanceof Error
          ? { name: error.name, message: error.message }
          : { name: 'Error', message: 'parse failed' };
      port.postMessage({ kind: 'failed', id: job.id, error: failure } satisfies ParseReply);
    },
  );
});

port.postMessage({ kind: 'ready' } satisfies ParseReply);
