import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_LOG_FILE_BYTES, DEFAULT_LOG_FILES, openRotatingLogFile } from '../../../electron/core/log-file.js';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the rotating log file', () => {
  it('keeps 3 files of 5 MB by default: the oldest lines go, the newest stay', () => {
    expect(DEFAULT_LOG_FILE_BYTES).toBe(5 * 1024 * 1024);
    expect(DEFAULT_LOG_FILES).toBe(3);
    dir = mkdtempSync(join(tmpdir(), 'glance-logs-'));
    const log = openRotatingLogFile({ dir, now: () => Date.parse('2026-12-07T12:00:00Z') });
    const filler = 'x'.repeat(1000);
    // ~20 MB of lines: more than the three files hold.
    for (let index = 0; index < 20_000; index++) log.sink('info', `line ${index} ${filler}`);
    expect(readdirSync(dir).sort()).toEqual(['glance.1.log', 'glance.2.log', 'glance.log']);
    for (const path of log.paths) expect(statSync(path).size).toBeLessThanOrEqual(DEFAULT_LOG_FILE_BYTES);
    expect(readFileSync(log.path, 'utf8')).toContain('line 19999 ');
    const oldest = readFileSync(log.paths[2]!, 'utf8');
    expect(oldest).not.toContain('line 0 ');
    expect(oldest.startsWith('2026-12-07T12:00:00.000Z info  line ')).toBe(true);
  });

  it('tail() gives the last lines across files, oldest first; a line stays one line', () => {
    dir = mkdtempSync(join(tmpdir(), 'glance-logs-'));
    const log = openRotatingLogFile({ dir, maxBytes: 200, files: 3 });
    for (let index = 0; index < 12; index++) log.sink('warn', `event ${index}`);
    log.sink('error', 'two\nlines');
    const tail = log.tail(5);
    expect(tail).toHaveLength(5);
    expect(tail.map((line) => line.replace(/^\S+ \S+\s+/, ''))).toEqual([
      'event 8',
      'event 9',
      'event 10',
      'event 11',
      'two ⏎ lines',
    ]);
  });

  it('a folder that cannot be written does not throw into the app', () => {
    dir = mkdtempSync(join(tmpdir(), 'glance-logs-'));
    const log = openRotatingLogFile({ dir });
    rmSync(dir, { recursive: true, force: true });
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args.join(' '));
    try {
      expect(() => log.sink('info', 'after the folder went away')).not.toThrow();
      log.sink('info', 'again');
    } finally {
      console.error = original;
    }
    expect(errors).toEqual(['[glance] the log file cannot be written (ENOENT)']);
  });
});
