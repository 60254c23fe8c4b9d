/**
 * One account's handle on its local store (an encrypted SQLite database, ../store/): when to write it (a
 * dirty flag, a delayed save, one write at a time; each write is one transaction of only what changed),
 * when never to write it again (signed out, or the keychain refused the key), and what to do when the file
 * turns out unreadable after it opened (loading the rest of it, or a save): it is set aside like one found
 * at open, a new empty file takes its place, and the owner is told so it rebuilds from Google. The next
 * save then writes everything the account holds in memory into the new file.
 */
import type { CacheSnapshot, StoredBody, StoredMessage } from '../cache/mail-cache.js';
import { BodyTexts } from '../search/body-text.js';
import type { CompiledSearch } from '../search/local-search.js';
import type { LruCache } from '../cache/lru.js';
import type { AccountDatabase } from '../store/account-database.js';
import { isUnreadableFile, type MailStore } from '../store/mail-store.js';
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
  /** Messages with an action still waiting to reach Gmail: kept even when read or archived (an Undo may follow). */
  waitingIds?: () => Iterable<string>;
  /** A save found the file unreadable: it was set aside; the owner rebuilds the account from Google. */
  onRebuild?: () => void;
}

/** What loading the rest of the store (after its first page) gave. */
export type RestOfStore =
  | { kind: 'loaded'; snapshot: CacheSnapshot | null }
  /** The file was unreadable: set aside, a new empty one in its place; rebuild from Google. */
  | { kind: 'rebuilding' }
  /** It failed for another reason (the file kept) and the account runs without a store; sync from Google. */
  | { kind: 'unavailable' }
  /** Closed or signed out meanwhile. */
  | { kind: 'closed' };

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
  /** The open database (replaced by a new one when it turns out unreadable). */
  private db: AccountDatabase | null;
  /** The text of cached bodies for the search index, worked out (asynchronously) before a save needs it. */
  private readonly bodyTexts = new BodyTexts();

  constructor(private readonly options: AccountCacheOptions) {
    this.db = options.db;
    this.available = options.db !== null;
  }

  /**
   * Reads the rest of a store opened with its first page only, in slices (the event loop runs between
   * them; `onMessages` gets each slice's messages). Nothing is saved before it ends.
   */
  async loadRest(onMessages?: (slice: StoredMessage[]) => void): Promise<RestOfStore> {
    const db = this.db;
    if (!db || this.removed) return { kind: 'closed' };
    let failure: unknown;
    const load = async () => {
      try {
        return { kind: 'loaded', snapshot: await db.loadInSlices(onMessages) } as const;
      } catch (error) {
        failure = error;
        return null;
      }
    };
    // On the save queue: a save or a sign-out waits for it.
    const loading = this.saving.then(load, load);
    this.saving = loading.then(() => undefined);
    const loaded = await loading;
    if (loaded) return loaded;
    if (this.removed || !db.isOpen) return { kind: 'closed' };
    if (isUnreadableFile(failure)) {
      await this.replaceUnreadable(db, failure);
      return this.db ? { kind: 'rebuilding' } : { kind: 'unavailable' };
    }
    this.options.logger.warn('store: could not read the local store; running without it', {
      accountId: this.options.accountId,
      code: (failure as NodeJS.ErrnoException).code ?? (failure as Error).name,
    });
    this.available = false;
    db.close();
    this.db = null;
    return { kind: 'unavailable' };
  }

  /** One body kept in the store but not in the in-memory LRU, or null. */
  readBody(id: string): StoredBody | null {
    return this.db?.isOpen ? this.db.readBody(id) : null;
  }

  /** Offline search over what the store's last save committed; [] without a store. */
  search(compiled: CompiledSearch, limit: number): StoredMessage[] {
    return this.db?.isOpen ? this.db.search(compiled, limit) : [];
  }

  private async replaceUnreadable(db: AccountDatabase, error: unknown): Promise<void> {
    const fresh = await this.options.store.replaceUnreadable(this.options.accountId, db, error);
    if (this.removed) {
      fresh?.close(); // signed out meanwhile: remove() deletes the new file too
      return;
    }
    this.db = fresh;
    if (!fresh) this.available = false;
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
    this.db?.close();
  }

  /** Never writes again; resolves once a write in progress ended. Then deletes the file and its key. */
  async remove(): Promise<void> {
    this.removed = true; // nothing may write the file again (an operation still in flight included)
    this.available = false;
    this.cancelSave?.();
    this.cancelSave = null;
    await this.saving;
    this.db?.close();
    try {
      await this.options.store.remove(this.options.accountId);
    } catch (error) {
      this.options.logger.warn('store: could not delete the store key from the keychain', {
        accountId: this.options.accountId,
        error: (error as Error).name,
      });
    }
  }

  /**
   * Drops the synced mail from the store (after a write in progress ended); see AccountDatabase.clearSyncedMail
   * for what is kept. The caller has already emptied the view, so nothing of the old copy is written back.
   */
  async clearSyncedMail(): Promise<void> {
    this.cancelSave?.();
    this.cancelSave = null;
    await this.saving;
    this.dirty = false;
    if (this.removed || !this.available || !this.db?.isOpen) return;
    this.db.clearSyncedMail();
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
      view.prune(new Set([...bodies.map((b) => b.id), ...(this.options.waitingIds?.() ?? [])]));
      try {
        await this.bodyTexts.prepare(bodies);
        await this.options.beforeWrite?.();
        // A sign-out may have come while the hook ran.
        const db = this.db;
        if (this.removed || !db?.isOpen) return;
        try {
          db.save(view.toSnapshot(this.options.accountId, bodies), this.bodyTexts.textOf);
        } catch (error) {
          if (!isUnreadableFile(error)) throw error;
          // Nothing of this save was kept; the new file gets everything at the next one.
          this.dirty = true;
          await this.replaceUnreadable(db, error);
          if (!this.removed) this.options.onRebuild?.();
          return;
        }
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
