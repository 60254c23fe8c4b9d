/**
 * The app's MessageParser: messages are parsed on worker threads (message-worker.ts), so opening or saving
 * from a 50 MB message never blocks the main process. A small pool, started on first use; a worker that
 * crashes is replaced for the next message, and a parse that runs past its time limit is abandoned (its
 * worker terminated) with an error the reader shows. A message that waits too long for a worker still starting
 * fails with the reader-stopped error (the person can try again), but the worker goes on starting: on a slow
 * machine it serves the messages after. Only a worker silent far longer is taken for stuck and replaced. Idle
 * workers never keep the process alive.
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
 * A worker loads only the parse code before it says it is ready (well under a second). A message waits this long
 * for a worker that is still starting, counted from when it was asked for, then fails instead of waiting for ever.
 */
export const DEFAULT_START_WAIT_LIMIT_MS = 10_000;
/**
 * A cold start on a slow machine (a virus scanner reading app.asar) can take longer than a message waits, so the
 * worker is not stopped with the messages that gave up on it; only one still silent after this long is stuck: it is
 * stopped, and the next message starts a fresh one.
 */
export const DEFAULT_WORKER_START_TIME_LIMIT_MS = 60_000;
/** Two messages parse at once (one slow message does not hold up the next); each idle worker costs ~10 MB. */
export const DEFAULT_PARSE_WORKERS = 2;

export interface WorkerParserOptions {
  /** The built worker script (dist/main/message-worker.cjs; Electron loads it from inside app.asar). */
  workerPath: string;
  /** Passed to the worker as `workerData` (tests wrap the real worker with it). */
  workerData?: unknown;
  timeLimitMs?: number;
  /** How long a message waits for a worker that is still starting (tests shorten it). */
  startWaitLimitMs?: number;
  /** How long a new worker has to say it is ready before it is stopped (tests shorten it). */
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
  /** While queued: when it has waited for a worker long enough (see waitForWorker). */
  waitTimer: ReturnType<typeof setTimeout> | null;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  job: PendingJob | null;
  /** Until ready: the start-up time limit; then the running job's time limit. */
  timer: ReturnType<typeof setTimeout> | null;
}

export interface WorkerMessageParser extends MessageParser {
  /**
   * Workers started and said ready, and which threads parsed so far (worker thread ids): tests prove the parse
   * left the main thread, and follow a worker's start.
   */
  readonly stats: { started: number; ready: number; parsedOnThreads: Set<number> };
}

export function createWorkerMessageParser(options: WorkerParserOptions): WorkerMessageParser {
  const timeLimitMs = options.timeLimitMs ?? DEFAULT_PARSE_TIME_LIMIT_MS;
  const startWaitLimitMs = options.startWaitLimitMs ?? DEFAULT_START_WAIT_LIMIT_MS;
  const startTimeLimitMs = options.startTimeLimitMs ?? DEFAULT_WORKER_START_TIME_LIMIT_MS;
  const maxWorkers = Math.max(1, options.workers ?? DEFAULT_PARSE_WORKERS);
  const slots = new Set<Slot>();
  const queue: PendingJob[] = [];
  const stats = { started: 0, ready: 0, parsedOnThreads: new Set<number>() };
  let nextId = 1;
  let closed = false;

  /** Takes a job out of the queue (to run it, or to fail it); false when it was not there. */
  const dequeue = (job: PendingJob): boolean => {
    const index = queue.indexOf(job);
    if (index < 0) return false;
    queue.splice(index, 1);
    if (job.waitTimer) clearTimeout(job.waitTimer);
    job.waitTimer = null;
    return true;
  };
  const failNext = (error: Error) => {
    const job = queue[0];
    if (job && dequeue(job)) job.reject(error);
  };

  /**
   * A queued job's own deadline: nobody waits longer than the limit for a worker to start, even one queued just
   * before an earlier message gave up. A ready worker that is busy takes it when its parse ends (within the parse
   * time limit): it waits on, and is looked at again after another limit, in case that worker went and a start is
   * what it waits for now.
   */
  const waitForWorker = (job: PendingJob) => {
    job.waitTimer = setTimeout(() => {
      job.waitTimer = null;
      if (!queue.includes(job)) return;
      if ([...slots].some((slot) => slot.ready)) {
        waitForWorker(job);
        return;
      }
      dequeue(job);
      options.logger?.warn('A message waited too long for the parse worker to start', { startWaitLimitMs });
      job.reject(new MessageParseFailedError());
    }, startWaitLimitMs);
  };

  const retire = (slot: Slot, error: Error | null) => {
    if (!slots.delete(slot)) return;
    if (slot.timer) clearTimeout(slot.timer);
    const job = slot.job;
    slot.job = null;
    void slot.worker.terminate();
    if (job && error) job.reject(error);
    // A worker that could not even start (its file missing or broken) fails the next message instead of
    // being restarted in a loop.
    else if (!slot.ready && error) failNext(error);
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
    // The messages waiting for it give up sooner (waitForWorker); it goes on starting until this limit.
    slot.timer = setTimeout(() => {
      if (slot.ready || !slots.has(slot)) return;
      options.logger?.warn('The message parse worker did not start in time; it was stopped', { startTimeLimitMs });
      // Messages still within their wait get a fresh worker; the next message does otherwise.
      retire(slot, null);
    }, startTimeLimitMs);
    worker.on('message', (reply: ParseReply) => {
      if (reply.kind === 'ready') {
        if (!slots.has(slot)) return;
        if (slot.timer) clearTimeout(slot.timer);
        slot.timer = null;
        slot.ready = true;
        stats.ready += 1;
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
          failNext(new MessageParseFailedError());
          continue;
        }
        return;
      }
      const job = queue[0]!;
      dequeue(job);
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
      const job: PendingJob = {
        id: nextId++,
        input,
        transfer,
        resolve: resolve as (value: unknown) => void,
        reject,
        waitTimer: null,
      };
      queue.push(job);
      waitForWorker(job);
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
      while (queue.length > 0) failNext(new MessageParseFailedError());
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
