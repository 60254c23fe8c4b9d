/**
 * One account's work queue: syncs and listing steps that change its view run one at a time, a sync
 * requested while one is waiting joins that one, and a list that finds the view empty can wait for the
 * sync already running. Each account has its own queue: nothing here orders one account behind another.
 */
export class AccountQueue {
  private tail: Promise<unknown> = Promise.resolve();
  /** A sync waiting in the queue (not yet running): later requests join it instead of queueing another. */
  private queuedSync: Promise<void> | null = null;
  /** The sync running now, if any. */
  private runningSync: Promise<void> | null = null;

  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.tail.then(work, work);
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** Queues `sync` unless one is already waiting (then that one is the answer). */
  requestSync(sync: () => Promise<void>): Promise<void> {
    if (this.queuedSync) return this.queuedSync;
    const queued = this.exclusive(async () => {
      this.queuedSync = null;
      this.runningSync = queued;
      try {
        await sync();
      } finally {
        this.runningSync = null;
      }
    });
    this.queuedSync = queued;
    return queued;
  }

  /** The sync running or waiting, if any. */
  pendingSync(): Promise<void> | null {
    return this.runningSync ?? this.queuedSync;
  }

  /** Resolves when everything queued so far has ended (whatever its outcome). */
  drained(): Promise<void> {
    return this.tail.then(() => undefined);
  }
}

/** One pending timer at most (the next poll): scheduling again replaces it. */
export class SingleTimer {
  private cancel: (() => void) | null = null;

  constructor(private readonly schedule: (callback: () => void, ms: number) => () => void) {}

  set(callback: () => void, ms: number): void {
    this.clear();
    this.cancel = this.schedule(() => {
      this.cancel = null;
      callback();
    }, ms);
  }

  clear(): void {
    this.cancel?.();
    this.cancel = null;
  }
}
