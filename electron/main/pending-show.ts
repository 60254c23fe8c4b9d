/**
 * The message a notification click asked the window to open, kept in the main process until the page takes it.
 *
 * A click that has to create or reload the window sends `message:show` to a page whose inbox is not listening
 * yet (it mounts after boot), so the event alone can be lost. The page therefore takes the target itself
 * (`message:takePendingShow`): once when its inbox starts listening, and again after each `message:show` it
 * receives. That second take is the page's acknowledgement: a message it already opened is not offered again to
 * the next page (a reload, a crash, the window closed and opened again). The latest click wins; a take empties.
 *
 * No Electron import: the unit tests drive it directly.
 */
import { createDispatch, type Handlers } from '../core/ipc/dispatch.js';
import type { Logger } from '../core/logging.js';
import type { EventPayloads, MainProcessChannel } from '../shared/ipc-contract.js';
import type { MainProcessChannels } from './startup-gate.js';

export type ShowTarget = EventPayloads['message:show'];

/**
 * How long a clicked message waits for a page to take it. Longer than any start-up; shorter than the time after
 * which opening it would surprise (a click made on the sign-in screen, taken when the person signs in hours later).
 */
export const PENDING_SHOW_MAX_AGE_MS = 5 * 60_000;

export class PendingShow {
  private target: ShowTarget | null = null;
  private keptAt = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** A click: this message waits for the page, replacing one clicked before. Returns what is kept. */
  keep(target: ShowTarget): ShowTarget {
    this.target = { accountId: target.accountId, messageId: target.messageId };
    this.keptAt = this.now();
    return this.target;
  }

  /** True while `kept` (what `keep` returned) is still waiting: not taken by the page, not replaced by a newer click. */
  isWaiting(kept: ShowTarget): boolean {
    return this.target === kept;
  }

  /** The page takes the waiting message (null when none, or kept too long ago): it is given out once. */
  take(): ShowTarget | null {
    const target = this.target;
    this.target = null;
    return target && this.now() - this.keptAt <= PENDING_SHOW_MAX_AGE_MS ? target : null;
  }
}

const PENDING_SHOW_CHANNELS = ['message:takePendingShow'] as const satisfies MainProcessChannel[];

/** Answers `message:takePendingShow` from this process, at once: the core need not have started. */
export function pendingShowDispatch(pending: PendingShow, logger: Logger): MainProcessChannels {
  const handlers: Pick<Handlers, (typeof PENDING_SHOW_CHANNELS)[number]> = {
    'message:takePendingShow': () => pending.take(),
  };
  return { channels: PENDING_SHOW_CHANNELS, dispatch: createDispatch(handlers, logger) };
}
