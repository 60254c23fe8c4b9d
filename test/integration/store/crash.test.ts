/**
 * A process writing to the store is killed with SIGKILL at random moments, 50 times in a row on the same
 * file: the database opens every time and holds exactly the last committed generation (the last one the
 * writer reported, or the one whose commit finished just before it could report it).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountDatabase, openDatabase } from '../../../electron/core/store/account-database.js';
import { generation } from './fixtures/store-generations.js';

const WRITER = fileURLToPath(new URL('./fixtures/store-writer.ts', import.meta.url));
const KILLS = 50;

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'glance-crash-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Runs the writer until `killAfterMs` after it is ready, kills it; resolves the last generation it reported (null: none). */
function runAndKill(path: string, keyHex: string, killAfterMs: number): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, path, keyHex], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let killTimer: NodeJS.Timeout | undefined;
    const giveUp = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (killTimer === undefined && out.includes('ready\n'))
        killTimer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      clearTimeout(giveUp);
      clearTimeout(killTimer);
      if (signal !== 'SIGKILL' || killTimer === undefined)
        return reject(new Error(`the writer ended on its own (${String(signal)}): ${err.slice(0, 2000)}`));
      const reported = out
        .split('\n')
        .filter((line) => /^\d+$/.test(line))
        .map(Number);
      resolve(reported.at(-1) ?? null);
    });
  });
}

describe('the store across SIGKILL', () => {
  it(`opens after each of ${KILLS} kills at random moments and holds exactly the last committed state`, async () => {
    const path = join(dir, 'crash.db');
    const key = randomBytes(32);
    let committedBefore = 0;
    let seed = Date.now() % 2 ** 31;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const started = seed;
    const seen: number[] = [];
    for (let kill = 0; kill < KILLS; kill++) {
      // Nothing reported: the writer was killed before its first commit finished (or just after it).
      const reported = (await runAndKill(path, key.toString('hex'), Math.floor(random() * 60))) ?? committedBefore;
      const db = new AccountDatabase(openDatabase(path, key, 'crash'), 'crash', 8_000);
      try {
        const loaded = db.load();
        const held = Number(loaded?.historyId ?? 0);
        const context = `kill ${kill} (seed ${started}): reported ${reported}, holds ${held}`;
        // The commit after the last report may have finished before the kill; nothing earlier may be lost.
        expect([reported, reported + 1], context).toContain(held);
        expect(held, context).toBeGreaterThanOrEqual(committedBefore);
        if (held > 0) {
          const expected = generation(held);
          expect(loaded!.historyId, context).toBe(expected.historyId);
          expect({ ...loaded!, messages: [], bodies: [] }, context).toEqual({ ...expected, messages: [], bodies: [] });
          expect(new Map(loaded!.messages.map((m) => [m.id, m])), context).toEqual(
            new Map(expected.messages.map((m) => [m.id, m])),
          );
          // The byte cap (8,000) keeps the four newest 2,000-byte bodies.
          expect(db.storedBodies(), context).toEqual(expected.bodies.slice(-4));
        }
        committedBefore = held;
        seen.push(held);
      } finally {
        db.close();
      }
    }
    // The kills landed at different points: the writer made progress between them.
    expect(new Set(seen).size).toBeGreaterThan(10);
  }, 240_000);
});
