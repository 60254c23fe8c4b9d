/**
 * How long opening and saving from a 50 MB message (a 49 MB attachment, 1 MB of text) holds up the main
 * thread, parsed on this thread (as before) and on the parse worker (as the app does now), with the peak
 * memory of the process while saving. Run alone: `npx tsx test/bench/parse-blocking.ts`.
 * The save is timed from the parsed part to the file on disk, as the core does it (dialog aside).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MessageParser } from '../../electron/core/message/message-parser.js';
import { inThreadMessageParser } from '../../electron/core/message/message-parser.js';
import { createWorkerMessageParser } from '../../electron/core/message/worker-parser.js';
import { chunksOf, writeFileAtomic, writeStreamAtomic } from '../../electron/core/storage/atomic-file.js';
import { buildRawMessage } from '../../electron/google-emulator/mime.js';
import { longestBlock } from '../integration/message/event-loop.js';
import { builtMessageWorker } from '../integration/message/worker-bundle.js';

const MB = 1024 * 1024;

function fiftyMegabyteMessage(): string {
  const attachment = Buffer.alloc(49 * MB);
  for (let offset = 0; offset < attachment.length; offset += 4)
    attachment.writeUInt32LE((offset * 2654435761) >>> 0, offset);
  return buildRawMessage({
    from: { name: 'Someone', email: 'someone@example.com' },
    to: [{ name: 'Alex Rivera', email: 'alex@example.com' }],
    subject: 'Archive',
    date: Date.UTC(2026, 10, 25),
    messageId: 'archive@mail.emulator.example',
    text: { content: 'Quarterly archive attached. '.repeat(36_000), charset: 'utf-8' },
    attachments: [{ filename: 'archive.bin', mimeType: 'application/octet-stream', data: attachment }],
  }).toString('base64url');
}

interface Measured {
  wallMs: number;
  maxBlockedMs: number;
  peakRssMb: number;
  peakMainHeapMb: number;
}

async function measure(run: () => Promise<unknown>): Promise<Measured> {
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed + usage.arrayBuffers);
  };
  const sampler = setInterval(sample, 5);
  const started = performance.now();
  const { maxBlockedMs } = await longestBlock(async () => {
    await run();
    sample();
  });
  const wallMs = performance.now() - started;
  clearInterval(sampler);
  return {
    wallMs: Math.round(wallMs),
    maxBlockedMs: Math.round(maxBlockedMs),
    peakRssMb: Math.round(peakRss / MB),
    peakMainHeapMb: Math.round(peakHeap / MB),
  };
}

async function settle(): Promise<void> {
  (globalThis as { gc?: () => void }).gc?.();
  await new Promise((resolve) => setTimeout(resolve, 500));
}

async function main(): Promise<void> {
  const raw = fiftyMegabyteMessage();
  const message = { id: 'm', threadId: 't', labelIds: ['INBOX'], raw };
  const folder = await mkdtemp(join(tmpdir(), 'glance-parse-bench-'));
  const worker = createWorkerMessageParser({ workerPath: await builtMessageWorker() });
  const rows: Array<Record<string, unknown>> = [];
  const runs: Array<[string, MessageParser, 'whole-file' | 'streamed']> = [
    ['this thread (before)', inThreadMessageParser, 'whole-file'],
    ['parse worker (now)', worker, 'streamed'],
  ];
  for (const [where, parser, write] of runs) {
    await parser.content({ ...message, raw: Buffer.from('Subject: warm-up\r\n\r\nx').toString('base64url') });
    await settle();
    rows.push({ where, step: 'open (message:get)', ...(await measure(() => parser.content(message))) });
    await settle();
    const target = join(folder, `${write}.bin`);
    rows.push({
      where,
      step: `save (${write})`,
      ...(await measure(async () => {
        const part = await parser.attachment(raw, 0);
        if (!part) throw new Error('no part');
        if (write === 'whole-file') await writeFileAtomic(target, part.bytes, { mode: 0o644 });
        else await writeStreamAtomic(target, chunksOf(part.bytes), { mode: 0o644 });
      })),
    });
    await settle();
  }
  await worker.close();
  await rm(folder, { recursive: true, force: true });
  console.table(rows);
}

await main();
