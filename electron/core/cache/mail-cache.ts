/**
 * What one account's local store holds (the snapshot shape the core works with), and the earlier
 * whole-file cache format: `<dataDir>/cache/<accountId>.bin`, AES-256-GCM with the store's key from the
 * keychain. The local store (../store/) now keeps the data in SQLite; an earlier file is opened here only
 * to be imported once (then deleted).
 *
 * File layout: "GLNC" | format version (1 byte) | IV (12) | GCM tag (16) | ciphertext of the JSON snapshot.
 * The magic, version and account id are authenticated (AAD), so a file copied from another account or
 * edited by hand fails to open. Anything that does not open — corrupt, truncated, wrong key, other
 * version — is discarded with a log line (never content) and rebuilt from Google.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { z } from 'zod';

const MAGIC = Buffer.from('GLNC', 'ascii');
export const CACHE_FORMAT_VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = MAGIC.length + 1 + IV_BYTES + TAG_BYTES;

const correspondent = z.object({ name: z.string(), address: z.string() });

export const storedMessageSchema = z.object({
  id: z.string(),
  threadId: z.string(),
  labelIds: z.array(z.string()),
  from: correspondent,
  /** The To header, decoded (`Ann <ann@x>, bob@y`); for offline search. Absent in caches written before it. */
  to: z.string().optional(),
  subject: z.string(),
  snippet: z.string(),
  date: z.number(),
  hasAttachments: z.boolean(),
});
export type StoredMessage = z.infer<typeof storedMessageSchema>;

export const storedBodySchema = z.object({
  id: z.string(),
  threadId: z.string(),
  labelIds: z.array(z.string()),
  raw: z.string(),
});
export type StoredBody = z.infer<typeof storedBodySchema>;

const cursorSchema = z.object({ date: z.number(), id: z.string() });

export const cacheSnapshotSchema = z.object({
  schemaVersion: z.literal(CACHE_FORMAT_VERSION),
  accountId: z.string(),
  historyId: z.string().nullable(),
  lastSyncedAt: z.number().nullable(),
  unreadCount: z.number().nullable(),
  /** Unread inbox conversations (labels.get threadsUnread, moved like unreadCount); absent in older copies. */
  unreadConversationCount: z.number().nullable().optional(),
  listing: z.object({
    /** True when every unread inbox message is in `messages` (the Gmail listing reached its end). */
    complete: z.boolean(),
    /** Gmail's page token to continue the unread listing, when not complete. */
    nextPageToken: z.string().nullable(),
    /** The oldest message the listing has reached: everything newer is known. */
    boundary: cursorSchema.nullable(),
  }),
  messages: z.array(storedMessageSchema),
  /** Least recently used first. */
  bodies: z.array(storedBodySchema),
});
export type CacheSnapshot = z.infer<typeof cacheSnapshotSchema>;

function aad(accountId: string): Buffer {
  return Buffer.concat([MAGIC, Buffer.from([CACHE_FORMAT_VERSION]), Buffer.from(accountId, 'utf8')]);
}

export function sealSnapshot(key: Buffer, snapshot: CacheSnapshot): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad(snapshot.accountId));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(snapshot), 'utf8'), cipher.final()]);
  return Buffer.concat([MAGIC, Buffer.from([CACHE_FORMAT_VERSION]), iv, cipher.getAuthTag(), ciphertext]);
}

/** Opens a sealed cache file; throws an Error whose message says why (no content) when it can't. */
export function openSnapshot(key: Buffer, accountId: string, file: Buffer): CacheSnapshot {
  if (file.length < HEADER_BYTES) throw new Error('file too short');
  if (!file.subarray(0, MAGIC.length).equals(MAGIC)) throw new Error('not a Glance cache file');
  const version = file[MAGIC.length];
  if (version !== CACHE_FORMAT_VERSION)
    throw new Error(`format version ${String(version)}, expected ${CACHE_FORMAT_VERSION}`);
  const ivStart = MAGIC.length + 1;
  const iv = file.subarray(ivStart, ivStart + IV_BYTES);
  const tag = file.subarray(ivStart + IV_BYTES, HEADER_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(aad(accountId));
  decipher.setAuthTag(tag);
  let plaintext: string;
  try {
    plaintext = Buffer.concat([decipher.update(file.subarray(HEADER_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    throw new Error('authentication failed (wrong key, truncated or corrupt)');
  }
  let json: unknown;
  try {
    json = JSON.parse(plaintext);
  } catch {
    throw new Error('snapshot is not JSON'); // Node's message would quote content: keep it out of logs.
  }
  const parsed = cacheSnapshotSchema.safeParse(json);
  if (!parsed.success) throw new Error('unexpected snapshot shape');
  if (parsed.data.accountId !== accountId) throw new Error('snapshot of another account');
  return parsed.data;
}
