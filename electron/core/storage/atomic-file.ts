/**
 * Atomic file replacement: write a temp file next to the target, fsync it, rename it over the target,
 * then fsync the folder. A crash (or an error) before the rename leaves the previous file untouched;
 * after it, the new file is complete. Every file Glance keeps is written through here.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { chmod, mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface AtomicWriteOptions {
  /** File permissions; private to the person by default. */
  mode?: number;
  /** Test seam: runs after the temp file is durable and before the rename (throw to simulate a crash). */
  beforeRename?: (tempPath: string) => Promise<void> | void;
}

const TEMP_MARK = '.tmp-';

export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const folder = dirname(path);
  await mkdir(folder, { recursive: true });
  const tempPath = join(folder, `${basename(path)}${TEMP_MARK}${randomBytes(6).toString('hex')}`);
  const handle = await open(tempPath, 'wx', options.mode ?? 0o600);
  // Any failure from here on (disk full while writing, sync, rename) removes the partial temp file.
  try {
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await options.beforeRename?.(tempPath);
    await rename(tempPath, path);
  } catch (error) {
    await rm(tempPath, { force: true });
    throw error;
  }
  await syncFolder(folder);
}

/** Bytes handed to the write stream at a time when saving a large file. */
export const STREAM_CHUNK_BYTES = 1024 * 1024;

export interface StreamedWriteOptions {
  /** The finished file's permissions; it is private (0600) while incomplete. */
  mode: number;
}

/**
 * Writes a large file (a saved attachment) through a write stream, chunk by chunk, to a private temp file
 * beside the target, then gives it its final mode and renames it over the target. The folder is the one the
 * person chose: it is never created. Any failure removes the temp file, so no half file is left behind.
 */
export async function writeStreamAtomic(
  path: string,
  chunks: Iterable<Uint8Array> | AsyncIterable<Uint8Array>,
  options: StreamedWriteOptions,
): Promise<void> {
  const folder = dirname(path);
  const tempPath = join(folder, `.${basename(path)}${TEMP_MARK}${randomBytes(6).toString('hex')}`);
  try {
    await pipeline(
      Readable.from(chunks, { objectMode: false }),
      createWriteStream(tempPath, { flags: 'wx', mode: 0o600, flush: true }),
    );
    await chmod(tempPath, options.mode);
    await rename(tempPath, path);
  } catch (error) {
    await rm(tempPath, { force: true });
    throw error;
  }
  await syncFolder(folder);
}

/** A byte array as views of at most `size` bytes each (no copy). */
export function* chunksOf(bytes: Uint8Array, size = STREAM_CHUNK_BYTES): Generator<Uint8Array> {
  for (let offset = 0; offset < bytes.byteLength; offset += size) yield bytes.subarray(offset, offset + size);
}

/** Makes the rename itself durable. Some platforms (Windows) cannot open a folder; that is fine. */
async function syncFolder(folder: string): Promise<void> {
  try {
    const handle = await open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Best effort only.
  }
}

/** Deletes temp files left by a write that never reached its rename (e.g. the app was killed). */
export async function removeStaleTempFiles(path: string): Promise<void> {
  const folder = dirname(path);
  const prefix = `${basename(path)}${TEMP_MARK}`;
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return;
  }
  await Promise.all(
    names.filter((name) => name.startsWith(prefix)).map((name) => rm(join(folder, name), { force: true })),
  );
}
