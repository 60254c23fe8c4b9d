/**
 * One account's encrypted SQLite database (SQLCipher-compatible, through better-sqlite3-multiple-ciphers):
 * the messages Glance knows (metadata + labels), the sync position and listing, and opened bodies in an LRU
 * table bounded in bytes. Bodies are not read at open (that would decrypt up to the whole byte cap before the
 * first page): the app reads one when it is opened (readBody) and keeps its own small LRU in memory; the table
 * keeps older ones until the byte cap pushes them out. Each save writes only what changed since the previous one, in one transaction,
 * so a save costs what changed rather than the size of the mailbox.
 */
import Sqlite from 'better-sqlite3-multiple-ciphers';
import type { CacheSnapshot, StoredBody, StoredMessage } from '../cache/mail-cache.js';
import { CACHE_FORMAT_VERSION } from '../cache/mail-cache.js';
import { isUnreadInbox, sameMetadata } from '../gmail/summary.js';
import type { CompiledSearch } from '../search/local-search.js';
import { bodySearchText, messageSearchColumns } from '../search/search-text.js';
import { migrate, type Migration, MIGRATIONS } from './schema.js';

type Database = Sqlite.Database;

export interface SaveStats {
  upserted: number;
  deleted: number;
  bodiesWritten: number;
  bodiesDeleted: number;
  metaWritten: number;
}

type MessageRow = [string, string, string, string, string, string, string, number, number, string];
const MESSAGE_COLUMNS =
  'id, thread_id, label_ids, from_name, from_address, subject, snippet, date, has_attachments, recipients';

function toStoredMessage([
  id,
  threadId,
  labels,
  name,
  address,
  subject,
  snippet,
  date,
  attachments,
  to,
]: MessageRow): StoredMessage {
  return {
    id,
    threadId,
    labelIds: JSON.parse(labels) as string[],
    from: { name, address },
    ...(to ? { to } : {}),
    subject,
    snippet,
    date,
    hasAttachments: attachments === 1,
  };
}

/** At most this many rows matching a required word: a search fetches them by rowid (see search()). */
const FEW_MATCHES = 1000;

/** The FTS5 tables of the search index (schema.ts), each with its shadow tables `<name>_data`, `_idx`, `_docsize`. */
const SEARCH_INDEXES = ['message_words', 'body_words'];

/** Of a body: its searchable text (core/search/body-text.ts), or undefined when not worked out. */
export type BodyTextOf = (body: StoredBody) => string | undefined;
type BodyRow = [string, string, string, string];

/** Rows read per statement while loading: small enough that a slice of the load stays well under a frame. */
const LOAD_ROWS_PER_READ = 500;

/** Lets the event loop run (IPC, timers) between slices of a long load. */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** The file opened but is not this account's store. */
export class UnreadableStoreError extends Error {
  override name = 'UnreadableStoreError';
}

/** Opens (creating if needed) and checks the database: the key, the account, the schema version. Throws when it can't. */
export function openDatabase(
  path: string,
  key: Buffer,
  accountId: string,
  migrations: readonly Migration[] = MIGRATIONS,
  /** The native module's file, when not node_modules' (an unpackaged Electron run). */
  nativeBinding?: string,
): Database {
  const db = new Sqlite(path, nativeBinding ? { nativeBinding } : {});
  try {
    db.pragma(`cipher = 'sqlcipher'`);
    // A raw 256-bit key (x'…'): no passphrase derivation, so opening stays fast.
    db.pragma(`key = "x'${key.toString('hex')}'"`);
    // Throws SQLITE_NOTADB when the key is wrong or the file is not a database.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    migrate(db, migrations);
    db.pragma('journal_mode = WAL');
    // In WAL mode NORMAL never corrupts and keeps every commit across a crash of the app (only a power
    // loss may drop the last commits, which the next sync fetches again).
    db.pragma('synchronous = NORMAL');
    const owner = db.prepare(`SELECT value FROM meta WHERE key = 'accountId'`).get() as { value: string } | undefined;
    if (!owner) db.prepare(`INSERT INTO meta (key, value) VALUES ('accountId', ?)`).run(JSON.stringify(accountId));
    else if (JSON.parse(owner.value) !== accountId) throw new UnreadableStoreError('database of another account');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

type MetaKey =
  | 'historyId'
  | 'lastSyncedAt'
  | 'unreadCount'
  | 'unreadConversationCount'
  | 'listingComplete'
  | 'listingNextPageToken'
  | 'listingBoundary';

function metaOf(snapshot: CacheSnapshot): Record<MetaKey, string> {
  return {
    historyId: JSON.stringify(snapshot.historyId),
    lastSyncedAt: JSON.stringify(snapshot.lastSyncedAt),
    unreadCount: JSON.stringify(snapshot.unreadCount),
    unreadConversationCount: JSON.stringify(snapshot.unreadConversationCount ?? null),
    listingComplete: JSON.stringify(snapshot.listing.complete),
    listingNextPageToken: JSON.stringify(snapshot.listing.nextPageToken),
    listingBoundary: JSON.stringify(snapshot.listing.boundary),
  };
}

function sameLabels(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((label, i) => label === b[i]);
}

function sameMessage(a: StoredMessage, b: StoredMessage): boolean {
  return a === b || (sameMetadata(a, b) && sameLabels(a.labelIds, b.labelIds));
}

/** The same words to index: only a change of these rewrites the message's row in the search index. */
function sameSearchText(a: StoredMessage, b: StoredMessage): boolean {
  return (
    a.subject === b.subject &&
    a.snippet === b.snippet &&
    a.from.name === b.from.name &&
    a.from.address === b.from.address &&
    (a.to ?? '') === (b.to ?? '')
  );
}

function sameBody(a: StoredBody, b: StoredBody): boolean {
  return a === b || (a.raw === b.raw && a.threadId === b.threadId && sameLabels(a.labelIds, b.labelIds));
}

export class AccountDatabase {
  /** What the database holds (as last loaded or committed): a save writes the difference. */
  private readonly messages = new Map<string, StoredMessage>();
  /** Bodies in the table: the object last written or read, or undefined when not read since the open. */
  private readonly bodies = new Map<string, StoredBody | undefined>();
  private bodyOrder = '';
  /** Each stored body's `used` (recency), and the largest: a body used now gets a larger one. */
  private readonly uses = new Map<string, number>();
  private lastUse = 0;
  private readonly meta = new Map<string, string>();
  private closed = false;
  /** Everything was read (the mirror above is whole): only then may a save compute what differs. */
  private loaded = false;

  private readonly statements;

  constructor(
    private readonly db: Database,
    readonly accountId: string,
    /** Bodies beyond this many bytes (least recently used first) are dropped from the table. */
    private readonly maxBodyBytes: number,
  ) {
    // Room for the search index and the messages' newest-first index in memory (SQLite's default is 2 MiB):
    // a search then decrypts no page twice. Pages are only cached once read, so a small mailbox costs little.
    db.pragma('cache_size = -32768');
    this.statements = {
      upsertMessage: db.prepare(
        `INSERT INTO messages (id, thread_id, label_ids, from_name, from_address, subject, snippet, date, has_attachments,
           recipients, unread_inbox)
         VALUES (@id, @thread_id, @label_ids, @from_name, @from_address, @subject, @snippet, @date, @has_attachments,
           @recipients, @unread_inbox)
         ON CONFLICT (id) DO UPDATE SET thread_id = excluded.thread_id, label_ids = excluded.label_ids,
           from_name = excluded.from_name, from_address = excluded.from_address, subject = excluded.subject,
           snippet = excluded.snippet, date = excluded.date, has_attachments = excluded.has_attachments,
           recipients = excluded.recipients, unread_inbox = excluded.unread_inbox
         RETURNING rowid`,
      ),
      deleteMessage: db.prepare('DELETE FROM messages WHERE id = ? RETURNING rowid'),
      upsertBody: db.prepare(
        `INSERT INTO bodies (id, thread_id, label_ids, raw, bytes, used) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET thread_id = excluded.thread_id, label_ids = excluded.label_ids,
           raw = excluded.raw, bytes = excluded.bytes, used = excluded.used
         RETURNING rowid`,
      ),
      // The search index (schema.ts): a row is replaced by deleting it and inserting it again.
      deleteMessageWords: db.prepare('DELETE FROM message_words WHERE rowid = ?'),
      insertMessageWords: db.prepare(
        'INSERT INTO message_words (rowid, subject, sender, recipients, snippet) VALUES (?, ?, ?, ?, ?)',
      ),
      deleteBodyWords: db.prepare('DELETE FROM body_words WHERE rowid = ?'),
      insertBodyWords: db.prepare('INSERT INTO body_words (rowid, body) VALUES (?, ?)'),
      touchBody: db.prepare('UPDATE bodies SET used = ? WHERE id = ?'),
      trimBodies: db.prepare(
        `DELETE FROM bodies WHERE id IN (
           SELECT id FROM (SELECT id, SUM(bytes) OVER (ORDER BY used DESC, id) AS total FROM bodies) WHERE total > ?
         ) RETURNING id, rowid`,
      ),
      setMeta: db.prepare(
        'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      ),
    };
  }

  /** The meta table's rows (the sync position and listing), read once. */
  private readMeta(): Map<string, string> {
    const rows = this.db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[];
    return new Map(rows.map((r) => [r.key, r.value]));
  }

  private snapshotOf(meta: Map<string, string>, messages: StoredMessage[]): CacheSnapshot | null {
    const read = <T>(key: MetaKey, fallback: T): T => {
      const value = meta.get(key);
      return value === undefined ? fallback : (JSON.parse(value) as T);
    };
    const historyId = read<string | null>('historyId', null);
    if (historyId === null) return null;
    // Absent (not null) when unknown, as in a snapshot written before conversation counts.
    const conversations = read<number | null>('unreadConversationCount', null);
    return {
      schemaVersion: CACHE_FORMAT_VERSION,
      accountId: this.accountId,
      historyId,
      lastSyncedAt: read('lastSyncedAt', null),
      unreadCount: read('unreadCount', null),
      ...(conversations === null ? {} : { unreadConversationCount: conversations }),
      listing: {
        complete: read('listingComplete', false),
        nextPageToken: read('listingNextPageToken', null),
        boundary: read('listingBoundary', null),
      },
      messages,
      bodies: [],
    };
  }

  /**
   * The sync position and the first `limit` messages of the serveable unread view (MailboxView.serveable:
   * unread inbox, newest first, down to the listing boundary unless the listing is complete), straight from
   * the unread index: what the first page needs, without reading the rest. Null when there is no synced
   * state. The rest is read by load() / loadInSlices(), and nothing may be saved before it is.
   */
  loadHead(limit: number): { snapshot: CacheSnapshot; serveableCount: number } | null {
    const meta = this.readMeta();
    const snapshot = this.snapshotOf(meta, []);
    if (snapshot === null) return null;
    const { complete, boundary } = snapshot.listing;
    if (!complete && !boundary) return { snapshot, serveableCount: 0 };
    // At or above the boundary in newest-first order (compareNewestFirst(m, boundary) <= 0).
    const where = `unread_inbox = 1${complete ? '' : ' AND (date > @date OR (date = @date AND id >= @id))'}`;
    const params = complete ? {} : { date: boundary!.date, id: boundary!.id };
    const rows = this.db
      .prepare(`SELECT ${MESSAGE_COLUMNS} FROM messages WHERE ${where} ORDER BY date DESC, id DESC LIMIT @limit`)
      .raw(true)
      .all({ ...params, limit }) as MessageRow[];
    const serveableCount = this.db
      .prepare(`SELECT count(*) FROM messages WHERE ${where}`)
      .pluck(true)
      .get(params) as number;
    snapshot.messages = rows.map(toStoredMessage);
    // Fully listed: the conversation count is the view's own (distinct threads), as after loading it all.
    if (complete)
      snapshot.unreadConversationCount = this.db
        .prepare(`SELECT count(DISTINCT thread_id) FROM messages WHERE ${where}`)
        .pluck(true)
        .get(params) as number;
    return { snapshot, serveableCount };
  }

  /**
   * Everything the database holds, or null when it holds no synced state yet, read in slices: after each
   * slice the generator yields, so a caller can let the event loop run. Every page of the messages and
   * their indexes is read, so a damaged page shows now (throws) rather than at a later save.
   */
  private *loadSteps(onMessages?: (slice: StoredMessage[]) => void): Generator<void, CacheSnapshot | null> {
    const meta = this.readMeta();
    const messages: StoredMessage[] = [];
    // By rowid, one short statement per slice (no statement stays open across a yield, so a body can be
    // read from the same connection meanwhile).
    const readMessages = this.db
      .prepare(`SELECT rowid, ${MESSAGE_COLUMNS} FROM messages WHERE rowid > ? ORDER BY rowid LIMIT ?`)
      .raw(true);
    for (let after = 0; ;) {
      const rows = readMessages.all(after, LOAD_ROWS_PER_READ) as [number, ...MessageRow][];
      const slice: StoredMessage[] = [];
      for (const [rowid, ...row] of rows) {
        const message = toStoredMessage(row);
        slice.push(message);
        messages.push(message);
        this.messages.set(message.id, message);
        after = rowid;
      }
      onMessages?.(slice);
      if (rows.length < LOAD_ROWS_PER_READ) break;
      yield;
    }
    // Ids and recency only (the columns before `raw`: no body is read or decrypted here).
    const bodyIds = this.db.prepare('SELECT id, used FROM bodies ORDER BY used, id').raw(true).all() as [
      string,
      number,
    ][];
    yield;
    // The indexes, which the reads above do not touch: a damaged page there would otherwise only show at a
    // later save.
    for (const walk of [
      'SELECT id FROM messages WHERE id > ? ORDER BY id LIMIT ?',
      'SELECT id FROM bodies WHERE id > ? ORDER BY id LIMIT ?',
    ]) {
      const step = this.db.prepare(walk).pluck(true);
      for (let after = ''; ;) {
        const ids = step.all(after, LOAD_ROWS_PER_READ * 8) as string[];
        if (ids.length === 0) break;
        after = ids[ids.length - 1]!;
        yield;
      }
    }
    this.db
      .prepare(
        'SELECT count(*) FROM (SELECT date, id FROM messages WHERE unread_inbox = 1 ORDER BY date DESC, id DESC)',
      )
      .get();
    // The search index (schema.ts) too, every page of it: a damaged page there would otherwise fail every
    // later save that touches it.
    for (const index of SEARCH_INDEXES) {
      // max() reads each block whole (length() alone would not read overflow pages).
      this.db.prepare(`SELECT max(block) FROM ${index}_data`).get();
      this.db.prepare(`SELECT count(*) FROM ${index}_idx`).get();
      this.db.prepare(`SELECT max(sz) FROM ${index}_docsize`).get();
      yield;
    }
    for (const [key, value] of meta) this.meta.set(key, value);
    for (const [id, used] of bodyIds) {
      this.bodies.set(id, undefined);
      this.uses.set(id, used);
      this.lastUse = Math.max(this.lastUse, used);
    }
    this.loaded = true;
    return this.snapshotOf(meta, messages);
  }

  /** Everything the database holds, or null when it holds no synced state yet. Throws on a corrupt file. */
  load(): CacheSnapshot | null {
    const steps = this.loadSteps();
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
    }
  }

  /**
   * load(), letting the event loop run (`pause`) whenever a run of slices has taken `sliceMs`: the app
   * stays responsive while a large mailbox loads. `onMessages` gets the messages slice by slice (so what
   * is built from them is built in slices too). Throws on a corrupt file, or when the store was closed
   * meanwhile.
   */
  async loadInSlices(
    onMessages?: (slice: StoredMessage[]) => void,
    { pause = yieldToEventLoop, sliceMs = 8 }: { pause?: () => Promise<void>; sliceMs?: number } = {},
  ): Promise<CacheSnapshot | null> {
    // First a turn of the event loop: what is waiting (the first page, served from loadHead) goes out first.
    await pause();
    const steps = this.loadSteps(onMessages);
    let began = performance.now();
    for (;;) {
      if (this.closed) throw new Error('the store was closed while loading');
      const step = steps.next();
      if (step.done) return step.value;
      if (performance.now() - began >= sliceMs) {
        await pause();
        began = performance.now();
      }
    }
  }

  /** One stored body, or null. */
  readBody(id: string): StoredBody | null {
    // Before the load has read the body ids, ask the table itself.
    if (this.closed || (this.loaded && !this.bodies.has(id))) return null;
    const row = this.db.prepare('SELECT id, thread_id, label_ids, raw FROM bodies WHERE id = ?').raw(true).get(id) as
      BodyRow | undefined;
    if (!row) return null;
    const body: StoredBody = { id: row[0], threadId: row[1], labelIds: JSON.parse(row[2]) as string[], raw: row[3] };
    this.bodies.set(id, body);
    return body;
  }

  /** Every stored body, least recently used first (tests, and a future export). */
  storedBodies(): StoredBody[] {
    const ids = (this.db.prepare('SELECT id FROM bodies ORDER BY used, id').raw(true).all() as [string][]).map(
      ([id]) => id,
    );
    return ids.map((id) => this.readBody(id)!);
  }

  /**
   * The stored messages a local search matches (core/search/local-search.ts), newest first, at most `limit`.
   * Answered from the database (what the last save committed), never from Google.
   */
  search(compiled: CompiledSearch, limit: number): StoredMessage[] {
    if (this.closed) return [];
    // Few messages match a word every result needs: fetch those by rowid. Otherwise walk the newest-first
    // index and stop at `limit` rows (a common word, a negation, a flag or a date alone).
    const few =
      compiled.driver !== null &&
      (
        this.db
          .prepare(`SELECT count(*) AS n FROM (${compiled.driver.sql} LIMIT ${FEW_MATCHES + 1})`)
          .get(...compiled.driver.params) as { n: number }
      ).n <= FEW_MATCHES;
    const rows = this.db
      .prepare(
        `SELECT ${MESSAGE_COLUMNS.replace(/(^|, )/g, '$1m.')}
         FROM messages m ${few ? 'NOT INDEXED' : 'INDEXED BY messages_search_order'} WHERE ${compiled.where}
         ORDER BY m.date DESC, m.id DESC LIMIT ?`,
      )
      .raw(true)
      .all(...compiled.params, limit) as MessageRow[];
    return rows.map(toStoredMessage);
  }

  /**
   * Writes what differs between `snapshot` and what the database holds, in one transaction (all of it or,
   * on an error, none of it), the search index included. Bodies are least recently used first, as the
   * in-memory LRU gives them; `bodyText` gives each written body's text for the index (none: not indexed).
   */
  save(snapshot: CacheSnapshot, bodyText?: BodyTextOf): SaveStats {
    if (this.closed) throw new Error('the store is closed');
    // With a partial mirror, every message not yet read would look deleted.
    if (!this.loaded) throw new Error('the store is still loading');
    const current = new Map(snapshot.messages.map((m) => [m.id, m]));
    const upserts = snapshot.messages.filter((m) => {
      const stored = this.messages.get(m.id);
      return stored === undefined || !sameMessage(stored, m);
    });
    const deletes = [...this.messages.keys()].filter((id) => !current.has(id));
    // The snapshot's bodies are the app's in-memory LRU: the most recently used. Bodies it no longer holds
    // stay in the table (older) until the byte cap pushes them out.
    const bodyWrites = snapshot.bodies.filter((b) => {
      const stored = this.bodies.get(b.id);
      return stored === undefined || !sameBody(stored, b);
    });
    const order = snapshot.bodies.map((b) => b.id).join('\n');
    const reorder = order !== this.bodyOrder;
    const meta = Object.entries(metaOf(snapshot)).filter(([key, value]) => this.meta.get(key) !== value);

    const stats: SaveStats = {
      upserted: upserts.length,
      deleted: deletes.length,
      bodiesWritten: bodyWrites.length,
      bodiesDeleted: 0,
      metaWritten: meta.length,
    };
    if (upserts.length + deletes.length + bodyWrites.length + meta.length === 0 && !reorder) return stats;

    const s = this.statements;
    const trimmed = this.db.transaction(() => {
      for (const m of upserts) {
        const { rowid } = s.upsertMessage.get({
          id: m.id,
          thread_id: m.threadId,
          label_ids: JSON.stringify(m.labelIds),
          from_name: m.from.name,
          from_address: m.from.address,
          subject: m.subject,
          snippet: m.snippet,
          date: m.date,
          has_attachments: m.hasAttachments ? 1 : 0,
          unread_inbox: isUnreadInbox(m.labelIds) ? 1 : 0,
          recipients: m.to ?? '',
        }) as { rowid: number };
        const stored = this.messages.get(m.id);
        if (stored === undefined || !sameSearchText(stored, m)) {
          const words = messageSearchColumns(m);
          s.deleteMessageWords.run(rowid);
          s.insertMessageWords.run(rowid, words.subject, words.sender, words.recipients, words.snippet);
        }
      }
      for (const id of deletes) {
        const row = s.deleteMessage.get(id) as { rowid: number } | undefined;
        if (row) s.deleteMessageWords.run(row.rowid);
      }
      // A new order: the LRU's bodies become the most recent, in its order.
      const used = new Map(
        snapshot.bodies.map((b, i) => [
          b.id,
          reorder ? this.lastUse + 1 + i : (this.uses.get(b.id) ?? this.lastUse + 1 + i),
        ]),
      );
      for (const b of bodyWrites) {
        const { rowid } = s.upsertBody.get(
          b.id,
          b.threadId,
          JSON.stringify(b.labelIds),
          b.raw,
          Buffer.byteLength(b.raw),
          used.get(b.id),
        ) as { rowid: number };
        s.deleteBodyWords.run(rowid);
        const text = bodyText?.(b);
        if (text) s.insertBodyWords.run(rowid, bodySearchText(text));
      }
      if (reorder) {
        const written = new Set(bodyWrites.map((b) => b.id));
        for (const b of snapshot.bodies) if (!written.has(b.id)) s.touchBody.run(used.get(b.id), b.id);
      }
      for (const [key, value] of meta) s.setMeta.run(key, value);
      const trimmedRows = s.trimBodies.all(this.maxBodyBytes) as { id: string; rowid: number }[];
      for (const row of trimmedRows) s.deleteBodyWords.run(row.rowid);
      return trimmedRows.map((row) => row.id);
    })();

    // Committed: the database now holds the snapshot (less the bodies over the byte cap).
    for (const m of upserts) this.messages.set(m.id, m);
    for (const id of deletes) this.messages.delete(id);
    for (const b of bodyWrites) this.bodies.set(b.id, b);
    if (reorder) {
      snapshot.bodies.forEach((b, i) => this.uses.set(b.id, this.lastUse + 1 + i));
      this.lastUse += snapshot.bodies.length;
    }
    for (const id of trimmed) {
      this.bodies.delete(id);
      this.uses.delete(id);
    }
    this.bodyOrder = order;
    stats.bodiesDeleted = trimmed.length;
    for (const [key, value] of meta) this.meta.set(key, value);
    return stats;
  }

  /**
   * Settings → Data → "Clear local copy of mail": drops the synced mail (messages, bodies and the sync
   * position), then compacts the file so the mail is not left in its free pages. Only those go: any other
   * table or meta key (a queue of actions not yet sent to Gmail, for one) is kept, and the file, its key
   * and the sign-in stay. The next sync is a full one.
   */
  clearSyncedMail(): void {
    if (this.closed) throw new Error('the store is closed');
    const syncKeys: MetaKey[] = [
      'historyId',
      'lastSyncedAt',
      'unreadCount',
      'unreadConversationCount',
      'listingComplete',
      'listingNextPageToken',
      'listingBoundary',
    ];
    this.db.transaction(() => {
      this.db.exec('DELETE FROM messages; DELETE FROM bodies;');
      // The search index goes with them: its rowids point at rows that are gone (and VACUUM renumbers rowids).
      for (const index of SEARCH_INDEXES) this.db.exec(`INSERT INTO ${index} (${index}) VALUES ('delete-all')`);
      const deleteMeta = this.db.prepare('DELETE FROM meta WHERE key = ?');
      for (const key of syncKeys) deleteMeta.run(key);
    })();
    this.db.exec('VACUUM');
    this.messages.clear();
    this.bodies.clear();
    this.uses.clear();
    this.lastUse = 0;
    this.bodyOrder = '';
    for (const key of syncKeys) this.meta.delete(key);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }

  get isOpen(): boolean {
    return !this.closed;
  }
}
