/** Small deterministic helpers: the mailbox must be identical for the same seed on every run. */
import { createHash, randomBytes } from 'node:crypto';

/** mulberry32: tiny, fast, good enough for picking fake senders. Returns floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A 32-bit number derived from any parts (FNV-1a + a murmur3 finalizer), for seeding per-message
 * generators independently of order. Not cryptographic; crypto hashes were the generator's bottleneck.
 */
export function hash32(...parts: Array<string | number>): number {
  let hash = 0x811c9dc5;
  const text = parts.join('\u0000');
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick() needs a non-empty list');
  return item;
}

/** Google's numeric account ids are 21 digits; derive one stably from the email. */
export function numericUserId(email: string): string {
  const digest = createHash('sha256').update(email.toLowerCase()).digest();
  let digits = '1';
  for (const byte of digest) {
    if (digits.length >= 21) break;
    digits += String(byte % 10);
  }
  return digits;
}

/** Random URL-safe characters (base64url without padding). */
export function randomToken(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

/** base64url of bytes keeping the `=` padding, as Gmail sends `body.data` and `raw`. */
export function base64UrlPadded(data: Uint8Array): string {
  return Buffer.from(data).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
}
