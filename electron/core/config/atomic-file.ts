/**
 * Atomic file replacement: write a temp file next to the target, fsync it, rename it over the target,
 * then fsync the folder. A crash leaves either the old or the new file, never a half-written one.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';

export async function writeFileAtomic(targetPath: string, contents: string | Uint8Array, mode = 0o600): Promise<void> {
  const folder = dirname(targetPath);
  await mkdir(folder, { recursive: true });
  const tempPath = join(folder, `.${basename(targetPath)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(tempPath, 'wx', mode);
    try {
      await handle.writeFile(contents);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tempPath, targetPath);
  } catch (error) {
    await rm(tempPath, { force: true });
    throw error;
  }
  await syncFolder(folder);
}

/** Makes the rename durable. Not every platform lets a folder be opened (Windows), so failure is ignored. */
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
