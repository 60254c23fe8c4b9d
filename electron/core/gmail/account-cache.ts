/**
 * One account's handle on the encrypted cache file: when to write it (a dirty flag, a delayed save, one
 * write at a time) and when never to write it again (signed out, or the keychain refused the key).
 */
import type { StoredBody } from '../cache/mail-cache.js';
import type { MailCache } from '../cache/mail-cache.js';
import type { LruCache } from '../cache/lru.js';
import type { Logger } from '../logging.js';
import type { Timers } from '../ports.js';
import type { MailboxView } from './mailbox-view.js';

export interface AccountCacheOptions {
  accountId: string;
  cache: MailCache;
  /** False when the keychain would not give the cache key (the account then runs without a cache). */
  available: boolean;
  timers: Timers;
  logger: Logger;
  saveDelayMs: number;
  /** The current view and bodies (the view is swapped by a full resync). */
  view: () => MailboxView;
  bodies: LruCache<StoredBody>;
}

export class AccountCache {
  /** Only ever goes from true to false (keychain refused, or the account was removed). */
  private available: boolean;
  /** Signed out: its data is being deleted and nothing may write the cache file again. */
  private removed = false;
  /**
   * The view or the bodies changed since the last save. A sync that found nothing new (the usual poll)
   * leaves it clear, so the cache file is not rewritten every few minutes for nothing; its new
   * lastSyncedAt and historyId are then not saved either (replaying history from the older id is harmless).
   */
  private dirty = false;
  private cancelSave: (() => void) | null = null;
  private saving: Promise<void> = Promise.resolve();

  constructor(private readonly options: AccountCacheOptions) {
    this.available = options.available;
  }

  markDirty(): void {
    this.dirty = true;
  }

  /** Saves after the delay (opened bodies, modifications, listing steps). */
  scheduleSave(): void {
    this.dirty = true;
    if (this.removed || !this.available || this.cancelSave !== null) return;
    this.cancelSave = this.options.timers.schedule(() => {
      this.cancelSave = null;
      void this.persist();
    }, this.options.saveDelayMs);
  }

  /** Saves now what is pending (stop, quit). */
  async flush(): Promise<void> {
    this.cancelSave?.();
    this.cancelSave = null;
    await this.persist();
  }

  /** Never writes again; resolves once a write in progress ended. Then deletes the file and its key. */
  async remove(): Promise<void> {
    this.removed = true; // nothing may write the file again (an operation still in flight included)
    this.available = false;
    this.cancelSave?.();
    this.cancelSave = null;
    await this.saving;
    try {
      await this.options.cache.remove(this.options.accountId);
    } catch (error) {
      this.options.logger.warn('cache: could not delete the cache key from the keychain', {
        accountId: this.options.accountId,
        error: (error as Error).name,
      });
    }
  }

  /** Writes the cache (one write at a time). Failures are logged: the cache is an optimisation. */
  persist(): Promise<void> {
    const write = async () => {
      const view = this.options.view();
      if (this.removed || !this.available || !view.hasData || !this.dirty) return;
      this.dirty = false; // a change made while this write runs sets it again
      const bodies = this.options.bodies.values();
      // Read or archived messages are of no further use to the unread view (history brings them back
      // if they become unread again); keep only those whose body is cached.
      view.prune(new Set(bodies.map((b) => b.id)));
      const snapshot = view.toSnapshot(this.options.accountId, bodies);
      try {
        // Never from false back to true: a sign-out may have switched it off while this write ran.
        if (!(await this.options.cache.save(snapshot))) this.available = false;
      } catch (error) {
        this.dirty = true;
        this.options.logger.warn('cache: could not write the cache file', {
          accountId: this.options.accountId,
          code: (error as NodeJS.ErrnoException).code ?? (error as Error).name,
        });
      }
    };
    this.saving = this.saving.then(write, write);
    return this.saving;
  }
}
