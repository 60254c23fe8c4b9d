import { describe, expect, it, vi } from 'vitest';
import { createMarkDownloaded, macQuarantineValue } from '../../../electron/main/mark-downloaded.js';

function fakes(platform: string) {
  const writeFile = vi.fn(async (_path: string, _data: string) => {});
  const execFile = vi.fn(async (_file: string, _args: string[]) => ({ stdout: '', stderr: '' }));
  // 2026-11-26T12:00:00.750Z
  const now = () => Date.UTC(2026, 10, 26, 12, 0, 0, 750);
  return { writeFile, execFile, mark: createMarkDownloaded({ platform, writeFile, execFile, now }) };
}

describe('createMarkDownloaded', () => {
  it('writes the Internet zone into the Zone.Identifier stream on Windows', async () => {
    const { writeFile, execFile, mark } = fakes('win32');
    await mark('C:\\Users\\alex\\Downloads\\invoice.exe');
    expect(writeFile.mock.calls).toEqual([
      ['C:\\Users\\alex\\Downloads\\invoice.exe:Zone.Identifier', '[ZoneTransfer]\r\nZoneId=3\r\n'],
    ]);
    expect(execFile).not.toHaveBeenCalled();
  });

  it('sets the quarantine attribute on macOS, passing the path as one argument', async () => {
    const { writeFile, execFile, mark } = fakes('darwin');
    await mark('/Users/alex/Downloads/report; rm -rf ~.docm');
    const seconds = Math.floor(Date.UTC(2026, 10, 26, 12) / 1000).toString(16);
    expect(execFile.mock.calls).toEqual([
      [
        'xattr',
        ['-w', 'com.apple.quarantine', `0081;${seconds};Glance;`, '/Users/alex/Downloads/report; rm -rf ~.docm'],
      ],
    ]);
    expect(writeFile).not.toHaveBeenCalled();
  });

  it('does nothing on Linux, which has no such mark', async () => {
    const { writeFile, execFile, mark } = fakes('linux');
    await mark('/home/alex/Downloads/run.sh');
    expect(writeFile).not.toHaveBeenCalled();
    expect(execFile).not.toHaveBeenCalled();
  });

  it('passes failures on to the caller, which decides they are not fatal', async () => {
    const { writeFile, mark } = fakes('win32');
    writeFile.mockRejectedValueOnce(new Error('EINVAL: the drive has no alternate data streams'));
    await expect(mark('E:\\invoice.exe')).rejects.toThrow(/alternate data streams/);
  });
});

describe('macQuarantineValue', () => {
  it('writes whole seconds in hex', () => {
    expect(macQuarantineValue(0x5f3e1a2b * 1000 + 999)).toBe('0081;5f3e1a2b;Glance;');
  });
});
