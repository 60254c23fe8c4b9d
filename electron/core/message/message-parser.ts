/**
 * Where a message is parsed. The app parses on a worker thread (worker-parser.ts + message-worker.ts), so a
 * 50 MB message never holds up the main process's IPC and window events; Node tests may choose this thread
 * (inThreadMessageParser). Both run the same functions (message-content.ts) and give the same answers.
 */
import type { MessageContent } from '../../shared/ipc-contract.js';
import {
  attachmentPart,
  messageContent,
  type AttachmentPart,
  type ContentOptions,
  type MessageSource,
  type RawMessage,
} from './message-content.js';

export interface MessageParser {
  /** What the reader shows of a message (bounded text, attachment metadata). */
  content(message: RawMessage, options?: ContentOptions): Promise<MessageContent>;
  /** One attachment's decoded bytes, to save; null when the message has no such part. */
  attachment(raw: string, index: number): Promise<AttachmentPart | null>;
  /** Stops any worker; pending parses reject. */
  close(): Promise<void>;
}

/** Parses on the calling thread: for tests and scripts, never for the app's main process. */
export const inThreadMessageParser: MessageParser = {
  content: (message, options) => messageContent(message, options),
  attachment: (raw, index) => attachmentPart(raw, index),
  close: async () => {},
};

/** Base64url characters decoded between two turns of the event loop (3 MB of bytes, ~10 ms). */
export const DECODE_SLICE_CHARS = 4 * 1024 * 1024;

/**
 * Gmail's base64url source as bytes in an ArrayBuffer of their own (never a slice of Node's shared Buffer
 * pool), so it can be transferred to a worker instead of copied. Decoded a slice at a time, yielding to the
 * event loop in between: 67 MB of base64url takes a few hundred milliseconds, which IPC and window events
 * must not wait for.
 */
export async function sourceBytes(raw: string, sliceChars = DECODE_SLICE_CHARS): Promise<Uint8Array> {
  const bytes = new Uint8Array(Buffer.byteLength(raw, 'base64url'));
  const target = Buffer.from(bytes.buffer, 0, bytes.byteLength);
  // Whole groups of four characters decode to whole groups of three bytes, so slices join exactly.
  const step = Math.max(4, sliceChars - (sliceChars % 4));
  let written = 0;
  for (let start = 0; start < raw.length; start += step) {
    if (start > 0) await new Promise<void>((resolve) => setImmediate(resolve));
    written += target.write(raw.slice(start, start + step), written, 'base64url');
  }
  return bytes.subarray(0, written);
}

// --- What travels between the main process and the parse worker ------------------------------------------

export type ParseJob =
  | { id: number; kind: 'content'; message: MessageSource & { raw: Uint8Array }; options: ContentOptions }
  | { id: number; kind: 'attachment'; raw: Uint8Array; index: number };

export type ParseReply =
  | { kind: 'ready' }
  | { kind: 'done'; id: number; value: MessageContent | AttachmentPart | null }
  | { kind: 'failed'; id: number; error: { name: string; message: string } };
