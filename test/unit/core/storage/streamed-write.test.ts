import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chunksOf, writeStreamAtomic } from '../../../../electron/core/storage/atomic-file.js';

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');
const posix = process.platform !== 'win32';

describe('writeStreamAtomic (saving an attachment)', () => {
  it('writes a multi-MB file chunk by chunk, exactly, with its final mode, and no temp file left', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'glance-stream-'));
    const bytes = randomBytes(5 * 1024 * 1024 + 17);
    const target = join(folder, 'archive.bin');
    await writeStreamAtomic(target, chunksOf(bytes, 256 * 1024), { mode: 0o644 });
    expect(sha256(await readFile(target))).toBe(sha256(bytes));
    expect(await readdir(folder)).toEqual(['archive.bin']);
    if (posix) expect((await stat(target)).mode & 0o777).toBe(0o644);
  });

  it('keeps the file private (0600) while it is written, under a hidden temp name beside the target', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'glance-stream-'));
    const seen: Array<{ name: string; mode: number }> = [];
    async function* source() {
      yield new Uint8Array(1024).fill(1);
      await new Promise((resolve) => setTimeout(resolve, 50));
      for (const name of await readdir(folder))
        seen.push({ name, mode: (await stat(join(folder, name))).mode & 0o777 });
      yield new Uint8Array(1024).fill(2);
    }
    await writeStreamAtomic(join(folder, 'notes.txt'), source(), { mode: 0o644 });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.name).toMatch(/^\.notes\.txt\.tmp-[0-9a-f]{12}$/);
    if (posix) expect(seen[0]!.mode).toBe(0o600);
    expect(await readdir(folder)).toEqual(['notes.txt']);
  });

  it('leaves no half file when the bytes stop coming, and an earlier file of that name untouched', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'glance-stream-'));
    const target = join(folder, 'report.pdf');
    await writeFile(target, 'the earlier report');
    async function* failing() {
      yield new Uint8Array(2 * 1024 * 1024).fill(3);
      throw new Error('the source failed half-way');
    }
    await expect(writeStreamAtomic(target, failing(), { mode: 0o644 })).rejects.toThrow('half-way');
    expect(await readdir(folder)).toEqual(['report.pdf']);
    expect(await readFile(target, 'utf8')).toBe('the earlier report');
  });

  it('leaves no temp file when the last step fails (a folder stands where the file should go)', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'glance-stream-'));
    await mkdir(join(folder, 'taken'));
    await expect(
      writeStreamAtomic(join(folder, 'taken'), chunksOf(randomBytes(3 * 1024 * 1024)), { mode: 0o644 }),
    ).rejects.toMatchObject({
      code: expect.stringMatching(/^E(ISDIR|EXIST|PERM|NOTEMPTY|ACCES)$/),
    });
    expect(await readdir(folder)).toEqual(['taken']);
    expect(await readdir(join(folder, 'taken'))).toEqual([]);
  });

  it('never creates the folder: a folder that is gone is an error', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'glance-stream-'));
    await expect(
      writeStreamAtomic(join(folder, 'gone', 'a.txt'), chunksOf(new Uint8Array(10)), { mode: 0o644 }),
    ).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await readdir(folder)).toEqual([]);
  });
});
