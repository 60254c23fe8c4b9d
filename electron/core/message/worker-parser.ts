/**
 * The app's MessageParser: messages are parsed on worker threads (message-worker.ts), so opening or saving
 * from a 50 MB message never blocks the main process. A small pool, started on first use; a worker that
 * crashes is replaced for the next message, and a parse that runs past its time limit is abandoned (its
 * worker terminated) with an error the reader shows. A worker that does not say it is ready within its start-up
 * time limit is terminated too, so the messages waiting for it fail instead of waiting for ever. Idle workers
 * never keep the process alive.
 */
import { Worker } from 'node:worker_threads';
import type { MessageContent } from '../../shared/ipc-contract.js';
import { MessageParseFailedError, MessageTooComplexError } from '../errors.js';
import type { Logger } from '../logging.js';
import type { AttachmentPart, ContentOptions, RawMessage } from './message-content.js';
import { sourceBytes, type MessageParser, type ParseJob, type ParseReply } from './message-parser.js';

/** The built worker's file name, beside the main bundle (dist/main/, see build/scripts/build-electron.mjs). */
export const MESSAGE_WORKER_FILE = 'message-worker.cjs';

/** Parsing a 50 MB message takes a few seconds on a slow, busy machine; anything far beyond is hostile. */
export const DEFAULT_PARSE_TIME_LIMIT_MS = 30_000;
/**
 * A worker loads only the parse code before it says it is ready (well under a second); one still silent after
 * this long is stuck, and the messages waiting for it fail instead of waiting for ever.
 */
export const DEFAULT_WORKER_START_TIME_LIMIT_MS = 10_000;
/** Two messages parse at once (one slow message does not hold up the next); each idle worker costs ~10 MB. */
export const DEFAULT_PARSE_WORKERS = 2;

export interface WorkerParserOptions {
  /** The built worker script (dist/main/message-worker.cjs; Electron loads it from inside app.asar). */
  workerPath: string;
  /** Passed to the worker as `workerData` (tests wrap the real worker with it). */
  workerData?: unknown;
  timeLimitMs?: number;
  /** How long a new worker has to say it is ready (tests shorten it). */
  startTimeLimitMs?: number;
  workers?: number;
  logger?: Logger;
}

type JobInput = ParseJob extends infer J ? (J extends ParseJob ? Omit<J, 'id'> : never) : never;

interface PendingJob {
  id: number;
  input: JobInput;
  transfer: ArrayBuffer[];
  resolve(value: unknown): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  job: PendingJob | null;
  /** Until ready: the start-up time limit; then the running job's time limit. */
  timer: ReturnType<typeof setTimeout> | null;
}

export interface WorkerMessageParser extends MessageParser {
  /** Which threads parsed so far (worker thread ids): tests prove the parse left the main thread. */
  readonly stats: { started: number; parsedOnThreads: Set<number> };
}

export function createWorkerMessageParser(options: WorkerParserOptions): WorkerMessageParser {
  const timeLimitMs = options.timeLimitMs ?? DEFAULT_PARSE_TIME_LIMIT_MS;
  const startTimeLimitMs = options.startTimeLimitMs ?? DEFAULT_WORKER_START_TIME_LIMIT_MS;
  const maxWorkers = Math.max(1, options.workers ?? DEFAULT_PARSE_WORKERS);
  const slots = new Set<Slot>();
  const queue: PendingJob[] = [];
  const stats = { started: 0, parsedOnThreads: new Set<number>() };
  let nextId = 1;
  let closed = false;

  const retire = (slot: Slot, error: Error | null) => {
    if (!slots.delete(slot)) return;
    if (slot.timer) clearTimeout(slot.timer);
    const job = slot.job;
    slot.job = null;
    void slot.worker.terminate();
    if (job && error) job.reject(error);
    // A worker that could not even start (its file missing or broken) fails the next message instead of
    // being restarted in a loop.
    else if (!slot.ready && error) queue.shift()?.reject(error);
    pump();
  };

  const start = (): Slot => {
    const worker = new Worker(options.workerPath, {
      workerData: options.workerData,
      // A parse never needs the person's environment.
      env: {},
      stdout: false,
      stderr: false,
    });
    stats.started += 1;
    const slot: Slot = { worker, ready: false, job: null, timer: null };
    slots.add(slot);
    slot.timer = setTimeout(() => {
      if (slot.ready || !slots.has(slot)) return;
      options.logger?.warn('The message parse worker did not start in time; it was stopped', { startTimeLimitMs });
      // Failed rather than retried on a new worker: they have waited the whole limit already, and a worker that
      // could not start on this machine just now would likely keep them waiting as long again. With no other
      // worker left to take them, every waiting message fails now; the next message starts a fresh worker.
      if (slots.size === 1) for (const job of queue.splice(0)) job.reject(new MessageParseFailedError());
      retire(slot, null);
    }, startTimeLimitMs);
    worker.on('message', (reply: ParseReply) => {
      if (reply.kind === 'ready') {
        if (!slots.has(slot)) return;
        if (slot.timer) clearTimeout(slot.timer);
        slot.timer = null;
        slot.ready = true;
        pump();
        if (slot.job === null) worker.unref();
        return;
      }
      const job = slot.job;
      if (!job || job.id !== reply.id) return;
      if (slot.timer) clearTimeout(slot.timer);
      slot.timer = null;
      slot.job = null;
      worker.unref();
      stats.parsedOnThreads.add(worker.threadId);
      if (reply.kind === 'done') job.resolve(reply.value);
      else job.reject(Object.assign(new Error(reply.error.message), { name: reply.error.name }));
      pump();
    });
    const crashed = (reason: string) => {
      options.logger?.warn('The message parse worker stopped; starting a new one for the next message', { reason });
      retire(slot, new MessageParseFailedError());
    };
    worker.on('error', (error) => crashed(error.name));
    worker.on('messageerror', () => crashed('messageerror'));
    worker.on('exit', (code) => {
      if (slots.has(slot)) crashed(`exit ${code}`);
    });
    // Kept referenced while it starts: a message waits for it. Unreferenced whenever it is idle.
    return slot;
  };

  const pump = () => {
    while (queue.length > 0 && !closed) {
      const slot = [...slots].find((candidate) => candidate.ready && candidate.job === null);
      if (!slot) {
        // A worker still starting takes the next job when it is ready.
        if ([...slots].some((candidate) => !candidate.ready)) return;
        if (slots.size >= maxWorkers) return;
        try {
          start();
        } catch (error) {
          options.logger?.warn('The message parse worker could not start', { reason: (error as Error).name });
          queue.shift()?.reject(new MessageParseFailedError());
          continue;
        }
        return;
      }
      const job = queue.shift()!;
      const running = slot;
      running.job = job;
      running.worker.ref();
      running.timer = setTimeout(() => {
        options.logger?.warn('A message took too long to parse; its parse was abandoned', { timeLimitMs });
        retire(running, new MessageTooComplexError());
      }, timeLimitMs);
      try {
        running.worker.postMessage({ ...job.input, id: job.id }, job.transfer);
      } catch (error) {
        retire(running, error instanceof Error ? error : new MessageParseFailedError());
      }
    }
  };

  const submit = <T>(input: JobInput, transfer: ArrayBuffer[]): Promise<T> => {
    if (closed) return Promise.reject(new MessageParseFailedError());
    return new Promise<T>((resolve, reject) => {
      queue.push({ id: nextId++, input, transfer, resolve: resolve as (value: unknown) => void, reject });
      pump();
    });
  };

  return {
    stats,
    async content(message: RawMessage, contentOptions: ContentOptions = {}): Promise<MessageContent> {
      const raw = await sourceBytes(message.raw);
      const source = { id: message.id, threadId: message.threadId, labelIds: message.labelIds, raw };
      return submit({ kind: 'content', message: source, options: contentOptions }, [raw.buffer as ArrayBuffer]);
    },
    async attachment(raw: string, index: number): Promise<AttachmentPart | null> {
      const bytes = await sourceBytes(raw);
      return submit({ kind: 'attachment', raw: bytes, index }, [bytes.buffer as ArrayBuffer]);
    },
    async close() {
      closed = true;
      for (const job of queue.splice(0)) job.reject(new MessageParseFailedError());
      await Promise.all(
        [...slots].map((slot) => {
          slots.delete(slot);
          if (slot.timer) clearTimeout(slot.timer);
          slot.job?.reject(new MessageParseFailedError());
          return slot.worker.terminate();
        }),
      );
    },
  };
}
