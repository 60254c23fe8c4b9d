/**
 * Google batch format (developers.google.com/gmail/api/guides/batch): a multipart/mixed body whose parts
 * are `application/http` requests with path-only URLs; the response mirrors each part with
 * `Content-ID: <response-…>` and its own status line, in request order.
 */
import { parseHeaderParams } from './mime.js';
import { randomToken } from './random.js';

export const MAX_BATCH_PARTS = 100;

export interface BatchPartRequest {
  /** The part's Content-ID without angle brackets, if it had one. */
  contentId: string | undefined;
  method: string;
  /** Request target as written (path + query); full URLs are rejected per part. */
  target: string;
  headers: Record<string, string>;
  body: Buffer;
}

export class BatchFormatError extends Error {}

/** Splits a multipart/mixed batch body into part requests. Throws BatchFormatError when it is not one. */
export function parseBatchRequest(contentType: string, body: Buffer): BatchPartRequest[] {
  const { value, params } = parseHeaderParams(contentType);
  if (value !== 'multipart/mixed' || !params.boundary)
    throw new BatchFormatError('Invalid multipart request: expected Content-Type multipart/mixed with a boundary.');
  const text = body.toString('latin1');
  const delimiter = `--${params.boundary}`;
  const sections = text.split(delimiter);
  const parts: BatchPartRequest[] = [];
  for (const section of sections.slice(1)) {
    if (section.startsWith('--')) break;
    const content = section.replace(/^[ \t]*\r?\n/, '');
    const headerEnd = content.search(/\r?\n\r?\n/);
    if (headerEnd < 0)
      throw new BatchFormatError('Invalid multipart request: a part has no blank line after its headers.');
    const mimeHeaders = parseHeaderLines(content.slice(0, headerEnd));
    const httpText = content.slice(headerEnd).replace(/^\r?\n\r?\n/, '');
    const requestLineEnd = httpText.search(/\r?\n/);
    const requestLine = (requestLineEnd < 0 ? httpText : httpText.slice(0, requestLineEnd)).trim();
    const match = /^([A-Z]+)\s+(\S+)(?:\s+HTTP\/\d(?:\.\d)?)?$/.exec(requestLine);
    if (!match?.[1] || !match[2])
      throw new BatchFormatError('Invalid multipart request: a part does not start with an HTTP request line.');
    const rest = requestLineEnd < 0 ? '' : httpText.slice(requestLineEnd).replace(/^\r?\n/, '');
    const bodyStart = rest.search(/\r?\n\r?\n|^\r?\n/);
    const headerText = bodyStart < 0 ? rest : rest.slice(0, bodyStart);
    const partBody =
      bodyStart < 0
        ? ''
        : rest
            .slice(bodyStart)
            .replace(/^(\r?\n){1,2}/, '')
            .replace(/\r?\n$/, '');
    const rawId = mimeHeaders['content-id'];
    parts.push({
      contentId: rawId ? rawId.replace(/^<|>$/g, '') : undefined,
      method: match[1],
      target: match[2],
      headers: parseHeaderLines(headerText),
      body: Buffer.from(partBody, 'latin1'),
    });
  }
  return parts;
}

function parseHeaderLines(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of text.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

export interface BatchPartResponse {
  contentId: string | undefined;
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
}

const REASONS: Record<number, string> = {
  200: 'OK',
  204: 'No Content',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

export function buildBatchResponse(
  parts: BatchPartResponse[],
  boundary = `batch_${randomToken(18)}`,
): { contentType: string; body: Buffer } {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const body = typeof part.body === 'string' ? Buffer.from(part.body, 'utf8') : part.body;
    const head = [
      `--${boundary}`,
      'Content-Type: application/http',
      ...(part.contentId !== undefined ? [`Content-ID: <response-${part.contentId}>`] : []),
      '',
      `HTTP/1.1 ${part.status} ${REASONS[part.status] ?? 'Status'}`,
      ...Object.entries(part.headers).map(([name, value]) => `${name}: ${value}`),
      'Vary: Origin',
      'Vary: X-Origin',
      'Vary: Referer',
      `Content-Length: ${body.length}`,
      '',
      '',
    ].join('\r\n');
    chunks.push(Buffer.from(head, 'utf8'), body, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { contentType: `multipart/mixed; boundary=${boundary}`, body: Buffer.concat(chunks) };
}
