/**
 * The app's message parser on real worker threads (the worker built with the app's own esbuild options):
 * the same answers as parsing on this thread, the parse off the main thread, and a worker that hangs, crashes or
 * never gets ready costs the messages waiting on it a clear error while the next one still opens. A worker slow
 * to start is left to finish starting and serves the messages after.
 */
import { threadId } from 'node:worker_threads';
import fc from 'fast-check';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { WORDING } from '../../../electron/core/errors.js';
import { memoryLogger } from '../../../electron/core/logging.js';
import type { RawMessage } from '../../../electron/core/message/message-content.js';
import { inThreadMessageParser } from '../../../electron/core/message/message-parser.js';
import {
  createWorkerMessageParser,
  type WorkerMessageParser,
  type WorkerParserOptions,
} from '../../../electron/core/message/worker-parser.js';
import { buildRawMessage } from '../../../electron/google-emulator/mime.js';
import { rawMessage } from '../../unit/renderer/fake-glance.js';
import {
  BIG_INLINE_IMAGE,
  LEGACY_CHARSETS,
  PNG,
  RTLO_ATTACHMENT,
  WITH_PARTS,
} from '../../unit/core/message/mime-fixtures.js';
import { longestBlock } from './event-loop.js';
import { builtMessageWorker, FAULTY_WORKER, workerControl } from './worker-bundle.js';

/** The reader's fixtures and the emulator's mail. */
const FIXTURES: Record<string, string> = {
  'parts, inline cid image, attachment': rawMessage(WITH_PARTS),
  'RTLO attachment name': rawMessage(RTLO_ATTACHMENT),
  'large inline image': rawMessage(BIG_INLINE_IMAGE),
  'legacy charsets': rawMessage(LEGACY_CHARSETS),
  '5,000 recipients': rawMessage(
    `From: a@example.com\nTo: ${Array.from({ length: 5000 }, (_, i) => `Person ${i} <p${i}@example.com>`).join(', ')}\nSubject: All hands\nContent-Type: text/plain\n\nHi\n`,
  ),
  'body over the first limit': rawMessage(
    `From: a@example.com\nSubject: Long\nContent-Type: text/html; charset=utf-8\n\n${'<p>long line of mail</p>\n'.repeat(90_000)}<p id="end">The end</p>\n`,
  ),
  'not MIME at all': Buffer.from('just some bytes\u0000\u00ff without headers').toString('base64url'),
  'emulator mail: text, html, inline image, attachments': buildRawMessage({
    from: { name: 'Someone', email: 'someone@example.com' },
    to: [{ name: 'Alex Rivera', email: 'alex@example.com' }],
    subject: 'Zürich — €',
    subjectCharset: 'windows-1252',
    date: Date.UTC(2026, 10, 25),
    messageId: 'm1@mail.emulator.example',
    text: { content: 'Grüße aus Zürich', charset: 'iso-8859-2' },
    html: { content: '<p>Grüße <img src="cid:pic@x"></p>', charset: 'utf-8' },
    inlineImages: [{ cid: 'pic@x', filename: 'pic.png', mimeType: 'image/png', data: Buffer.from(PNG, 'base64') }],
    attachments: [
      { filename: 'report.pdf', mimeType: 'application/pdf', data: Buffer.from('%PDF-1.4 report') },
      { filename: '../../evil.dll', mimeType: 'application/octet-stream', data: new Uint8Array(3000).fill(9) },
    ],
  }).toString('base64url'),
};

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const message = (id: string, raw: string): RawMessage => ({ id, threadId: `t-${id}`, labelIds: ['INBOX'], raw });

let realWorker = '';
let parser: WorkerMessageParser | null = null;
const parsers = (options: Partial<WorkerParserOptions> = {}) => {
  parser = createWorkerMessageParser({ workerPath: realWorker, ...options });
  return parser;
};

beforeAll(async () => {
  realWorker = await builtMessageWorker();
}, 60_000);

afterEach(async () => {
  await parser?.close();
  parser = null;
});

/** The same call on both parsers: equal answers, or the same failure. */
async function settle<T>(call: () => Promise<T>) {
  try {
    return { value: await call() };
  } catch (error) {
    return { failed: (error as Error).name };
  }
}

describe('the message parse worker', () => {
  it('answers exactly as the in-thread parse on the reader’s fixtures, attachments byte for byte', async () => {
    const worker = parsers();
    for (const [name, raw] of Object.entries(FIXTURES)) {
      for (const whole of [false, true]) {
        const expected = await settle(() => inThreadMessageParser.content(message(name, raw), { whole }));
        expect(await settle(() => worker.content(message(name, raw), { whole })), name).toEqual(expected);
      }
      // Each part byte for byte, and the one past the last (none: null) where there are parts.
      const count =
        (await settle(() => inThreadMessageParser.content(message(name, raw)))).value?.attachments.length ?? 0;
      for (let index = 0; index < count + (count > 0 ? 1 : 0); index += 1) {
        const expected = await inThreadMessageParser.attachment(raw, index);
        const got = await worker.attachment(raw, index);
        expect(got === null ? null : { ...got, bytes: Buffer.from(got.bytes) }, `${name} #${index}`).toEqual(
          expected === null ? null : { ...expected, bytes: Buffer.from(expected.bytes) },
        );
      }
    }
    expect(worker.stats.parsedOnThreads.size).toBeGreaterThan(0);
    expect(worker.stats.parsedOnThreads.has(threadId)).toBe(false);
  }, 120_000);

  it('answers as the in-thread parse on generated MIME (multiparts, encodings, charsets, broken input)', async () => {
    const worker = parsers();
    const header = fc.constantFrom('text/plain', 'text/html', 'application/pdf', 'image/png', 'message/rfc822');
    const encoding = fc.constantFrom('7bit', 'base64', 'quoted-printable', 'x-unknown');
    const charset = fc.constantFrom('utf-8', 'windows-1252', 'iso-8859-2', 'koi8-r', 'x-bogus');
    const part = fc.record({ type: header, encoding, charset, body: fc.string({ maxLength: 200 }), name: fc.string() });
    await fc.assert(
      fc.asyncProperty(fc.array(part, { maxLength: 5 }), fc.boolean(), async (parts, closeBoundary) => {
        const body = parts
          .map(
            (p) =>
              `--b\nContent-Type: ${p.type}; charset=${p.charset}; name="${p.name}"\nContent-Transfer-Encoding: ${p.encoding}\n\n${p.body}\n`,
          )
          .join('');
        const raw = rawMessage(
          `From: a@example.com\nSubject: Generated\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b"\n\n${body}${closeBoundary ? '--b--\n' : ''}`,
        );
        const expected = await settle(() => inThreadMessageParser.content(message('g', raw)));
        expect(await settle(() => worker.content(message('g', raw)))).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  }, 120_000);

  it('parses a 50 MB message off the main thread: the event loop keeps turning meanwhile', async () => {
    const worker = parsers();
    const attachment = Buffer.alloc(49 * 1024 * 1024, 0x5a);
    const raw = buildRawMessage({
      from: { name: 'Someone', email: 'someone@example.com' },
      to: [{ name: 'Alex Rivera', email: 'alex@example.com' }],
      subject: 'Archive',
      date: Date.UTC(2026, 10, 25),
      messageId: 'big@mail.emulator.example',
      text: { content: 'Quarterly archive attached. '.repeat(36_000), charset: 'utf-8' },
      attachments: [{ filename: 'archive.bin', mimeType: 'application/octet-stream', data: attachment }],
    }).toString('base64url');
    await worker.content(message('warm-up', FIXTURES['not MIME at all']!));
    const started = performance.now();
    const { value, maxBlockedMs } = await longestBlock(async () => ({
      content: await worker.content(message('big', raw)),
      part: await worker.attachment(raw, 0),
    }));
    const elapsed = performance.now() - started;
    const { content, part } = value;
    console.info(
      `50 MB message, open + part on the worker: ${Math.round(elapsed)} ms, main thread blocked at most ${Math.round(maxBlockedMs)} ms`,
    );
    expect(content.attachments[0]).toMatchObject({ filename: 'archive.bin', size: attachment.length });
    expect(part!.bytes.byteLength).toBe(attachment.length);
    // The proof is structural: the parse ran on a worker thread, never this one. How long this thread was held
    // (decoding the source a slice at a time) is a number for the bench (parse-blocking), not a bound here,
    // where a loaded machine stretches every slice.
    expect(worker.stats.parsedOnThreads.has(threadId)).toBe(false);
  }, 120_000);

  it('abandons a parse past its time limit with a clear error; the next message still opens', async () => {
    const worker = parsers({ workerPath: FAULTY_WORKER, workerData: { realWorker }, timeLimitMs: 1500, workers: 1 });
    const raw = FIXTURES['parts, inline cid image, attachment']!;
    const opened = worker.content(message('ok', raw));
    await expect(opened).resolves.toMatchObject({ id: 'ok' });
    await expect(worker.content(message('hang', raw))).rejects.toThrow(WORDING.messageTooComplex);
    await expect(worker.content(message('ok-after', raw))).resolves.toMatchObject({
      id: 'ok-after',
      subject: 'Plans — Q4',
    });
    expect(worker.stats.started).toBe(2);
  }, 30_000);

  it('a crashed worker costs one message a clear error; the next message opens on a new worker', async () => {
    const worker = parsers({ workerPath: FAULTY_WORKER, workerData: { realWorker }, workers: 1 });
    const raw = FIXTURES['parts, inline cid image, attachment']!;
    // Queued behind the crash, on the same single worker: it waits for the replacement and opens.
    const crashed = worker.content(message('crash', raw));
    const next = worker.content(message('next', raw));
    await expect(crashed).rejects.toThrow(WORDING.messageParseFailed);
    await expect(next).resolves.toMatchObject({ id: 'next', subject: 'Plans — Q4' });
    expect(worker.stats.started).toBe(2);
  }, 30_000);

  it('a message waiting for a worker still starting fails after its own wait, not with the one asked for before it', async () => {
    const control = workerControl([1]);
    const worker = parsers({
      workerPath: FAULTY_WORKER,
      workerData: { realWorker, ...control.workerData },
      startWaitLimitMs: 400,
      workers: 1,
    });
    const raw = FIXTURES['parts, inline cid image, attachment']!;
    const first = worker.content(message('first', raw));
    // Asked for well into the first one's wait.
    await pause(200);
    const second = worker.content(message('second', raw));
    let secondSettled = false;
    void second.then(
      () => (secondSettled = true),
      () => (secondSettled = true),
    );
    await expect(first).rejects.toThrow(WORDING.messageParseFailed);
    expect(secondSettled).toBe(false);
    await expect(second).rejects.toThrow(WORDING.messageParseFailed);
    // Both waited for the one worker, which was left to go on starting.
    expect(worker.stats.started).toBe(1);
  }, 30_000);

  it('a worker slow to start is not stopped with the messages that gave up on it: once ready it serves the next', async () => {
    const control = workerControl([1]);
    const worker = parsers({
      workerPath: FAULTY_WORKER,
      workerData: { realWorker, ...control.workerData },
      startWaitLimitMs: 300,
      workers: 1,
    });
    const raw = FIXTURES['parts, inline cid image, attachment']!;
    await expect(worker.content(message('first', raw))).rejects.toThrow(WORDING.messageParseFailed);
    control.openStartGate();
    await vi.waitFor(() => expect(worker.stats.ready).toBe(1), { timeout: 20_000 });
    await expect(worker.content(message('next', raw))).resolves.toMatchObject({ id: 'next', subject: 'Plans — Q4' });
    expect(worker.stats.started).toBe(1);
  }, 30_000);

  it('a worker that never gets ready is stopped at its start-up limit, after the messages gave up on it; the next message starts a fresh one', async () => {
    const control = workerControl([1]);
    const logger = memoryLogger();
    const worker = parsers({
      workerPath: FAULTY_WORKER,
      workerData: { realWorker, ...control.workerData },
      startWaitLimitMs: 200,
      // The fresh worker started after it has this limit too: well above a start on a loaded machine (with
      // 800 ms, a run under heavy load waited in vain for the fresh worker to get ready).
      startTimeLimitMs: 5_000,
      workers: 1,
      logger,
    });
    const stopped = () => logger.lines.some((line) => line.includes('did not start in time'));
    const raw = FIXTURES['parts, inline cid image, attachment']!;
    await expect(worker.content(message('first', raw))).rejects.toThrow(WORDING.messageParseFailed);
    expect(stopped()).toBe(false);
    await vi.waitFor(() => expect(stopped()).toBe(true), { timeout: 20_000 });
    expect(worker.stats.started).toBe(1);
    // The next message starts a fresh worker (on a loaded machine its start may outlast this short wait: the
    // message's outcome is not the point here), which then opens messages.
    const next = settle(() => worker.content(message('next', raw)));
    await vi.waitFor(() => expect(worker.stats.started).toBe(2));
    await vi.waitFor(() => expect(worker.stats.ready).toBe(1), { timeout: 20_000 });
    await next;
    await expect(worker.content(message('after', raw))).resolves.toMatchObject({ id: 'after', subject: 'Plans — Q4' });
    expect(worker.stats.started).toBe(2);
  }, 30_000);

  it('while the second worker is still starting, a message waits on for the busy first one and opens on it', async () => {
    const control = workerControl([2]);
    const worker = parsers({
      workerPath: FAULTY_WORKER,
      workerData: { realWorker, ...control.workerData },
      startWaitLimitMs: 300,
      workers: 2,
    });
    const raw = FIXTURES['parts, inline cid image, attachment']!;
    try {
      // The first worker, ready (on a loaded machine its start may outlast the warm-up's short wait; it goes on
      // starting all the same).
      await settle(() => worker.content(message('warm-up', raw)));
      await vi.waitFor(() => expect(worker.stats.ready).toBe(1), { timeout: 20_000 });
      const busy = worker.content(message('busy', raw));
      await vi.waitFor(() => expect(control.busy()).toBe(true), { timeout: 20_000 });
      const waiting = worker.content(message('waiting', raw));
      let settled = false;
      void waiting.then(
        () => (settled = true),
        () => (settled = true),
      );
      await vi.waitFor(() => expect(worker.stats.started).toBe(2));
      // Well past its wait: it is still waiting, for the busy worker.
      await pause(1000);
      expect(settled).toBe(false);
      control.openJobGate();
      await expect(busy).resolves.toMatchObject({ id: 'busy' });
      await expect(waiting).resolves.toMatchObject({ id: 'waiting', subject: 'Plans — Q4' });
      expect(worker.stats.started).toBe(2);
      expect(worker.stats.ready).toBe(1);
      expect(worker.stats.parsedOnThreads.size).toBe(1);
    } finally {
      control.openJobGate();
    }
  }, 30_000);

  it('says so, without restarting in a loop, when the worker file cannot start', async () => {
    const worker = parsers({ workerPath: `${realWorker}.missing` });
    const raw = FIXTURES['parts, inline cid image, attachment']!;
    await expect(worker.content(message('a', raw))).rejects.toThrow(WORDING.messageParseFailed);
    await expect(worker.content(message('b', raw))).rejects.toThrow(WORDING.messageParseFailed);
    expect(worker.stats.started).toBe(2);
  }, 30_000);

  it('rejects what is pending when closed (the app quits)', async () => {
    const worker = parsers({ workerPath: FAULTY_WORKER, workerData: { realWorker }, workers: 1 });
    const pending = expect(worker.content(message('hang', FIXTURES['not MIME at all']!))).rejects.toThrow(
      WORDING.messageParseFailed,
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    await worker.close();
    await pending;
    await expect(worker.content(message('late', FIXTURES['not MIME at all']!))).rejects.toThrow(
      WORDING.messageParseFailed,
    );
  });
});
