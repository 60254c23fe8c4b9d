/**
 * Glance's data folder holds the settings, the encrypted mail stores and the logs: only the person's own
 * account may list or read it (0700), whatever the umask or an earlier version left. Windows keeps its own
 * per-user ACLs on the profile folder, so nothing is changed there.
 */
import { chmod, mkdir } from 'node:fs/promises';
import type { Logger } from '../logging.js';

export async function makePrivateFolder(
  folder: string,
  logger: Logger,
  platform: string = process.platform,
): Promise<void> {
  try {
    await mkdir(folder, { recursive: true, mode: 0o700 });
    if (platform !== 'win32') await chmod(folder, 0o700);
  } catch (error) {
    // Not fatal: each file in it is written 0600 and the mail itself is encrypted.
    logger.warn('Could not make the data folder private', { code: (error as NodeJS.ErrnoException).code });
  }
}
