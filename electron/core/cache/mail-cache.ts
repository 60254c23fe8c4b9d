/**
 * The per-account local cache: `<dataDir>/cache/<accountId>.bin`, holding the listed messages' metadata,
 * the sync position (historyId) and recently opened raw bodies, so Glance can show mail before Google
 * answers. Encrypted with AES-256-GCM; the 32-byte key lives in the OS keychain (service "Glance Cache",
 * account = the account id), never on disk. Written atomically.
 *
 * File layout: "GLNC" | format version (1 byte) | IV (12) | GCM tag (16) | ciphertext of the JSON snapshot.
 * The magic, version and account id are authenticated (AAD), so a file copied from another account or
 * edited by hand fails to open. Anything that does not open — corrupt, truncated, wrong key, other
 * version — is discarded with a log line (never content) and rebuilt from Google.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { Logger } from '../logging.js';
import type { AppPaths, SecretStore } from '../ports.js';
import { removeStaleTempFiles, writeFileAtomic, type AtomicWriteOptions } from '../storage/atomic-file.js';

export const CACHE_KEYCHAIN_SERVICE = 'Glance Cache';
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

export interface MailCacheOptions {
  paths: AppPaths;
  secretStore: SecretStore;
  logger: Logger;
  /** Test seam for the atomic write. */
  writeHooks?: AtomicWriteOptions;
}

export type CacheLoad =
  | { status: 'loaded'; snapshot: CacheSnapshot }
  | { status: 'empty' } // no file yet, or it was discarded
  | { status: 'unavailable' }; // keychain unavailable: run without a cache

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

export class MailCache {
  /** Keys already read from (or written to) the keychain, so a save does not ask the keychain again. */
  private readonly keys = new Map<string, Buffer>();

  constructor(private readonly options: MailCacheOptions) {}

  pathFor(accountId: string): string {
    // Account ids are Google's numeric ids (the contract allows [A-Za-z0-9_.@-]); keep the file name tame anyway.
    return join(this.options.paths.dataDir, 'cache', `${accountId.replace(/[^A-Za-z0-9_.@-]/g, '_')}.bin`);
  }

  private async key(accountId: string, create: boolean): Promise<Buffer | null> {
    const known = this.keys.get(accountId);
    if (known) return known;
    const stored = await this.options.secretStore.get(CACHE_KEYCHAIN_SERVICE, accountId);
    if (stored) {
      const key = Buffer.from(stored, 'base64');
      if (key.length === 32) {
        this.keys.set(accountId, key);
        return key;
      }
      this.options.logger.warn('cache: the keychain holds a cache key of the wrong size; making a new one', {
        accountId,
      });
    }
    if (!create) return null;
    const key = randomBytes(32);
    await this.options.secretStore.set(CACHE_KEYCHAIN_SERVICE, accountId, key.toString('base64'));
    this.keys.set(accountId, key);
    return key;
  }

  async load(accountId: string): Promise<CacheLoad> {
    const path = this.pathFor(accountId);
    await removeStaleTempFiles(path);
    let file: Buffer;
    try {
      file = await readFile(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'empty' };
      this.options.logger.warn('cache: could not read the cache file; starting without it', {
        accountId,
        code: (error as NodeJS.ErrnoException).code ?? 'unknown',
      });
      return { status: 'empty' };
    }
    let key: Buffer | null;
    try {
      key = await this.key(accountId, false);
    } catch (error) {
      this.options.logger.warn('cache: keychain unavailable; running without a local cache', {
        accountId,
        error: (error as Error).name,
      });
      return { status: 'unavailable' };
    }
    if (!key) {
      this.options.logger.warn(
        'cache: no cache key in the keychain; discarding the cache file and rebuilding from Google',
        { accountId },
      );
      await rm(path, { force: true });
      return { status: 'empty' };
    }
    try {
      return { status: 'loaded', snapshot: openSnapshot(key, accountId, file) };
    } catch (error) {
      this.options.logger.warn('cache: discarding an unreadable cache file and rebuilding from Google', {
        accountId,
        reason: (error as Error).message,
      });
      await rm(path, { force: true });
      return { status: 'empty' };
    }
  }

  /** Resolves false (after a log line) when the keychain is unavailable: Glance then runs without a cache. */
  async save(snapshot: CacheSnapshot): Promise<boolean> {
    let key: Buffer | null;
    try {
      key = await this.key(snapshot.accountId, true);
    } catch (error) {
      this.options.logger.warn('cache: keychain unavailable; not saving the local cache', {
        accountId: snapshot.accountId,
        error: (error as Error).name,
      });
      return false;
    }
    await writeFileAtomic(this.pathFor(snapshot.accountId), sealSnapshot(key!, snapshot), this.options.writeHooks);
    return true;
  }

  /** Sign-out: delete the cache file and its key. */
  async remove(accountId: string): Promise<void> {
    const path = this.pathFor(accountId);
    this.keys.delete(accountId);
    await rm(path, { force: true });
    await removeStaleTempFiles(path);
    await this.options.secretStore.delete(CACHE_KEYCHAIN_SERVICE, accountId);
  }
}
