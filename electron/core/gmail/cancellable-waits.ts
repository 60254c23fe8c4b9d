import type { Timers } from '../ports.js';

/** Back-off and quota waits that sign-out or shutdown ends at once instead of waiting them out. */
export class CancellableWaits {
  /** Pending waits: their cancel function and how to end them now. */
  private readonly sleepers = new Map<() => void, () => void>();

  constructor(private readonly timers: Timers) {}

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const cancelTimer = this.timers.schedule(
        () => {
          this.sleepers.delete(cancelTimer);
          resolve();
        },
        Math.max(0, ms),
      );
      this.sleepers.set(cancelTimer, resolve);
    });
  }

  /** Ends every pending wait now. */
  endAll(): void {
    for (const [cancelTimer, wake] of this.sleepers) {
      cancelTimer();
      wake();
    }
    this.sleepers.clear();
  }
}
