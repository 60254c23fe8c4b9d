/**
 * Gmail batch requests (multipart/mixed, https://developers.google.com/gmail/api/guides/batch).
 * googleapis has no batch helper, so this is the encoder/decoder; parts are built from the same `gmail_v1`
 * parameter types the client's methods take. Each part is an `application/http`
 * request with a path-only URL; the outer Authorization header covers every part. Responses are mapped
 * back by Content-ID (`<response-ID>`), never by position: Google does not promise the order.
 */
import { randomBytes } from 'node:crypto';
import type { gmail_v1 } from '@googleapis/gmail';

export type Query = Record<string, string | number | boolean | string[] | undefined>;

/** One batch part's path (under `gmail/v1/users/me/`) and query, from the `gmail_v1` parameters of the call. */
export function messagesGetPart(params: gmail_v1.Params$Resource$Users$Messages$Get): { path: string; query: Query } {
  const { id, userId: _userId, ...query } = params;
  return { path: `messages/${encodeURIComponent(id ?? '')}`, query: query as Query };
}

export interface BatchPartRequest {
  /** Unique within the batch; echoed back as `<response-ID>`. */
  id: string;
  method: 'GET' | 'POST';
  /** Path and query only, e.g. `/gmail/v1/users/me/messages/abc?format=metadata`. */
  path: string;
  body?: unknown;
}

export interface BatchPartResponse {
  id: string;
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON body, or undefined when the part had no (or no valid) JSON body. */
  body: unknown;
}

export const MAX_BATCH_PARTS = 50; // Google: ≤100 allowed, >50 "not recommended".

export function encodeBatch(
  parts: BatchPartRequest[],
  boundary = `batch_glance_${randomBytes(12).toString('hex')}`,
): {
  contentType: string;
  body: string;
} {
  if (parts.length === 0) throw new Error('A batch needs at least one request.');
  if (parts.length > MAX_BATCH_PARTS)
    throw new Error(`A batch holds at most ${MAX_BATCH_PARTS} requests (got ${parts.length}).`);
  const chunks: string[] = [];
  for (const part of parts) {
    chunks.push(
      `--${boundary}`,
      'Content-Type: application/http',
      'Content-Transfer-Encoding: binary',
      `Content-ID: <${part.id}>`,
      '',
      `${part.method} ${part.path} HTTP/1.1`,
    );
    if (part.body !== undefined) {
      const json = JSON.stringify(part.body);
      chunks.push(
        'Content-Type: application/json; charset=UTF-8',
        `Content-Length: ${Buffer.byteLength(json)}`,
        '',
        json,
      );
    } else {
      chunks.push('');
    }
  }
  chunks.push(`--${boundary}--`, '');
  return { contentType: `multipart/mixed; boundary=${boundary}`, body: chunks.join('\r\n') };
}

export function boundaryOf(contentType: string | null | undefined): string {
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
  const boundary = match?.[1] ?? match?.[2];
  if (!boundary) throw new Error('The batch response is not multipart (no boundary).');
  return boundary;
}

function parseHeaderBlock(block: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of block.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/** Splits `head\r\n\r\nrest` (tolerating bare \n line ends). */
function splitOnBlankLine(text: string): [string, string] {
  const match = /\r?\n\r?\n/.exec(text);
  if (!match) return [text, ''];
  return [text.slice(0, match.index), text.slice(match.index + match[0].length)];
}

/** The request id a response Content-ID refers to: `<response-abc>` → `abc`. */
function requestIdOf(contentId: string | undefined): string | undefined {
  if (!contentId) return undefined;
  const inner = contentId.replace(/^<|>$/g, '');
  return inner.startsWith('response-') ? inner.slice('response-'.length) : inner;
}

export function decodeBatchResponse(
  contentType: string | null | undefined,
  body: string,
): Map<string, BatchPartResponse> {
  const boundary = boundaryOf(contentType);
  const results = new Map<string, BatchPartResponse>();
  const segments = body.split(`--${boundary}`);
  // segments[0] is the preamble; the last one starts with "--" (the close delimiter).
  for (const raw of segments.slice(1)) {
    if (raw.startsWith('--')) break;
    const segment = raw.replace(/^\r?\n/, '');
    const [mimeHead, httpMessage] = splitOnBlankLine(segment);
    const id = requestIdOf(parseHeaderBlock(mimeHead)['content-id']);
    if (id === undefined) continue;
    const [statusAndHeaders, payload] = splitOnBlankLine(httpMessage);
    const [statusLine = '', ...headerLines] = statusAndHeaders.split(/\r?\n/);
    const status = Number(/^HTTP\/\d(?:\.\d)?\s+(\d{3})/.exec(statusLine)?.[1] ?? NaN);
    const text = payload.replace(/\r?\n$/, '').trim();
    let parsed: unknown;
    if (text) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
    }
    results.set(id, {
      id,
      status: Number.isFinite(status) ? status : 0,
      headers: parseHeaderBlock(headerLines.join('\n')),
      body: parsed,
    });
  }
  return results;
}
