/**
 * One account's handle on its local store (an encrypted SQLite database, ../store/): when to write it (a
 * dirty flag, a delayed save, one write at a time; each write is one transaction of only what changed) and
 * when never to write it again (signed out, or the keychain refused the key).
 */
import type { StoredBody } from '../cache/mail-cache.js';
import { BodyTexts } from '../search/body-text.js';
import type { LruCache } from '../cache/lru.js';
import type { AccountDatabase } from '../store/account-database.js';
import type { MailStore } from '../store/mail-store.js';
import type { Logger } from '../logging.js';
import type { Timers } from '../ports.js';
import type { MailboxView } from './mailbox-view.js';

export interface AccountCacheOptions {
  accountId: string;
  store: MailStore;
  /** Null when the keychain would not give the store key (the account then runs without a store). */
  db: AccountDatabase | null;
  /** Test seam: runs before each write (a test counts writes or holds one). */
  beforeWrite?: () => Promise<void> | void;
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
  /** The text of cached bodies for the search index, worked out (asynchronously) before a save needs it. */
  private readonly bodyTexts = new BodyTexts();

  constructor(private readonly options: AccountCacheOptions) {
    this.available = options.db !== null;
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

  /** Quit: saves what is pending, then closes the database. */
  async close(): Promise<void> {
    await this.flush();
    this.available = false;
    this.options.db?.close();
  }

  /** Never writes again; resolves once a write in progress ended. Then deletes the file and its key. */
  async remove(): Promise<void> {
    this.removed = true; // nothing may write the file again (an operation still in flight included)
    this.available = false;
    this.cancelSave?.();
    this.cancelSave = null;
    await this.saving;
    this.options.db?.close();
    try {
      await this.options.store.remove(this.options.accountId);
    } catch (error) {
      this.options.logger.warn('store: could not delete the store key from the keychain', {
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
      try {
        await this.bodyTexts.prepare(bodies);
        await this.options.beforeWrite?.();
        // A sign-out may have come while the hook ran.
        if (this.removed || !this.options.db?.isOpen) return;
        this.options.db.save(view.toSnapshot(this.options.accountId, bodies), this.bodyTexts.textOf);
      } catch (error) {
        this.dirty = true;
        this.options.logger.warn('store: could not write the local store', {
          accountId: this.options.accountId,
          code: (error as NodeJS.ErrnoException).code ?? (error as Error).name,
        });
      }
    };
    this.saving = this.saving.then(write, write);
    return this.saving;
  }
}
