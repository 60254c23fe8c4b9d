import { mkdir, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../../../electron/core/storage/atomic-file.js';

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
});
