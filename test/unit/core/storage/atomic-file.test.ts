import type * as FsPromises from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { mkdir, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { writeFileAtomic } from '../../../../electron/core/storage/atomic-file.js';

/** Makes the next temp file's writes fail, the way a full disk does (the real file system is used otherwise). */
const diskFull = vi.hoisted(() => ({ on: false }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof FsPromises>();
  const open = async (...args: Parameters<typeof actual.open>): Promise<FileHandle> => {
    const handle = await actual.open(...args);
    if (diskFull.on && String(args[0]).includes('.tmp-')) {
      handle.writeFile = async () => {
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      };
    }
    return handle;
  };
  return { ...actual, open, default: { ...actual, open } };
});

afterEach(() => {
  diskFull.on = false;
});

describe('writeFileAtomic', () => {
  it('replaces the file and leaves no temp file behind', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'glance-atomic-'));
    const path = join(dir, 'nested', 'data.json');
    await writeFileAtomic(path, 'one');
    await writeFileAtomic(path, 'two');
    expect(await readFile(path, 'utf8')).toBe('two');
    expect(await readdir(join(dir, 'nested'))).toEqual(['data.json']);
  });

  it('keeps the previous file when the rename cannot happen', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'glance-atomic-'));
    // A directory where the file should be makes rename fail after the temp file was written.
    const path = join(dir, 'target');
    await mkdir(path);
    await writeFile(join(path, 'keep'), 'old');
    await expect(writeFileAtomic(path, 'new')).rejects.toThrow();
    expect(await readFile(join(path, 'keep'), 'utf8')).toBe('old');
    expect((await readdir(dir)).filter((name) => name.includes('.tmp-'))).toEqual([]);
  });

  it('removes its partial temp file and keeps the previous file when the write fails', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'glance-atomic-'));
    const path = join(dir, 'data.json');
    await writeFileAtomic(path, 'old');
    diskFull.on = true;
    await expect(writeFileAtomic(path, 'new')).rejects.toThrow(/ENOSPC/);
    expect(await readFile(path, 'utf8')).toBe('old');
    expect(await readdir(dir)).toEqual(['data.json']);
  });
});
