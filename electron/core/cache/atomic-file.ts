/**
 * Atomic file replacement: write a temp file next to the target, fsync it, rename it over the target,
 * fsync the folder. A crash (or an error) before the rename leaves the previous file untouched.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface AtomicWriteHooks {
  /** Test seam: runs after the temp file is durable and before the rename (throw to simulate a crash). */
  beforeRename?: (tempPath: string) => Promise<void> | void;
}

const TEMP_MARK = '.tmp-';

export async function writeFileAtomic(path: string, data: Uint8Array, hooks: AtomicWriteHooks = {}): Promise<void> {
  const folder = dirname(path);
  await mkdir(folder, { recursive: true });
  const tempPath = join(folder, `${basename(path)}${TEMP_MARK}${randomBytes(6).toString('hex')}`);
  const handle = await open(tempPath, 'w', 0o600);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await hooks.beforeRename?.(tempPath);
    await rename(tempPath, path);
  } catch (error) {
    await rm(tempPath, { force: true });
    throw error;
  }
  // Make the rename itself durable. Some platforms (Windows) cannot open a folder; that is fine.
  try {
    const dir = await open(folder, 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  } catch {
    /* best effort */
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
  await Promise.all(names.filter((name) => name.startsWith(prefix)).map((name) => rm(join(folder, name), { force: true })));
}
