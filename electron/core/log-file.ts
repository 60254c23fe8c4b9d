/**
 * Glance's log file: `glance.log` in the platform's logs folder, rotated by size into `glance.1.log` and
 * `glance.2.log` (3 files × 5 MB by default), so a person can attach it to a bug report and it never grows
 * without bound. Lines arrive already redacted (logging.ts). Written synchronously: log lines are few, and a
 * crash must not lose the line that explains it.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { LogLevel, LogSink } from './logging.js';

export const LOG_FILE_NAME = 'glance.log';
export const DEFAULT_LOG_FILE_BYTES = 5 * 1024 * 1024;
export const DEFAULT_LOG_FILES = 3;

export interface RotatingLogFile {
  /** Appends one line (the sink a logger writes to). */
  sink: LogSink;
  /** The current file's path. */
  readonly path: string;
  /** Every file, newest first (`glance.log`, `glance.1.log`, …), whether it exists or not. */
  readonly paths: readonly string[];
  /** The last `count` lines across the files, oldest first (for "Copy diagnostics"). */
  tail(count: number): string[];
}

export interface RotatingLogFileOptions {
  dir: string;
  maxBytes?: number;
  /** Files kept, the current one included. */
  files?: number;
  /** Epoch ms for each line's time stamp; default Date.now. */
  now?: () => number;
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

export function openRotatingLogFile(options: RotatingLogFileOptions): RotatingLogFile {
  const maxBytes = options.maxBytes ?? DEFAULT_LOG_FILE_BYTES;
  const files = Math.max(1, options.files ?? DEFAULT_LOG_FILES);
  const now = options.now ?? Date.now;
  const paths = Array.from({ length: files }, (_, index) =>
    join(options.dir, index === 0 ? LOG_FILE_NAME : LOG_FILE_NAME.replace(/\.log$/, `.${index}.log`)),
  );
  const current = paths[0]!;
  let size = sizeOf(current);
  let broken = false;
  const giveUp = (error: unknown) => {
    // A full, read-only or missing disk must not take Glance down: say so once on the console, stop writing.
    broken = true;
    console.error(`[glance] the log file cannot be written (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  };
  try {
    mkdirSync(options.dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    giveUp(error);
  }

  const rotate = () => {
    rmSync(paths[paths.length - 1]!, { force: true });
    for (let index = paths.length - 2; index >= 0; index--) {
      if (existsSync(paths[index]!)) renameSync(paths[index]!, paths[index + 1]!);
    }
    size = 0;
  };

  const sink = (level: LogLevel, line: string) => {
    if (broken) return;
    const text = `${new Date(now()).toISOString()} ${level.padEnd(5)} ${line.replace(/\r?\n/g, ' ⏎ ')}\n`;
    const bytes = Buffer.byteLength(text);
    try {
      if (size > 0 && size + bytes > maxBytes) rotate();
      appendFileSync(current, text);
      size += bytes;
    } catch (error) {
      giveUp(error);
    }
  };

  const tail = (count: number): string[] => {
    const lines: string[] = [];
    for (const path of paths) {
      if (lines.length >= count) break;
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch {
        continue;
      }
      const fileLines = text.split('\n').filter((entry) => entry.length > 0);
      lines.unshift(...fileLines.slice(-(count - lines.length)));
    }
    return lines.slice(-count);
  };

  return { sink, path: current, paths, tail };
}
