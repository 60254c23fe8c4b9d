import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sourceBytes } from '../../../../electron/core/message/message-parser.js';

describe('sourceBytes (Gmail’s base64url source, decoded a slice at a time for the parse worker)', () => {
  it('decodes exactly as Buffer does, whatever the slice size', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), fc.integer({ min: 1, max: 64 }), async (data, slice) => {
        const raw = Buffer.from(data).toString('base64url');
        expect(Buffer.from(await sourceBytes(raw, slice))).toEqual(Buffer.from(raw, 'base64url'));
      }),
      { numRuns: 300 },
    );
  });

  it('gives bytes in an ArrayBuffer of their own, so transferring them moves nothing else', async () => {
    const bytes = await sourceBytes(Buffer.from('tiny').toString('base64url'));
    expect(bytes.byteOffset).toBe(0);
    expect(bytes.buffer.byteLength).toBeLessThanOrEqual(4);
  });
});
